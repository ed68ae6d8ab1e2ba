package org.mmspec.spec.eval;

import java.util.Arrays;

/**
 * A state of an interpreted scenario: an immutable {@code int[]} laid out by the scenario's
 * {@link org.mmspec.spec.ir.Layout}. Equality is slot-wise; the 64-bit fingerprint is a function of the
 * slots only, so equal states fingerprint equally in every run.
 *
 * <p>The fingerprint is incremental (as Zobrist hashing, and as the reference implementation's): the sum
 * modulo 2<sup>64</sup> of a 64-bit mix of every (slot, value) pair, then a final avalanche. A successor's
 * sum is its parent's with the terms of the slots the step changed replaced, so a step that writes a few
 * slots hashes a few slots; the slots that changed are found among those the step wrote ({@link WriteLog}), or,
 * where the writes are not known, by comparing with the parent (a vectorised {@link Arrays#mismatch}).
 *
 * <p>A <em>transient</em> state ({@link org.mmspec.spec.semantics.TransitionSystem#transientSuccessors}) is
 * the one exception to immutability: its slots are a scratch buffer that the next step overwrites; a frontier
 * queue's head view ({@link #newView}) another: the next head overwrites it.
 *
 * <p>A transient successor also knows which slots its step changed: a bit per slot ({@link #changed}), found
 * while it is rehashed (among the logged writes, or by the comparison with the parent), and which parent, at which {@link #version} of the parent's slots (a
 * view's and a transient state's slots change; every change counts a version). An invariant that reads none of
 * the changed slots holds in the successor if it held in that parent ({@link SpecInvariant#unchangedFrom}); a
 * frontier queue compares only those slots of two successors of one parent
 * ({@link org.mmspec.spec.semantics.StateVectors#changedFrom}).
 */
public final class SpecState {

    private final int[] slots;
    /** The sum of the slots' mixes, before the avalanche; final but for a transient state ({@link #rehash}). */
    private long sum;
    private long fingerprint;
    /**
     * How many times the slots were rewritten ({@link #load}, {@link #rewriting}, {@link #rehashMarking}); 0 for
     * a state that is never rewritten.
     */
    private long version;
    /** A transient successor's slots that differ from {@link #parent}'s, a bit per slot ({@link #rehashMarking}). */
    private long[] changed;
    /** The state {@link #changed} compares with, at {@link #parentVersion}; null when there is none. */
    private SpecState parent;
    private long parentVersion;

    SpecState(int[] slots) {
        this(slots, sum(slots));
    }

    /** The state of {@code slots} whose sum of {@link #mix}es the caller kept up to date (a frontier queue). */
    SpecState(int[] slots, long sum) {
        this.slots = slots;
        this.sum = sum;
        this.fingerprint = avalanche(sum, slots.length);
    }

    /** A successor of {@code parent} (same layout): only the slots that differ from the parent's are hashed. */
    SpecState(int[] slots, SpecState parent) {
        this.slots = slots;
        rehash(parent);
    }

    /**
     * A view: a state of {@code size} zero slots that a frontier queue {@link #load loads} with head after head
     * ({@link org.mmspec.spec.semantics.StateVectors#newView}).
     */
    static SpecState newView(int size) {
        return new SpecState(new int[size]);
    }

    /**
     * Makes this view the state of {@code words} (copied), its fingerprint set from {@code sum} (their sum of
     * {@link #mix}es) when {@code known}, else computed. Only for a view ({@link #newView}).
     */
    void load(int[] words, boolean known, long sum) {
        System.arraycopy(words, 0, slots, 0, slots.length);
        version++;
        parent = null;
        this.sum = known ? sum : sum(slots);
        this.fingerprint = avalanche(this.sum, slots.length);
    }

    /**
     * Makes this state's fingerprint that of its slots, which the caller has just rewritten as a successor of
     * {@code parent}: only the slots that differ from the parent's are hashed. Only for a transient state (a
     * scratch buffer reused for successor after successor: {@link TransientSuccessors}) or in construction.
     */
    void rehash(SpecState parent) {
        this.sum = sumOf(slots, parent.slots, parent.sum, null);
        this.fingerprint = avalanche(sum, slots.length);
    }

    /**
     * {@link #rehash}, and records which slots differ from {@code parent}'s ({@link #changed}): for a transient
     * successor, whose slots the caller has just rewritten.
     */
    void rehashMarking(SpecState parent) {
        setSum(sumOf(slots, parent.slots, parent.sum, clearedMarks()), parent);
    }

    /**
     * {@link #rehashMarking}, where the caller's step wrote only the slots {@code log} holds: those are compared
     * with the parent's (a write of the parent's value is no change), the rest of the state not at all.
     * Hand-written speed code: the same sum and marks as {@link #rehashMarking} (checked in tests,
     * {@link TransientSuccessors.Reuse#CHECKED_LOG}).
     */
    void rehashLogged(SpecState parent, WriteLog log) {
        long[] c = clearedMarks();
        int[] t = slots;
        int[] b = parent.slots;
        long h = parent.sum;
        for (int k = 0, n = log.count(); k < n; k++) {
            int i = log.slot(k);
            long bit = 1L << i;
            if ((c[i >>> 6] & bit) == 0 && t[i] != b[i]) {
                h += mix(i, t[i]) - mix(i, b[i]);
                c[i >>> 6] |= bit;
            }
        }
        setSum(h, parent);
    }

