package org.mmspec.checker.store;

/**
 * Moves the fingerprints of a {@link FingerprintSet}'s table into a larger one when it grows, writing the
 * larger table front to back. Hand-written for speed: growth was 7.7% of the samples of a search of ten
 * million states (swap_faults_vs_reclaim, one worker), 4.0% with this walk; moving a 13-million-slot
 * off-heap table took 23-39 ns per fingerprint instead of 31-58 (a loaded two-core machine).
 *
 * <p>A fingerprint's home slot is its mixed value scaled to the capacity, so walking the old table in slot
 * order from the start of a cluster meets the fingerprints nearly in the order of their new home slots. The
 * walk keeps a cursor (every slot from it on is still empty) and the last gap below it (every slot between
 * that gap and the cursor is taken). A fingerprint whose new home lies above that gap goes to its home or,
 * when the home is taken, to the cursor: exactly where linear probing would put it (every slot from the home
 * to the cursor is taken, the cursor's slot is empty), found without reading the new table. A fingerprint
 * whose home lies at or below the gap (one that was out of order within its old cluster), one that would go
 * past the end, and the fingerprints before the walk's start (the first cluster, which may have wrapped
 * around from the end) are inserted by probing, as before. So the new table holds the same fingerprints at
 * the same slots as inserting them one by one in the walk's order would give, and each lookup finds them.
 *
 * <p>The old table is read in blocks copied to a heap buffer ({@link LongArray#read}), so the loop has no
 * per-slot chunk look-up or bounds check of the off-heap table.
 */
final class TableRehash {

    /** Slots of the old table copied to the heap at a time. */
    private static final int BLOCK = 4096;

    private final LongArray to;
    private final long capacity;
    /** Every slot of {@link #to} from here on is empty (while the walk is in order). */
    private long cursor;
    /** Every slot of {@link #to} above this one and below {@link #cursor} is taken. */
    private long lastGap = -1;
    /** Test-only: a wrong rehash that trusts the cursor for every fingerprint. */
    private final boolean broken;

    private TableRehash(LongArray to, long capacity, boolean broken) {
        this.to = to;
        this.capacity = capacity;
        this.broken = broken;
    }

    /**
     * Inserts the {@code fromCapacity} slots' fingerprints of {@code from} into {@code to}, an empty table
     * of {@code capacity} slots with room for them all; with {@code broken}, a deliberately wrong rehash for
     * tests (fingerprints out of order within their cluster are put where lookups do not find them).
     */
    static void rehash(LongArray from, long fromCapacity, LongArray to, long capacity, boolean broken) {
        long start = 0;
        while (start < fromCapacity && from.get(start) != 0) {
            start++;
        }
        TableRehash r = new TableRehash(to, capacity, broken);
        long[] block = new long[(int) Math.min(BLOCK, Math.max(1, fromCapacity))];
        for (long base = start; base < fromCapacity; base += block.length) {
            int n = (int) Math.min(block.length, fromCapacity - base);
            from.read(base, block, n);
            r.inOrder(block, n);
        }
        for (long i = 0; i < start; i++) {
            FingerprintSet.insertAbsent(to, capacity, from.get(i));
        }
    }

    /** Inserts the first {@code n} slots' fingerprints of {@code block}, the next slots of the walk. */
    private void inOrder(long[] block, int n) {
        long c = capacity;
        long next = cursor;
        long gap = broken ? -1 : lastGap;
        for (int j = 0; j < n; j++) {
            long fp = block[j];
            if (fp == 0) {
                continue;
            }
            long home = FingerprintSet.home(fp, c);
            long at = Math.max(home, next);
            if (home > gap && at < c) {
                to.set(at, fp);
                gap = home > next && !broken ? home - 1 : gap;
                next = at + 1;
            } else {
                long put = FingerprintSet.insertAbsent(to, c, fp);
                next = put == next ? next + 1 : next;   // a probe past a filled gap took the cursor's slot
            }
        }
        cursor = next;
        lastGap = gap;
    }
}
