package org.mmspec.checker.explore;

import java.util.ArrayList;
import java.util.List;
import org.mmspec.checker.result.BlockedThread;
import org.mmspec.checker.result.Deadlock;
import org.mmspec.checker.result.InvariantViolation;
import org.mmspec.checker.result.Violation;
import org.mmspec.spec.semantics.BlockReason;
import org.mmspec.spec.semantics.Fault;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.TransitionSystem;
import org.mmspec.spec.semantics.Witness;

/** Decides whether a state is bad: its recorded fault first, then the invariants in list order. */
final class StateJudge<S> {

    private final TransitionSystem<S> system;
    private final List<? extends Invariant<? super S>> invariants;
    /** {@link #invariants} as an array, for the per-state loops (no iterator per state and invariant list). */
    private final Invariant<? super S>[] each;

    @SuppressWarnings("unchecked")
    StateJudge(TransitionSystem<S> system, List<? extends Invariant<? super S>> invariants) {
        this.system = system;
        this.invariants = invariants;
        this.each = invariants.toArray(new Invariant[0]);
    }

    /** The ids of the invariants checked, in order, comma-separated. */
    String invariantIds() {
        StringBuilder b = new StringBuilder();
        for (Invariant<? super S> invariant : invariants) {
            b.append(b.isEmpty() ? "" : ",").append(invariant.id());
        }
        return b.toString();
    }

    /**
     * A judge for {@code replica} (a replica of this judge's system) with a replica of every invariant, for
     * another worker; {@code null} when an invariant has none ({@link Invariant#replica}).
     */
    StateJudge<S> replica(TransitionSystem<S> replica) {
        List<Invariant<? super S>> copies = new ArrayList<>();
        for (Invariant<? super S> invariant : invariants) {
            Invariant<? super S> copy = invariant.replica();
            if (copy == null) {
                return null;
            }
            copies.add(copy);
        }
        return new StateJudge<>(replica, copies);
    }

    /** The violation {@code s} shows by itself, or {@code null}. */
    Violation check(S s) {
        return check(s, false);
    }

    /**
     * {@link #check(Object)}; with {@code invariantsHold} (every invariant is known to hold in {@code s}:
     * {@link #holdsInSuccessor}) only its fault is looked at.
     */
    Violation check(S s, boolean invariantsHold) {
        Fault fault = system.fault(s);
        if (fault != null) {
            return Violation.of(fault);
        }
        if (invariantsHold) {
            return null;
        }
        for (Invariant<? super S> invariant : each) {
            Witness witness = invariant.check(s);
            if (witness != null) {
                return new InvariantViolation(invariant.id(), witness);
            }
        }
        return null;
    }

    /**
     * Whether every invariant holds in {@code next}, a successor of {@code parent} in which every invariant
     * held: an invariant the step left {@link Invariant#unchangedFrom unchanged} holds, any other is checked.
     * The caller must know that every invariant held in {@code parent} as it is now.
     */
    boolean holdsInSuccessor(S parent, S next) {
        for (Invariant<? super S> invariant : each) {
            if (!invariant.unchangedFrom(parent, next) && invariant.check(next) != null) {
                return false;
            }
        }
        return true;
    }

    /** True when every thread has finished (or is an idle daemon) in {@code s}. */
    boolean allFinished(S s) {
        for (int t = 0; t < system.threadCount(); t++) {
            if (!system.phase(s, t).isAtRest()) {
                return false;
            }
        }
        return true;
    }

    /** The deadlock of {@code s}, in which no thread can move: every unfinished thread and its reason. */
    Deadlock deadlock(S s) {
        List<BlockedThread> blocked = new ArrayList<>();
        for (int t = 0; t < system.threadCount(); t++) {
            if (!system.phase(s, t).isAtRest()) {
                BlockReason reason = system.blockReason(s, t);
                blocked.add(new BlockedThread(t, system.threadName(t),
                        reason == null ? "cannot move (no reason given)" : reason.describe()));
            }
        }
        return new Deadlock(blocked);
    }
}
