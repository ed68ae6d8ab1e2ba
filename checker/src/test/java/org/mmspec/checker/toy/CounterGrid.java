package org.mmspec.checker.toy;

import java.util.List;
import org.mmspec.spec.semantics.ActionLabel;
import org.mmspec.spec.semantics.BlockReason;
import org.mmspec.spec.semantics.Change;
import org.mmspec.spec.semantics.Fault;
import org.mmspec.spec.semantics.ThreadPhase;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * {@code threads} threads, each counting its own counter from 0 to {@code steps}: exactly
 * {@code (steps + 1)^threads} states. Hand-coded and cheap, for budgets and throughput. A state is a
 * {@code long} of packed 8-bit counters, so {@code steps <= 255} and {@code threads <= 8}.
 */
public final class CounterGrid implements TransitionSystem<Long> {

    private final int threads;
    private final int steps;

    public CounterGrid(int threads, int steps) {
        if (threads < 1 || threads > 8 || steps < 1 || steps > 255) {
            throw new IllegalArgumentException(threads + " threads, " + steps + " steps");
        }
        this.threads = threads;
        this.steps = steps;
    }

    /** Number of reachable states. */
    public long stateCount() {
        long n = 1;
        for (int t = 0; t < threads; t++) {
            n *= steps + 1;
        }
        return n;
    }

    private static int counter(long s, int thread) {
        return (int) (s >>> (8 * thread)) & 0xFF;
    }

    @Override
    public Long initialState() {
        return 0L;
    }

    @Override
    public int threadCount() {
        return threads;
    }

    @Override
    public String threadName(int thread) {
        return "T" + thread;
    }

    @Override
    public Long step(Long s, int thread) {
        return counter(s, thread) == steps ? null : s + (1L << (8 * thread));
    }

    @Override
    public ThreadPhase phase(Long s, int thread) {
        int c = counter(s, thread);
        return c == 0 ? ThreadPhase.NOT_STARTED : c == steps ? ThreadPhase.FINISHED : ThreadPhase.RUNNING;
    }

    @Override
    public BlockReason blockReason(Long s, int thread) {
        return null;
    }

    @Override
    public long fingerprint(Long s) {
        long h = s * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 31);
    }

    @Override
    public Fault fault(Long s) {
        return null;
    }

    @Override
    public ActionLabel label(Long before, int thread, Long after) {
        return new ActionLabel(thread, threadName(thread), "count", "c=" + counter(after, thread));
    }

    @Override
    public List<Change> diff(Long before, Long after) {
        for (int t = 0; t < threads; t++) {
            if (counter(before, t) != counter(after, t)) {
                return List.of(new Change("c" + t, "" + counter(before, t), "" + counter(after, t)));
            }
        }
        return List.of();
    }

    /** Itself: the system keeps no scratch state, so workers of a parallel search may share it. */
    @Override
    public TransitionSystem<Long> replica() {
        return this;
    }
}
