package org.mmspec.checker.explore;

import org.mmspec.checker.result.ModelError;
import org.mmspec.spec.semantics.ThreadPhase;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * The explorer's check on the model: a race can only show if threads overlap, so a search that never
 * generated a state with two threads {@link ThreadPhase#RUNNING} at once (started and unfinished) proved
 * nothing about concurrency. Typical causes: each thread does all its work in one step, or the threads are
 * serialised by construction. Such a "pass" is turned into a {@link ModelError}, as is any search of a
 * system with fewer than two threads.
 *
 * <p>A thread blocked on its very first step has not started, so threads that take one lock in their first
 * step and hold it to the end count as not interleaving; they are indeed serialised.
 *
 * <p>Every generated state is observed, including those a preemption bound then prunes, so the check is
 * about the model, not about the bound chosen.
 */
final class InterleavingSelfCheck<S> {

    private final TransitionSystem<S> system;
    private final int threads;
    private boolean overlapSeen;

    InterleavingSelfCheck(TransitionSystem<S> system) {
        this.system = system;
        this.threads = system.threadCount();
    }

    /** Looks at a generated state; free once an overlap has been seen. */
    void observe(S s) {
        if (overlapSeen) {
            return;
        }
        int running = 0;
        for (int t = 0; t < threads; t++) {
            if (system.phase(s, t) == ThreadPhase.RUNNING && ++running == 2) {
                overlapSeen = true;
                return;
            }
        }
    }

    /** The model error a passing search must report instead, or {@code null} when threads did overlap. */
    ModelError verdict() {
        if (threads < 2) {
            return new ModelError("nothing to interleave: the system has " + threads
                    + " thread" + (threads == 1 ? "" : "s") + "; a race needs at least two");
        }
        if (!overlapSeen) {
            return new ModelError("no interleaving: no reachable state has two threads running at once"
                    + " (each thread runs start to finish without another in between), so no race can show;"
                    + " split the threads' work into steps at their synchronisation points");
        }
        return null;
    }
}