    /**
     * Whether this state's sum and changed slots are those {@link #rehashMarking} finds from its parent (after
     * {@link #rehashLogged}: the test-only cross-check of the write log); null when they are, else what differs.
     */
    String disagreesWithScan() {
        long[] marks = new long[changed.length];
        long scanned = sumOf(slots, parent.slots, parent.sum, marks);
        if (scanned == sum && Arrays.equals(marks, changed)) {
            return null;
        }
        return "the write log marks " + Arrays.toString(changed) + ", the scan " + Arrays.toString(marks)
                + " (sums " + sum + ", " + scanned + ")";
    }

    private long[] clearedMarks() {
        long[] c = changed;
        if (c == null) {
            c = changed = new long[(slots.length + 63) >>> 6];
        } else {
            Arrays.fill(c, 0L);
        }
        return c;
    }

    private void setSum(long newSum, SpecState from) {
        this.sum = newSum;
        this.fingerprint = avalanche(newSum, slots.length);
        this.version++;
        this.parent = from;
        this.parentVersion = from.version;
    }

    /** The slots are about to be rewritten (and {@link #rehashMarking rehashed}): nothing is known of them meanwhile. */
    void rewriting() {
        version++;
        parent = null;
    }

    /**
     * Whether this state is a successor of {@code of} as its slots are now, equal to it on every slot that
     * {@code bits[k]} marks in word {@code words[k]} of a slot mask. For tests' broken builds: with
     * {@code dropFirst} the lowest changed slot is not counted, with {@code anyParent} the parent is not asked.
     */
    boolean unchangedFrom(SpecState of, int[] words, long[] bits, boolean dropFirst, boolean anyParent) {
        if (parent == null || !anyParent && (parent != of || parentVersion != of.version)) {
            return false;
        }
        long[] c = changed;
        if (dropFirst) {
            c = c.clone();
            for (int w = 0; w < c.length; w++) {
                if (c[w] != 0) {
                    c[w] &= c[w] - 1;
                    break;
                }
            }
        }
        for (int k = 0; k < words.length; k++) {
            if ((c[words[k]] & bits[k]) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The state this transient successor differs from only at the bits of {@link #changed}, which are copied
     * into {@code out}, while neither was rewritten since ({@link org.mmspec.spec.semantics.StateVectors#changedFrom});
     * else null.
     */
    SpecState changedFrom(long[] out) {
        SpecState p = parent;
        if (p == null || parentVersion != p.version) {
            return null;
        }
        System.arraycopy(changed, 0, out, 0, changed.length);
        return p;
    }

    /** How many times the slots were rewritten ({@link #version}). */
    long version() {
        return version;
    }

    /**
     * The fingerprint of {@code other}, slots of the same layout as this state's (an image of it under a
     * permutation of threads, {@link Canonical#image}): {@link #fingerprint(int[])} of them, with only the slots
     * that differ from this state's hashed.
     */
    long fingerprintOf(int[] other) {
        return avalanche(sumOf(other, slots, sum, null), slots.length);
    }

    /**
     * The additive hash sum of {@code target}, from {@code base}'s ({@code baseSum}): only the slots where the two
     * differ (found a run at a time) are mixed in; each is marked in {@code marks} (a bit per slot) unless it is
     * null.
     */
    private static long sumOf(int[] target, int[] base, long baseSum, long[] marks) {
        long h = baseSum;
        int n = target.length;
        int i = 0;
        while (i < n) {
            int m = Arrays.mismatch(target, i, n, base, i, n);
            if (m < 0) {
                break;
            }
            i += m;
            h += mix(i, target[i]) - mix(i, base[i]);
            if (marks != null) {
                marks[i >>> 6] |= 1L << i;
            }
            i++;
        }
        return h;
    }

    /** A copy of the slots (for tests and tools). */
    public int[] slots() {
        return slots.clone();
    }

    int[] raw() {
        return slots;
    }

    public long fingerprint() {
        return fingerprint;
    }

    /** Number of slots; a stored state needs about four bytes per slot. */
    public int size() {
        return slots.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpecState other && other.fingerprint == fingerprint && Arrays.equals(other.slots, slots);
    }

    @Override
    public int hashCode() {
        return (int) (fingerprint ^ (fingerprint >>> 32));
    }

    @Override
    public String toString() {
        return "SpecState" + Arrays.toString(slots);
    }

    /** The 64-bit fingerprint of {@code slots}, as a state holding them has it. */
    static long fingerprint(int[] slots) {
        return avalanche(sum(slots), slots.length);
    }

    private static long sum(int[] slots) {
        long h = 0;
        for (int i = 0; i < slots.length; i++) {
            h += mix(i, slots[i]);
        }
        return h;
    }

    /** A bijective 64-bit mix of (slot index, value): SplitMix64's finaliser. */
    static long mix(int i, int v) {
        long z = ((long) i << 32 | (v & 0xFFFFFFFFL)) + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long avalanche(long sum, int length) {
        long h = sum ^ length;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }

    /**
     * The fingerprint of the slots this state would have if its hash sum changed by {@code delta}: the sum of
     * the {@link #mix}es of new values less those of old ones at the slots that differ, which the caller
     * worked out itself (an image under a permutation of threads that only swaps regions,
     * {@link CanonicalFingerprint}); as {@link #fingerprintOf}, without building the image.
     */
    long fingerprintPlus(long delta) {
        return avalanche(sum + delta, slots.length);
    }
}
