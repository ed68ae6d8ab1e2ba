package org.mmspec.checker.explore;

import org.mmspec.checker.result.ModelError;
import org.mmspec.spec.semantics.ThreadPhase;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * The explorer's check on the model: a race can only show if threads overlap, so a search that never
 * generated a state in which one thread is {@link ThreadPhase#RUNNING} (started and unfinished: it has
 * reached a second interleaving point) while another thread still has work to do (not started, or running)
 * proved nothing about concurrency. Typical causes: each thread does all its work in one step, or the
 * threads are serialised by construction. Such a "pass" is turned into a {@link ModelError}, as is any
 * search of a system with fewer than two threads.
 *
 * <p>A thread blocked on its very first step has not started, so threads that take one lock in their first
 * step and hold it to the end, with nothing else to do, count as not interleaving; they are indeed
 * serialised.
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
        int pending = 0;
        for (int t = 0; t < threads; t++) {
            ThreadPhase phase = system.phase(s, t);
            if (phase == ThreadPhase.RUNNING) {
                running++;
            }
            if (phase == ThreadPhase.RUNNING || phase == ThreadPhase.NOT_STARTED) {
                pending++;
            }
        }
        overlapSeen = running >= 1 && pending >= 2;
    }

    /** The model error a passing search must report instead, or {@code null} when threads did overlap. */
    ModelError verdict() {
        if (threads < 2) {
            return new ModelError("nothing to interleave: the system has " + threads
                    + " thread" + (threads == 1 ? "" : "s") + "; a race needs at least two");
        }
        if (!overlapSeen) {
            return new ModelError("no interleaving: no reachable state has a thread part-way through its work"
                    + " while another thread still has work to do (each thread runs start to finish without another"
                    + " in between), so no race can show; split the threads' work into steps at their"
                    + " synchronisation points");
        }
        return null;
    }
}
