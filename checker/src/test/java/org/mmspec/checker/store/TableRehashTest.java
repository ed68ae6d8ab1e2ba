package org.mmspec.checker.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link TableRehash}: a growth keeps every fingerprint where linear probing finds it. */
class TableRehashTest {

    @Test
    void growthAcrossTheHeapBoundaryKeepsEveryFingerprint() {
        long[] fps = random(11, 400_000);
        FingerprintSet set = new FingerprintSet(Long.MAX_VALUE, 1 << 12);
        putAll(set, fps);
        assertTrue(set.offHeap());
        assertEquals(0, lost(set, fps));
        assertEquals(fps.length, set.size());
        long[] count = {0};
        set.forEach(fp -> count[0]++);
        assertEquals(fps.length, count[0]);
        set.free();
    }

    @Test
    void aBrokenGrowthLosesFingerprints() {
        long[] fps = random(11, 400_000);
        FingerprintSet set = new FingerprintSet(Long.MAX_VALUE, 1 << 12, true);
        putAll(set, fps);
        assertTrue(lost(set, fps) > 0);
        set.free();
    }

    @Test
    void aGrowthOfATableWhoseFirstClusterWrapsKeepsEveryFingerprint() {
        // Mixed values at the top of the range: their home slots are the last ones, so the cluster wraps to slot 0.
        SplittableRandom random = new SplittableRandom(5);
        long[] fps = new long[30_000];
        for (int i = 0; i < fps.length; i++) {
            long mixed = i % 3 == 0 ? -1L - random.nextInt(1 << 20) : random.nextLong();
            fps[i] = FingerprintSet.unmix(mixed);
        }
        for (long heapSlots : new long[] {1L << 30, 64}) {
            FingerprintSet set = new FingerprintSet(Long.MAX_VALUE, heapSlots);
            putAll(set, fps);
            assertEquals(0, lost(set, fps), "heap slots " + heapSlots);
            set.free();
        }
    }

    @Test
    void theNewTableIsWhatInsertingOneByOneInTheWalksOrderGives() {
        for (long capacity : new long[] {64, 1000, 100_003}) {
            for (boolean offHeap : new boolean[] {false, true}) {
                LongArray old = table(capacity, FingerprintSet.maxSize(capacity), offHeap, capacity);
                long larger = (long) Math.ceil(capacity * FingerprintSet.GROWTH);
                LongArray grown = LongArray.allocate(larger, offHeap);
                TableRehash.rehash(old, capacity, grown, larger, false);
                assertArrayEquals(oneByOne(old, capacity, larger), contents(grown, larger), capacity + " " + offHeap);
                LongArray wrong = LongArray.allocate(larger, offHeap);
                TableRehash.rehash(old, capacity, wrong, larger, true);
                assertFalse(java.util.Arrays.equals(contents(grown, larger), contents(wrong, larger)));
            }
        }
    }

    @Test
    void aFullSmallTableGrows() {
        LongArray old = table(63, 63, false, 17);
        LongArray grown = LongArray.allocate(79, false);
        TableRehash.rehash(old, 63, grown, 79, false);
        assertArrayEquals(oneByOne(old, 63, 79), contents(grown, 79));
    }

    /** A table of {@code capacity} slots holding {@code n} random fingerprints (seed {@code seed}). */
    private static LongArray table(long capacity, long n, boolean offHeap, long seed) {
        LongArray t = LongArray.allocate(capacity, offHeap);
        SplittableRandom random = new SplittableRandom(seed);
        for (long i = 0; i < n; i++) {
            FingerprintSet.insertAbsent(t, capacity, random.nextLong() | 1);
        }
        return t;
    }

    /** The reference: the old table's fingerprints inserted by probing, from its first empty slot on, wrapping. */
    private static long[] oneByOne(LongArray old, long capacity, long larger) {
        LongArray t = LongArray.allocate(larger, false);
        long start = 0;
        while (start < capacity && old.get(start) != 0) {
            start++;
        }
        for (long k = 0; k < capacity; k++) {
            long fp = old.get((start + k) % capacity);
            if (fp != 0) {
                FingerprintSet.insertAbsent(t, larger, fp);
            }
        }
        return contents(t, larger);
    }

    private static long[] contents(LongArray t, long capacity) {
        long[] out = new long[(int) capacity];
        t.read(0, out, out.length);
        return out;
    }

    private static long[] random(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] fps = new long[n];
        for (int i = 0; i < n; i++) {
            fps[i] = random.nextLong();
        }
        return fps;
    }

    private static void putAll(FingerprintSet set, long[] fps) {
        for (long fp : fps) {
            set.put(fp);
        }
    }

    private static long lost(FingerprintSet set, long[] fps) {
        long lost = 0;
        for (long fp : fps) {
            lost += set.contains(fp) ? 0 : 1;
        }
        return lost;
    }
}
