package org.mmspec.checker.explore;

import java.util.Arrays;

/**
 * A growable list of {@code long}s on the heap: the per-level keys, ranks and counts of the owner-partitioned
 * search; in the shared one only what grows with a level's lowered keys (the keys replaced, the positions
 * of stale copies), whose per-state bookkeeping lives off the heap.
 */
final class LongList {

    private long[] values = new long[16];
    private int size;

    void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, Math.max(16, size + (size >> 1)));
        }
        values[size++] = v;
    }

    long get(int i) {
        return values[i];
    }

    int size() {
        return size;
    }

    /** Bytes of this list on the heap (an estimate: the object and its array). */
    long heapBytes() {
        return 32 + 16 + 8L * values.length;
    }

    /** Forgets every value; keeps at most 64 Ki slots of the array for the next level. */
    void clear() {
        size = 0;
        if (values.length > 1 << 16) {
            values = new long[16];
        }
    }

    /** Number of values below {@code bound}, for a list sorted ascending. */
    int countBelow(long bound) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (values[mid] < bound) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
