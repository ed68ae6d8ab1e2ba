package org.mmspec.checker.explore;

import java.util.Arrays;

/**
 * A set of {@code long}s on the heap, open addressing: the fingerprints whose key was lowered in one level
 * of a {@link SharedBreadthFirstSearch} (a small set, probed once per new state of the level).
 */
final class LongSet {

    private long[] table = new long[16];
    private int size;
    private boolean hasZero;

    void add(long v) {
        if (v == 0) {
            hasZero = true;
            return;
        }
        if (2 * (size + 1) > table.length) {
            grow();
        }
        int i = slot(table, v);
        if (table[i] != v) {
            table[i] = v;
            size++;
        }
    }

    boolean contains(long v) {
        if (v == 0) {
            return hasZero;
        }
        return size > 0 && table[slot(table, v)] == v;
    }

    boolean isEmpty() {
        return size == 0 && !hasZero;
    }

    int size() {
        return size + (hasZero ? 1 : 0);
    }

    private static int slot(long[] t, long v) {
        int mask = t.length - 1;
        int i = (int) ((v * 0x9E3779B97F4A7C15L) >>> 40) & mask;
        while (t[i] != v && t[i] != 0) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        for (long v : old) {
            if (v != 0) {
                table[slot(table, v)] = v;
            }
        }
    }

    void clear() {
        Arrays.fill(table, 0);
        size = 0;
        hasZero = false;
    }
}
