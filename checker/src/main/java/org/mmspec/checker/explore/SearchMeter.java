package org.mmspec.checker.explore;

import java.util.function.LongSupplier;
import org.mmspec.checker.observe.ProgressSnapshot;
import org.mmspec.checker.observe.SearchListener;
import org.mmspec.checker.result.IncompleteReason;
import org.mmspec.checker.result.Statistics;
import org.mmspec.checker.store.DiskFingerprintSet;
import org.mmspec.checker.store.Fingerprints;
import org.mmspec.checker.store.StateStore;

/**
 * Counts what a search does and says when a budget runs out. The searches call {@link #poll} between two
 * expansions (a point at which the search could stop and be resumed); the clock, the heap and the
 * process's resident memory are read there at most every {@value #CHECK_INTERVAL} generated states (the
 * resident memory at most every {@value #MEMORY_READ_MILLIS} ms), so the cost per state is a compare.
 */
final class SearchMeter {

    static final int CHECK_INTERVAL = 1024;
    static final double HEAP_LIMIT = 0.9;
    static final long MEMORY_READ_MILLIS = 50;

    private final Budget budget;
    private final SearchListener listener;
    private final HeapGauge heap;
    private final LongSupplier resident;
    private final long memoryLimit;
    private final long progressIntervalNanos;
    private final long startNanos = System.nanoTime();
    private long nextProgressNanos;
    private long nextMemoryReadNanos;
    private long nextCheck;

    private long generated;
    private long transitions;
    private int maxDepth;
    private int bound = -1;
    private double priorSeconds;

    SearchMeter(Budget budget, SearchListener listener, HeapGauge heap, LongSupplier resident, long progressIntervalNanos) {
        this.budget = budget;
        this.listener = listener;
        this.heap = heap;
        this.resident = resident;
        this.memoryLimit = budget.maxMemoryBytes() == Budget.MACHINE ? ProcessMemory.availableToProcess()
                : budget.maxMemoryBytes();
        this.progressIntervalNanos = progressIntervalNanos;
        this.nextProgressNanos = startNanos + progressIntervalNanos;
        this.nextMemoryReadNanos = startNanos;
    }

    SearchMeter(Budget budget, SearchListener listener, HeapGauge heap, long progressIntervalNanos) {
        this(budget, listener, heap, ProcessMemory::residentBytes, progressIntervalNanos);
    }

    /** An initial state was generated. */
    void initial() {
        generated++;
    }

    /** A successor was generated and its edge followed. */
    void successor() {
        generated++;
        transitions++;
    }

    /** A successor was generated but not (yet) followed: a random walk follows one of them. */
    void generated() {
        generated++;
    }

    /** A random walk took one of the generated successors. */
    void followed() {
        transitions++;
    }

    /**
     * Between two expansions: whether a budget ran out (time, the JVM heap, the process's memory);
     * {@code distinct}, {@code frontier} and {@code depth} feed progress reports.
     *
     * @return the budget that ran out, or {@code null}
     */
    IncompleteReason poll(long distinct, long frontier, int depth) {
        if (generated < nextCheck) {
            return null;
        }
        nextCheck = generated + CHECK_INTERVAL;
        long now = System.nanoTime();
        if (now - startNanos > budget.maxNanos()) {
            return IncompleteReason.TIME_BUDGET;
        }
        if (heap.occupancyAfterGc() > HEAP_LIMIT) {
            return IncompleteReason.JVM_HEAP;
        }
        if (now - nextMemoryReadNanos >= 0) {
            nextMemoryReadNanos = now + MEMORY_READ_MILLIS * 1_000_000;
            if (resident.getAsLong() > memoryLimit) {
                return IncompleteReason.MEMORY_BUDGET;
            }
        }
        if (now - nextProgressNanos >= 0) {
            nextProgressNanos = now + progressIntervalNanos;
            listener.onProgress(new ProgressSnapshot(distinct, generated, depth, frontier, seconds(now), bound));
        }
        return null;
    }

    /** Sets the counts, for a search whose workers count apart (the parallel BFS). */
    void setCounts(long generatedStates, long transitionsFollowed) {
        generated = generatedStates;
        transitions = transitionsFollowed;
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

    /** Why {@code store} refused a new state. */
    IncompleteReason storeFull(StateStore store) {
        if (store.outOfMemory()) {
            return IncompleteReason.MEMORY_BUDGET;
        }
        if (store.outOfDisk()) {
            return store.diskFull() ? IncompleteReason.DISK_FULL : IncompleteReason.DISK_BUDGET;
        }
        if (store.choiceOverflow() || store.limit() >= StateStore.MAX_STATES) {
            return IncompleteReason.STORE_CAPACITY;
        }
        return IncompleteReason.STATE_BUDGET;
    }

    /** Why a fingerprint set of a random search refused a new state. */
    IncompleteReason setFull(Fingerprints set) {
        if (set.outOfMemory()) {
            return IncompleteReason.MEMORY_BUDGET;
        }
        if (set instanceof DiskFingerprintSet d && d.outOfDisk()) {
            return d.diskFull() ? IncompleteReason.DISK_FULL : IncompleteReason.DISK_BUDGET;
        }
        return IncompleteReason.STATE_BUDGET;
    }

    Statistics statistics(long distinctStates, long storeBytes, long diskBytes) {
        double collision = distinctStates * (double) Math.max(0, generated - distinctStates) / 0x1p64;
        return new Statistics(generated, distinctStates, maxDepth, transitions, seconds(System.nanoTime()),
                storeBytes, bound, diskBytes, collision);
    }

    /** The counters, for a checkpoint. */
    long[] counters() {
        return new long[] {generated, transitions, maxDepth, bound, Double.doubleToLongBits(seconds(System.nanoTime()))};
    }

    /** Continues from {@link #counters()} of a checkpoint. */
    void restore(long[] c) {
        generated = c[0];
        transitions = c[1];
        maxDepth = (int) c[2];
        bound = (int) c[3];
        priorSeconds = Double.longBitsToDouble(c[4]);
    }

    private double seconds(long now) {
        return priorSeconds + (now - startNanos) / 1e9;
    }
}
