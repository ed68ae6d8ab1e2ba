package org.mmspec.checker.store;

import java.util.Arrays;

/** Sorting of fingerprint keys as unsigned 64-bit numbers, for {@link FingerprintSet#sortMixed()}. */
final class TableSort {

    private TableSort() {}

    /** Sorts {@code a} ascending as unsigned numbers. */
    static void sortUnsigned(long[] a) {
        for (int i = 0; i < a.length; i++) {
            a[i] ^= Long.MIN_VALUE;
        }
        Arrays.sort(a);
        for (int i = 0; i < a.length; i++) {
            a[i] ^= Long.MIN_VALUE;
        }
    }

    /**
     * Sorts {@code t[0 .. n)} ascending as unsigned numbers by insertion: time proportional to {@code n}
     * plus the number of pairs out of order, so for a nearly sorted array only.
     */
    static void insertionSortUnsigned(LongArray t, long n) {
        for (long i = 1; i < n; i++) {
            long v = t.get(i);
            long j = i - 1;
            long w = t.get(j);
            if (Long.compareUnsigned(w, v) <= 0) {
                continue;
            }
            do {
                t.set(j + 1, w);
                j--;
            } while (j >= 0 && Long.compareUnsigned(w = t.get(j), v) > 0);
            t.set(j + 1, v);
        }
    }
}
