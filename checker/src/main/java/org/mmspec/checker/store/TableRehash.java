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
 * <p>The old table is read in blocks copied to a heap buffer ({@link LongArray#read}), and the in-order writes
 * go to a heap window copied to the new table in bulk ({@link LongArray#write}: the window's slots between two
 * writes are empty, so copying their zeros changes nothing), so the loop has no per-slot chunk look-up or
 * checks of an off-heap table. The window is copied out before every insertion by probing, which reads and
 * writes the new table itself.
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
    /** The in-order writes not yet in {@link #to}: slots {@link #windowStart} on, {@link #windowLength} of them. */
    private final long[] window = new long[BLOCK];
    private long windowStart;
    private int windowLength;

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
        r.flush();
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
                buffer(at, fp);
                gap = home > next && !broken ? home - 1 : gap;
                next = at + 1;
            } else {
                flush();
                long put = FingerprintSet.insertAbsent(to, c, fp);
                next = put == next ? next + 1 : next;   // a probe past a filled gap took the cursor's slot
            }
        }
        cursor = next;
        lastGap = gap;
    }

    /** Writes {@code fp} at slot {@code at} of the new table through the window (above every slot written so far). */
    private void buffer(long at, long fp) {
        long offset = at - windowStart;
        if (windowLength == 0 || offset >= window.length) {
            flush();
            windowStart = at;
            offset = 0;
        }
        int k = (int) offset;
        java.util.Arrays.fill(window, windowLength, k, 0L);
        window[k] = fp;
        windowLength = k + 1;
    }

    /** Copies the window's slots to the new table. */
    private void flush() {
        if (windowLength > 0) {
            to.write(windowStart, window, windowLength);
            windowLength = 0;
        }
    }
}
