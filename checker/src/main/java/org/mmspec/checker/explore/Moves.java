package org.mmspec.checker.explore;

import java.util.Arrays;
import java.util.List;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * The successors of one thread's step from one state, as {@link SearchContext#successors} found them:
 * successor {@code i} is the state that choice {@code i} leads to. A search keeps one buffer per use and
 * refills it, so a deterministic system (at most one successor, taken from {@code step}) costs no
 * allocation per state.
 */
final class Moves<S> {

    private Object[] states = new Object[2];
    private int size;

    /** Holds {@code next} alone, or nothing when it is {@code null} (the thread cannot move). */
    void setStep(S next) {
        states[0] = next;
        size = next == null ? 0 : 1;
    }

    /** Holds {@code all}, in order. */
    void setAll(List<S> all) {
        int n = all.size();
        if (n > states.length) {
            states = new Object[Math.max(n, 2 * states.length)];
        }
        for (int i = 0; i < n; i++) {
            states[i] = all.get(i);
        }
        if (n < size) {
            Arrays.fill(states, n, size, null);
        }
        size = n;
    }

    /**
     * Holds thread {@code t}'s successors from {@code s}: the transient successor
     * ({@link TransitionSystem#stepTransient}: the caller copies it before the next step) when
     * {@code transientStep}, the one successor of a {@code deterministic} system, else all of them.
     */
    Moves<S> take(TransitionSystem<S> system, S s, int t, boolean transientStep, boolean deterministic) {
        if (transientStep) {
            setStep(system.stepTransient(s, t));
        } else if (deterministic) {
            setStep(system.step(s, t));
        } else {
            setAll(system.successors(s, t));
        }
        return this;
    }

    /** Forgets the states held. */
    void clear() {
        Arrays.fill(states, 0, size, null);
        size = 0;
    }

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    S get(int choice) {
        return (S) states[choice];
    }

    /** A copy of the successors from {@code from} on. */
    Object[] tail(int from) {
        return Arrays.copyOfRange(states, from, size);
    }
}
