package org.mmspec.checker.explore;

import org.mmspec.checker.observe.ProgressSnapshot;
import org.mmspec.checker.observe.SearchListener;
import org.mmspec.checker.result.IncompleteReason;
import org.mmspec.checker.result.Statistics;

/**
 * Counts what a search does and says when a budget runs out. The clock and the heap are read every
 * {@value #CHECK_INTERVAL} generated states, so the cost per state is a decrement and a branch.
 */
final class SearchMeter {

    static final int CHECK_INTERVAL = 1024;
    static final double HEAP_LIMIT = 0.9;

    private final Budget budget;
    private final SearchListener listener;
    private final HeapGauge heap;
    private final long progressIntervalNanos;
    private final long startNanos = System.nanoTime();
    private long nextProgressNanos;
    private int untilCheck = CHECK_INTERVAL;

    private long generated;
    private long transitions;
    private int maxDepth;
    private int bound = -1;

    SearchMeter(Budget budget, SearchListener listener, HeapGauge heap, long progressIntervalNanos) {
        this.budget = budget;
        this.listener = listener;
        this.heap = heap;
        this.progressIntervalNanos = progressIntervalNanos;
        this.nextProgressNanos = startNanos + progressIntervalNanos;
    }

    /** An initial state was generated. */
    void initial() {
        generated++;
    }

    /**
     * A successor was generated and its edge followed; {@code distinct}, {@code frontier} and
     * {@code depth} feed progress reports.
     *
     * @return the budget that ran out, or {@code null}
     */
    IncompleteReason successor(long distinct, long frontier, int depth) {
        transitions++;
        return generated(distinct, frontier, depth);
    }

    /** A successor was generated but not (yet) followed: a random walk follows one of them. */
    IncompleteReason generated(long distinct, long frontier, int depth) {
        generated++;
        if (--untilCheck > 0) {
            return null;
        }
        untilCheck = CHECK_INTERVAL;
        long now = System.nanoTime();
        if (now - startNanos > budget.maxNanos()) {
            return IncompleteReason.TIME_BUDGET;
        }
        if (heap.occupancyAfterGc() > HEAP_LIMIT) {
            return IncompleteReason.JVM_HEAP;
        }
        if (now - nextProgressNanos >= 0) {
            nextProgressNanos = now + progressIntervalNanos;
            listener.onProgress(new ProgressSnapshot(distinct, generated, depth, frontier, seconds(now), bound));
        }
        return null;
    }

    /** A random walk took one of the generated successors. */
    void followed() {
        transitions++;
    }

    /** A state was admitted: checks the memory estimate ({@link Budget#maxMemoryBytes()}). */
    IncompleteReason admitted(long storeBytes, long frontier) {
        long estimate = storeBytes + frontier * Budget.FRONTIER_STATE_BYTES;
        return estimate > budget.maxMemoryBytes() ? IncompleteReason.MEMORY_BUDGET : null;
    }

    /** A state at {@code depth} is being visited. */
    void visited(int depth) {
        if (depth > maxDepth) {
            maxDepth = depth;
        }
    }

    /** The preemption-bounded search starts on bound {@code b}. */
    void startBound(int b) {
        bound = b;
        listener.onBoundStart(b);
    }

    /** Why a store refused a new state: the state budget, or the store's own capacity if smaller. */
    IncompleteReason storeFull(long storeLimit) {
        return budget.maxStates() <= storeLimit ? IncompleteReason.STATE_BUDGET : IncompleteReason.STORE_CAPACITY;
    }

    Statistics statistics(long distinctStates, long storeBytes) {
        return new Statistics(generated, distinctStates, maxDepth, transitions, seconds(System.nanoTime()),
                storeBytes, bound);
    }

    private double seconds(long now) {
        return (now - startNanos) / 1e9;
    }
}
