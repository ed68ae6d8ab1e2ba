package org.mmspec.checker.explore;

import java.util.Arrays;
import java.util.List;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * The successors of one thread's step from one state, as {@link SearchContext#successors} found them:
 * successor {@code i} is the state that choice {@code i} leads to. A search keeps one buffer per use and
 * refills it, so a deterministic system (at most one successor, taken from {@code step}) costs no
 * allocation per state, nor does a nondeterministic one that writes its successors into buffers of its own
 * ({@link TransitionSystem#transientSuccessors}).
 */
final class Moves<S> {

    private Object[] states = new Object[2];
    private int size;
    /** The system {@link #transientAll} was found for (a buffer serves one system). */
    private TransitionSystem<S> checked;
    private boolean transientAll;

    /** One empty buffer for each of {@code threads} threads. */
    @SuppressWarnings("unchecked")
    static <S> Moves<S>[] perThread(int threads) {
        Moves<S>[] m = new Moves[threads];
        for (int t = 0; t < threads; t++) {
            m[t] = new Moves<>();
        }
        return m;
    }

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
     * Holds thread {@code t}'s successors from {@code s}, for a caller that copies each of them into a queue
     * of vectors before the next {@code take} when the system has {@link TransitionSystem#vectors} (both
     * parallel engines' workers do): a deterministic system's one successor, transient
     * ({@link TransitionSystem#stepTransient}) when {@code transientStep}, else from {@code step}; a
     * nondeterministic system's successors transient ({@link TransitionSystem#transientSuccessors}) when it has
     * vectors and gives them ({@link SearchContext#givesTransientSuccessors}), else from {@code successors}.
     */
    Moves<S> take(TransitionSystem<S> system, S s, int t, boolean transientStep, boolean deterministic) {
        if (deterministic) {
            setStep(transientStep ? system.stepTransient(s, t) : system.step(s, t));
        } else {
            if (system != checked) {
                checked = system;
                transientAll = SearchContext.givesTransientSuccessors(system);
            }
            setAll(transientAll ? system.transientSuccessors(s, t) : system.successors(s, t));
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
