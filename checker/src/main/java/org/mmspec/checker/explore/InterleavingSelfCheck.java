package org.mmspec.checker.explore;

import org.mmspec.checker.result.ModelError;
import org.mmspec.spec.semantics.ThreadPhase;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * The explorer's check on the model: a race can only show if threads overlap, so a search in which no
 * thread ever moved while another thread was part-way through its work ({@link ThreadPhase#RUNNING}:
 * started, unfinished — it has reached a second interleaving point) proved nothing about concurrency.
 * Typical causes: each thread does all its work in one step, or the threads are serialised by
 * construction. Such a "pass" is turned into a {@link ModelError}, as is any search of a system with
 * fewer than two threads.
 *
 * <p>A thread blocked on its very first step has not started, so threads that take one lock in their first
 * step and hold it to the end count as not interleaving; they are indeed serialised.
 *
 * <p>Every generated step is observed, including those a preemption bound then prunes, so the check is
 * about the model, not about the bound chosen. The searches call {@link #expanding} with the state whose
 * successors they generate, then {@link #moved} for each thread that could move from it.
 */
final class InterleavingSelfCheck<S> {

    private final TransitionSystem<S> system;
    private final int threads;
    private boolean overlapSeen;
    /** Bitmask of the threads RUNNING in the state being expanded (threads 0..63; others count as bit 63). */
    private long runningInSource;

    InterleavingSelfCheck(TransitionSystem<S> system) {
        this.system = system;
        this.threads = system.threadCount();
    }

    /** Notes which threads are part-way in {@code s}, whose successors are generated next; free once an overlap was seen. */
    void expanding(S s) {
        if (overlapSeen) {
            return;
        }
        long running = 0;
        for (int t = 0; t < threads; t++) {
            if (system.phase(s, t) == ThreadPhase.RUNNING) {
                running |= 1L << Math.min(t, 63);
            }
        }
        runningInSource = running;
    }

    /** {@code thread} moved from the state last passed to {@link #expanding}. */
    void moved(int thread) {
        if (!overlapSeen && (runningInSource & ~(1L << Math.min(thread, 63))) != 0) {
            overlapSeen = true;
        }
    }

    /** Whether an overlap was seen (for a checkpoint). */
    boolean overlapSeen() {
        return overlapSeen;
    }

    /** Continues a checkpointed search that had (or had not) seen an overlap. */
    void restoreOverlap(boolean seen) {
        overlapSeen = seen;
    }

    /** The model error a passing search must report instead, or {@code null} when threads did overlap. */
    ModelError verdict() {
        if (threads < 2) {
            return new ModelError("nothing to interleave: the system has " + threads
                    + " thread" + (threads == 1 ? "" : "s") + "; a race needs at least two");
        }
        if (!overlapSeen) {
            return new ModelError("no interleaving: no thread ever moved while another was part-way through its"
                    + " work (each thread runs start to finish without another in between), so no race can show;"
                    + " split the threads' work into steps at their synchronisation points");
        }
        return null;
    }
}
