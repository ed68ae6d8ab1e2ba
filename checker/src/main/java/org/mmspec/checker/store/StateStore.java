package org.mmspec.checker.store;

import java.util.Arrays;

/**
 * The visited states of a search: their fingerprints, for membership, and for each state its parent and
 * the thread whose step led to it, for rebuilding traces (TLC keeps its trace the same way).
 *
 * <p>State ids are admission order: the initial state is 0, the next new state 1, and so on. A parent link
 * is one {@code int}: the parent id in the high bits and the thread in the low {@code threadBits} bits
 * (1 bit for 2 threads, 2 for 4, ...), so ids are limited to {@code 32 - threadBits} bits, and to
 * {@link Integer#MAX_VALUE}.
 *
 * <p><b>Memory.</b> {@link #bytes()} is the payload of the fingerprint table and the parent chunks, at
 * most 11.25 + 4.5 = 15.75 bytes per state at every size (see {@link FingerprintSet} and
 * {@link ParentLinks}), tending to about 4 + 8 / load. Constant overhead (object headers, the chunk
 * directory: one reference per 65,536 states) is not counted.
 *
 * <p>Not thread-safe.
 */
public final class StateStore {

    private final FingerprintSet fingerprints;
    private final ParentLinks parents = new ParentLinks();
    private final int threadBits;
    private final int threadMask;
    private final int threadCount;

    /**
     * A store for states of a system with {@code threadCount} threads, holding at most {@code limit}
     * states (capped at {@link #capacity(int)}).
     */
    public StateStore(int threadCount, long limit) {
        if (threadCount < 0) {
            throw new IllegalArgumentException("negative threadCount: " + threadCount);
        }
        this.threadCount = threadCount;
        this.threadBits = threadBits(threadCount);
        this.threadMask = (1 << threadBits) - 1;
        this.fingerprints = new FingerprintSet(Math.min(limit, capacity(threadCount)));
    }

    /** The most states a store can number for a system of {@code threadCount} threads. */
    public static long capacity(int threadCount) {
        return Math.min(Math.min(1L << (32 - threadBits(threadCount)), Integer.MAX_VALUE), FingerprintSet.MAX_SIZE);
    }

    private static int threadBits(int threadCount) {
        return Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(1, threadCount) - 1));
    }

    /** Admits the initial state; must be the first admission. */
    public Admission admitInitial(long fingerprint) {
        if (fingerprints.size() != 0) {
            throw new IllegalStateException("the initial state is admitted first");
        }
        Admission admission = fingerprints.put(fingerprint);
        if (admission == Admission.NEW) {
            parents.add(0);
        }
        return admission;
    }

    /**
     * Admits the state with {@code fingerprint}, reached from state {@code parent} by a step of
     * {@code thread}. When {@link Admission#NEW}, its id is {@link #lastId()}.
     */
    public Admission admit(long fingerprint, int parent, int thread) {
        Admission admission = fingerprints.put(fingerprint);
        if (admission == Admission.NEW) {
            parents.add((parent << threadBits) | thread);
        }
        return admission;
    }

    /** True when a state with {@code fingerprint} was admitted. */
    public boolean contains(long fingerprint) {
        return fingerprints.contains(fingerprint);
    }

    /** Id of the state admitted last. */
    public int lastId() {
        return (int) (parents.size() - 1);
    }

    /** Number of states admitted. */
    public long size() {
        return fingerprints.size();
    }

    /** Most states this store admits. */
    public long limit() {
        return fingerprints.limit();
    }

    /** Bytes of the fingerprint table and the parent links. */
    public long bytes() {
        return fingerprints.bytes() + parents.bytes();
    }

    /** The threads that moved, in order, on the path by which state {@code id} was first reached. */
    public int[] scheduleTo(int id) {
        int[] reversed = new int[16];
        int length = 0;
        for (long current = id; current != 0; ) {
            int link = parents.get(current);
            if (length == reversed.length) {
                reversed = Arrays.copyOf(reversed, 2 * length);
            }
            reversed[length++] = link & threadMask;
            current = Integer.toUnsignedLong(link) >>> threadBits;
        }
        int[] schedule = new int[length];
        for (int i = 0; i < length; i++) {
            schedule[i] = reversed[length - 1 - i];
        }
        return schedule;
    }

    /** Number of threads this store was made for. */
    public int threadCount() {
        return threadCount;
    }
}
