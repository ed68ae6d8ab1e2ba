package org.mmspec.checker.store;

import java.util.Arrays;

/**
 * The visited states of a search: their fingerprints, for membership, and for each state its parent and
 * the move that led to it (the thread that stepped and, when its step had several successors, which one
 * was taken), for rebuilding traces (TLC keeps its trace the same way).
 *
 * <p>State ids are admission order: the initial state is 0, the next new state 1, and so on.
 *
 * <p><b>Parent links.</b> A link is one {@code int}, from the high bits down: the parent id, the choice,
 * the thread.
 *
 * <pre>
 *   | parent id: 32 - c - t bits | choice: c bits | thread: t bits |
 * </pre>
 *
 * The thread field has {@code t = max(1, ceil(log2 threadCount))} bits (1 for 2 threads, 2 for 4, ...).
 * The choice field starts with {@code c = 0} bits: a deterministic system (every step has at most one
 * successor, the reference implementation) spends nothing on it. The first admission of a state reached
 * by a choice that does not fit widens the field to the bits that choice needs and repacks every link
 * already stored (once per extra bit, so at most a few times per search; the store's memory does not
 * change). Widening shrinks the ids: the store numbers at most {@link #capacity(int, int)
 * capacity(threadCount, c)} {@code = min(2^(32 - t - c), 2^31 - 1, }{@link FingerprintSet#MAX_SIZE}{@code )}
 * states, e.g. 2^29 (about 537 million) for 2 threads and steps of up to 4 successors, 2^25 for 8
 * threads and up to 16. A choice that cannot be packed beside the ids already given out (widening would
 * leave no room for them) fills the store: that admission and every later new state get
 * {@link Admission#FULL}, and {@link #limit()} drops to the current size.
 *
 * <p><b>Memory.</b> {@link #bytes()} is the payload of the fingerprint table and the parent chunks, at
 * most 11.25 + 4.5 = 15.75 bytes per state at every size (see {@link FingerprintSet} and
 * {@link ParentLinks}), tending to about 4 + 8 / load, with or without choices. Constant overhead (object
 * headers, the chunk directory: one reference per 65,536 states) is not counted.
 *
 * <p>Not thread-safe.
 */
public final class StateStore {

    /** Most bits a choice field can have: with one thread bit, that leaves one bit (two ids). */
    static final int MAX_CHOICE_BITS = 30;

    private final FingerprintSet fingerprints;
    private final ParentLinks parents = new ParentLinks();
    private final int threadBits;
    private final int threadMask;
    private final int threadCount;
    private int choiceBits;
    /** Choices {@code 0 .. choiceLimit - 1} fit the choice field. */
    private int choiceLimit = 1;
    private int parentShift;

    /**
     * A store for states of a system with {@code threadCount} threads, holding at most {@code limit}
     * states (capped at {@link #capacity(int)}, and lower once choices need bits).
     */
    public StateStore(int threadCount, long limit) {
        if (threadCount < 0) {
            throw new IllegalArgumentException("negative threadCount: " + threadCount);
        }
        this.threadCount = threadCount;
        this.threadBits = threadBits(threadCount);
        this.threadMask = (1 << threadBits) - 1;
        this.parentShift = threadBits;
        this.fingerprints = new FingerprintSet(Math.min(limit, capacity(threadCount)));
    }

    /** The most states a store can number for a system of {@code threadCount} threads and no choices. */
    public static long capacity(int threadCount) {
        return capacity(threadCount, 0);
    }

    /**
     * The most states a store can number for a system of {@code threadCount} threads once its choice field
     * has {@code choiceBits} bits (choices up to {@code 2^choiceBits - 1}).
     */
    public static long capacity(int threadCount, int choiceBits) {
        int idBits = 32 - threadBits(threadCount) - choiceBits;
        if (choiceBits < 0 || idBits < 1) {
            return 0;
        }
        return Math.min(Math.min(1L << idBits, Integer.MAX_VALUE), FingerprintSet.MAX_SIZE);
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

    /** {@link #admit(long, int, int, int)} for a step with one successor (choice 0). */
    public Admission admit(long fingerprint, int parent, int thread) {
        return admit(fingerprint, parent, thread, 0);
    }

    /**
     * Admits the state with {@code fingerprint}, reached from state {@code parent} by successor
     * {@code choice} ({@code >= 0}) of a step of {@code thread}. When {@link Admission#NEW}, its id is
     * {@link #lastId()}.
     */
    public Admission admit(long fingerprint, int parent, int thread, int choice) {
        if (choice >= choiceLimit && !fingerprints.contains(fingerprint) && !widen(choice)) {
            fingerprints.lowerLimit(fingerprints.size());
            return Admission.FULL;
        }
        Admission admission = fingerprints.put(fingerprint);
        if (admission == Admission.NEW) {
            parents.add((parent << parentShift) | (choice << threadBits) | thread);
        }
        return admission;
    }

    /**
     * Widens the choice field so that {@code choice} fits, repacking every link; false (nothing changed)
     * when the ids already given out, and the next one, would not fit beside it.
     */
    private boolean widen(int choice) {
        if (choice < 0) {
            throw new IllegalArgumentException("negative choice: " + choice);
        }
        int bits = 32 - Integer.numberOfLeadingZeros(choice);
        long capacity = capacity(threadCount, bits);
        if (bits > MAX_CHOICE_BITS || fingerprints.size() >= capacity) {
            return false;
        }
        int newShift = threadBits + bits;
        for (long id = 1; id < parents.size(); id++) {
            int link = parents.get(id);
            int parent = (int) (Integer.toUnsignedLong(link) >>> parentShift);
            int oldChoice = (link >>> threadBits) & (choiceLimit - 1);
            parents.set(id, (parent << newShift) | (oldChoice << threadBits) | (link & threadMask));
        }
        choiceBits = bits;
        choiceLimit = 1 << bits;
        parentShift = newShift;
        fingerprints.lowerLimit(capacity);
        return true;
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

    /** Most states this store admits (lower once choices take bits from the ids). */
    public long limit() {
        return fingerprints.limit();
    }

    /** Bits of the choice field now: 0 until a state reached by a choice other than 0 is admitted. */
    public int choiceBits() {
        return choiceBits;
    }

    /** Bytes of the fingerprint table and the parent links. */
    public long bytes() {
        return fingerprints.bytes() + parents.bytes();
    }

    /** The threads that moved, in order, on the path by which state {@code id} was first reached. */
    public int[] scheduleTo(int id) {
        return path(id, false);
    }

    /** The choices taken, in order, on the same path as {@link #scheduleTo}: 0 for a step's first successor. */
    public int[] choicesTo(int id) {
        return path(id, true);
    }

    private int[] path(int id, boolean choices) {
        int[] reversed = new int[16];
        int length = 0;
        for (long current = id; current != 0; ) {
            int link = parents.get(current);
            if (length == reversed.length) {
                reversed = Arrays.copyOf(reversed, 2 * length);
            }
            reversed[length++] = choices ? (link >>> threadBits) & (choiceLimit - 1) : link & threadMask;
            current = Integer.toUnsignedLong(link) >>> parentShift;
        }
        int[] out = new int[length];
        for (int i = 0; i < length; i++) {
            out[i] = reversed[length - 1 - i];
        }
        return out;
    }

    /** Number of threads this store was made for. */
    public int threadCount() {
        return threadCount;
    }
}
