package org.mmspec.checker.explore;

import java.util.Arrays;

/**
 * The fingerprints one worker of a parallel BFS has already routed in the current level: a successor seen
 * again in the same level (another interleaving of the same steps) is dropped at its worker instead of being
 * queued, copied and probed again at its owner. A worker expands its states in rank order, so the copy it
 * routed first has the least key of its copies, and the owner, which keeps the least key among all workers'
 * copies, admits exactly what it admitted before; only the work and the memory for the later copies go.
 *
 * <p>An open-addressing table of {@code long}s, hand-written because it sits on the hot path of every
 * generated successor (a boxed set would allocate per successor). It stops growing at
 * {@value #MAX_CAPACITY} slots; past that it forgets nothing and accepts every new fingerprint (the owner
 * still drops the duplicates), so its memory is bounded.
 */
final class RoutedSet {

    static final int MAX_CAPACITY = 1 << 22;
    private static final int INITIAL_CAPACITY = 1 << 10;

    private long[] table = new long[INITIAL_CAPACITY];
    private int size;
    private boolean hasZero;

    /** True if {@code fp} was not routed yet in this level (and is now recorded), false if it was. */
    boolean firstTime(long fp) {
        if (fp == 0) {
            boolean first = !hasZero;
            hasZero = true;
            return first;
        }
        if (2 * (size + 1) > table.length) {
            if (table.length >= MAX_CAPACITY) {
                return table[slot(fp)] != fp;
            }
            grow();
        }
        int i = slot(fp);
        if (table[i] == fp) {
            return false;
        }
        table[i] = fp;
        size++;
        return true;
    }

    /** Where {@code fp} is in the table, else the empty slot where it would go. */
    private int slot(long fp) {
        long[] t = table;
        int mask = t.length - 1;
        int i = mix(fp) & mask;
        while (t[i] != fp && t[i] != 0) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        int mask = table.length - 1;
        for (long v : old) {
            if (v != 0) {
                int i = mix(v) & mask;
                while (table[i] != 0) {
                    i = (i + 1) & mask;
                }
                table[i] = v;
            }
        }
    }

    private static int mix(long fp) {
        long h = fp * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32);
    }

    /** Forgets every fingerprint (a new level); keeps the table it grew to. */
    void clear() {
        if (size > 0) {
            Arrays.fill(table, 0);
        }
        size = 0;
        hasZero = false;
    }

    int size() {
        return size + (hasZero ? 1 : 0);
    }
}
