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
    /** Reads the first slots of the look-ups of the first {@code n} fingerprints together; their sum. */
    private final TouchAll touchAll;
    private long[] fps = new long[4];
    /** What the touches read (kept so that the reads are not optimised away). */
    private long touched;

    /** With {@code touch} reading the store's first slot of one fingerprint's look-up (and returning it). */
    SuccessorFingerprints(TransitionSystem<S> system, LongUnaryOperator touch) {
        this(system, (fps, n) -> {
            long sum = 0;
            for (int i = 0; i < n; i++) {
                sum += touch.applyAsLong(fps[i]);
            }
            return sum;
        });
    }

    /** With a store's own read of several first slots together ({@code StateStore#touchAll}). */
    SuccessorFingerprints(TransitionSystem<S> system, TouchAll touchAll) {
        this.system = system;
        this.touchAll = touchAll;
    }

    /** Reads the store's first slots of the look-ups of {@code fps[0 .. n-1]}; what they hold, summed. */
    @FunctionalInterface
    interface TouchAll {
        long touch(long[] fps, int n);
    }

    /** Fingerprints the first {@code n} successors held by {@code m}. */
    void of(Moves<S> m, int n) {
        room(n);
        for (int c = 0; c < n; c++) {
            fps[c] = system.fingerprint(m.get(c));
        }
        touch(n);
    }

    /**
     * As {@link #of}, for every thread's successors from one state together: the first {@code n[t]} held by
     * {@code m[t]}, thread by thread ({@link #get} numbers them in that order), so that the look-ups of
     * different threads' successors overlap too.
     */
    void ofAll(Moves<S>[] m, int[] n, int threads, int total) {
        room(total);
        int k = 0;
        for (int t = 0; t < threads; t++) {
            for (int c = 0; c < n[t]; c++) {
                fps[k++] = system.fingerprint(m[t].get(c));
            }
        }
        touch(total);
    }

    /** As {@link #of}, for {@code n} successors whose fingerprints are {@code known}'s first {@code n}. */
    void known(long[] known, int n) {
        room(n);
        System.arraycopy(known, 0, fps, 0, n);
        touch(n);
    }

    private void room(int n) {
        if (n > fps.length) {
            fps = new long[Math.max(n, 2 * fps.length)];
        }
    }

    /** Reads the store's first slots of the first {@code n} fingerprints' look-ups, when there are several. */
    private void touch(int n) {
        if (n > 1) {
            touched += touchAll.touch(fps, n);
        }
    }

    /** The fingerprint of successor {@code c} of the last {@link #of} or {@link #known}. */
    long get(int c) {
        return fps[c];
    }
}
