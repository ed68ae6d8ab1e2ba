package org.mmspec.checker.explore;

import java.util.function.LongUnaryOperator;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * The fingerprints of one step's successors, taken together before the first is admitted (hand-written for
 * speed): when there are several, the store's first slot of each one's look-up is read ({@code touch}) before
 * any is admitted, so that their cache misses overlap and the admissions that follow find the slots cached.
 * Each fingerprint is computed once (or handed in: {@link LocalSteps} keeps the chosen thread's); the admission
 * order is the caller's. One per search worker.
 *
 * @param <S> the state type
 */
final class SuccessorFingerprints<S> {

    private final TransitionSystem<S> system;
    /** Reads the store's first slot of a fingerprint's look-up and returns what it holds. */
    private final LongUnaryOperator touch;
    /** Reads the first slots of the look-ups of the first {@code n} fingerprints together; their sum. */
    private final TouchAll touchAll;
    private long[] fps = new long[4];
    /** What the touches read (kept so that the reads are not optimised away). */
    private long touched;

    SuccessorFingerprints(TransitionSystem<S> system, LongUnaryOperator touch) {
        this(system, touch, (fps, n) -> {
            long sum = 0;
            for (int i = 0; i < n; i++) {
                sum += touch.applyAsLong(fps[i]);
            }
            return sum;
        });
    }

    /** As above, with a store's own read of several first slots together ({@code StateStore#touchAll}). */
    SuccessorFingerprints(TransitionSystem<S> system, LongUnaryOperator touch, TouchAll touchAll) {
        this.system = system;
        this.touch = touch;
        this.touchAll = touchAll;
    }

    /** Reads the store's first slots of the look-ups of {@code fps[0 .. n-1]}; what they hold, summed. */
    @FunctionalInterface
    interface TouchAll {
        long touch(long[] fps, int n);
    }

    /** Fingerprints the first {@code n} successors held by {@code m}. */
    void of(Moves<S> m, int n) {
        if (n > fps.length) {
            fps = new long[Math.max(n, 2 * fps.length)];
        }
        long sum = touched;
        for (int c = 0; c < n; c++) {
            long fp = system.fingerprint(m.get(c));
            fps[c] = fp;
            if (n > 1) {
                sum += touch.applyAsLong(fp);
            }
        }
        touched = sum;
    }

    /**
     * As {@link #of}, for every thread's successors from one state together: the first {@code n[t]} held by
     * {@code m[t]}, thread by thread ({@link #get} numbers them in that order); the store's first slots are
     * read when there are several in all, so that the look-ups of different threads' successors overlap too.
     */
    void ofAll(Moves<S>[] m, int[] n, int threads, int total) {
        if (total > fps.length) {
            fps = new long[Math.max(total, 2 * fps.length)];
        }
        int k = 0;
        for (int t = 0; t < threads; t++) {
            for (int c = 0; c < n[t]; c++) {
                fps[k++] = system.fingerprint(m[t].get(c));
            }
        }
        if (total > 1) {
            touched += touchAll.touch(fps, total);
        }
    }

    /** As {@link #of}, for {@code n} successors whose fingerprints are {@code known}'s first {@code n}. */
    void known(long[] known, int n) {
        if (n > fps.length) {
            fps = new long[Math.max(n, 2 * fps.length)];
        }
        long sum = touched;
        for (int c = 0; c < n; c++) {
            fps[c] = known[c];
            if (n > 1) {
                sum += touch.applyAsLong(known[c]);
            }
        }
        touched = sum;
    }

    /** The fingerprint of successor {@code c} of the last {@link #of} or {@link #known}. */
    long get(int c) {
        return fps[c];
    }
}
