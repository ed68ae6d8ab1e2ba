package org.mmspec.ref.audit;

import java.util.Arrays;

/**
 * The state a step touched, for independence checks (partial-order reduction): the words it read and
 * the words it wrote, each as {@code word << 32 | mask} (mask {@code -1}: the whole word; page flags are
 * recorded bit by bit, so atomic bit operations on different bits do not conflict), and the locks it
 * held only inside the step ({@code ScopedLock} encodings). Accesses in ghost code are left out; ghost
 * words are included (they are part of the state).
 *
 * @param reads words read (and not written)
 * @param writes words written
 * @param scopedLocks locks taken inside the step
 */
public record Footprint(long[] reads, long[] writes, int[] scopedLocks) {

    public Footprint {
        reads = reads.clone();
        writes = writes.clone();
        scopedLocks = scopedLocks.clone();
    }

    /** The word of an entry. */
    public static int word(long entry) {
        return (int) (entry >> 32);
    }

    /** The bits of an entry. */
    public static int mask(long entry) {
        return (int) entry;
    }

    /**
     * Whether two steps with these footprints may conflict: one writes what the other reads or writes
     * (same word, overlapping bits), or both take the same in-step lock.
     */
    public boolean conflictsWith(Footprint o) {
        return overlaps(writes, o.writes) || overlaps(writes, o.reads) || overlaps(reads, o.writes)
                || Arrays.stream(scopedLocks).anyMatch(x -> Arrays.stream(o.scopedLocks).anyMatch(y -> x == y));
    }

    private static boolean overlaps(long[] a, long[] b) {
        for (long x : a) {
            for (long y : b) {
                if (word(x) == word(y) && (mask(x) & mask(y)) != 0) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Footprint f && Arrays.equals(reads, f.reads) && Arrays.equals(writes, f.writes)
                && Arrays.equals(scopedLocks, f.scopedLocks);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(reads) * 31 + Arrays.hashCode(writes) * 7 + Arrays.hashCode(scopedLocks);
    }

    @Override
    public String toString() {
        return "Footprint[reads=" + reads.length + ", writes=" + writes.length + ", locks=" + scopedLocks.length + "]";
    }
}
