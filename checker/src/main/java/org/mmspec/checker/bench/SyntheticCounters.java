package org.mmspec.checker.bench;

import java.util.List;
import org.mmspec.spec.semantics.ActionLabel;
import org.mmspec.spec.semantics.BlockReason;
import org.mmspec.spec.semantics.Change;
import org.mmspec.spec.semantics.Fault;
import org.mmspec.spec.semantics.StateVectors;
import org.mmspec.spec.semantics.ThreadPhase;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * A synthetic system for scale measurements of the explorer itself, not a model of anything: {@code threads}
 * threads each count their own counter from 0 to {@code steps}, so there are exactly
 * {@code (steps + 1)^threads} states (4 threads to 99: 10^8), every one reachable, with a step that costs
 * almost nothing. A state is an {@code int[]} of the counters.
 */
public final class SyntheticCounters implements TransitionSystem<int[]> {

    private final int threads;
    private final int steps;
    private final StateVectors<int[]> vectors = new StateVectors<>() {
        @Override
        public int vectorLength() {
            return threads;
        }

        @Override
        public void copyVector(int[] s, int[] out) {
            System.arraycopy(s, 0, out, 0, threads);
        }

        @Override
        public int[] fromVector(int[] words) {
            return words;
        }
    };

    public SyntheticCounters(int threads, int steps) {
        if (threads < 2 || threads > 16 || steps < 1) {
            throw new IllegalArgumentException(threads + " threads, " + steps + " steps");
        }
        this.threads = threads;
        this.steps = steps;
    }

    /** Four counters with at least {@code states} states in all. */
    public static SyntheticCounters atLeast(long states) {
        int steps = (int) Math.ceil(Math.pow(Math.max(16, states), 0.25) - 1e-9) - 1;
        return new SyntheticCounters(4, Math.max(1, steps));
    }

    /** Number of states. */
    public long stateCount() {
        return (long) Math.pow(steps + 1, threads);
    }

    @Override
    public int[] initialState() {
        return new int[threads];
    }

    @Override
    public int threadCount() {
        return threads;
    }

    @Override
    public String threadName(int thread) {
        return "C" + thread;
    }

    @Override
    public int[] step(int[] s, int thread) {
        if (s[thread] == steps) {
            return null;
        }
        int[] next = s.clone();
        next[thread]++;
        return next;
    }

    @Override
    public ThreadPhase phase(int[] s, int thread) {
        return s[thread] == 0 ? ThreadPhase.NOT_STARTED : s[thread] == steps ? ThreadPhase.FINISHED : ThreadPhase.RUNNING;
    }

    @Override
    public BlockReason blockReason(int[] s, int thread) {
        return null;
    }

    @Override
    public long fingerprint(int[] s) {
        long h = 0x9E3779B97F4A7C15L;
        for (int v : s) {
            h = (h ^ v) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return h * 0x94D049BB133111EBL ^ (h >>> 29);
    }

    @Override
    public Fault fault(int[] s) {
        return null;
    }

    @Override
    public ActionLabel label(int[] before, int thread, int[] after) {
        return new ActionLabel(thread, threadName(thread), "count", "c=" + after[thread]);
    }

    @Override
    public List<Change> diff(int[] before, int[] after) {
        return List.of();
    }

    @Override
    public StateVectors<int[]> vectors() {
        return vectors;
    }
}
