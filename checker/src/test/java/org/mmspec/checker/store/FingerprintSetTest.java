package org.mmspec.checker.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FingerprintSetTest {

    @Test
    void aFingerprintIsNewOnceThenSeen() {
        FingerprintSet set = new FingerprintSet(Long.MAX_VALUE);
        assertEquals(Admission.NEW, set.put(42));
        assertEquals(Admission.SEEN, set.put(42));
        assertEquals(Admission.NEW, set.put(-42));
        assertEquals(2, set.size());
        assertTrue(set.contains(42));
        assertFalse(set.contains(43));
    }

    @Test
    void aClearedSetKeepsItsTableAndHoldsNothing() {
        FingerprintSet set = new FingerprintSet(Long.MAX_VALUE);
        for (long fp = 1; fp <= 1000; fp++) {
            set.put(fp * 0x9E3779B97F4A7C15L);
        }
        long bytes = set.bytes();
        set.clear();
        assertEquals(0, set.size());
        assertEquals(bytes, set.bytes());
        assertFalse(set.contains(0x9E3779B97F4A7C15L));
        assertEquals(Admission.NEW, set.put(0x9E3779B97F4A7C15L));
        assertTrue(set.contains(0x9E3779B97F4A7C15L));
        assertEquals(1, set.size());
    }

    @Test
    void zeroIsAFingerprintLikeAnyOther() {
        FingerprintSet set = new FingerprintSet(Long.MAX_VALUE);
        assertFalse(set.contains(0));
        assertEquals(Admission.NEW, set.put(0));
        assertEquals(Admission.SEEN, set.put(0));
        assertTrue(set.contains(0));
        assertEquals(1, set.size());
    }

    @Test
    void agreesWithAHashSetOnRandomAndClusteredFingerprints() {
        FingerprintSet set = new FingerprintSet(Long.MAX_VALUE);
        Set<Long> oracle = new HashSet<>();
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 300_000; i++) {
            // Half random, half small consecutive numbers (poor fingerprints cluster without mixing).
            long fp = i % 2 == 0 ? random.nextLong() : random.nextInt(100_000);
            Admission expected = oracle.add(fp) ? Admission.NEW : Admission.SEEN;
            assertEquals(expected, set.put(fp));
        }
        assertEquals(oracle.size(), set.size());
        for (long fp : oracle) {
            assertTrue(set.contains(fp));
        }
    }

    @Test
    void aFullSetRefusesNewFingerprintsButStillKnowsOldOnes() {
        FingerprintSet set = new FingerprintSet(3);
        assertEquals(Admission.NEW, set.put(1));
        assertEquals(Admission.NEW, set.put(2));
        assertEquals(Admission.NEW, set.put(3));
        assertEquals(Admission.FULL, set.put(4));
        assertEquals(Admission.SEEN, set.put(2));
        assertFalse(set.contains(4));
        assertEquals(3, set.size());
        assertThrows(IllegalArgumentException.class, () -> new FingerprintSet(0));
    }

    @Test
    void smallTablesFillCompletelyAndLargeOnesStopAtTheMaximumLoad() {
        assertEquals(63, FingerprintSet.maxSize(63));
        assertEquals(48, FingerprintSet.maxSize(64));
        assertEquals(750, FingerprintSet.maxSize(1000));
        FingerprintSet set = new FingerprintSet(Long.MAX_VALUE);
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 1; i <= 100_000; i++) {
            set.put(random.nextLong());
            long slots = set.bytes() / 8;
            assertTrue(slots < FingerprintSet.SMALL_TABLE ? i <= slots : i <= FingerprintSet.MAX_LOAD * slots, i + " in " + slots);
        }
    }

    @Test
    void aTableGrowsOffTheHeapAndKeepsEveryFingerprint() {
        FingerprintSet set = new FingerprintSet(Long.MAX_VALUE, 1 << 20);
        SplittableRandom random = new SplittableRandom(9);
        int n = 1_500_000;
        for (int i = 0; i < n; i++) {
            assertEquals(Admission.NEW, set.put(random.nextLong() | 1));
        }
        assertTrue(set.offHeap(), set.bytes() + " bytes");
        SplittableRandom again = new SplittableRandom(9);
        for (int i = 0; i < n; i++) {
            assertTrue(set.contains(again.nextLong() | 1));
        }
        assertFalse(set.contains(2));
        long[] count = {0};
        set.forEach(fp -> count[0]++);
        assertEquals(n, count[0]);
        set.free();
    }

    /**
     * {@link FingerprintSet#touchAll} reads the slots {@link FingerprintSet#touch} reads (its sum is theirs), on
     * the heap and off it, and changes nothing.
     */
    @Test
    void aTouchOfSeveralReadsTheSlotsOfTheirTouches() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (long heapSlots : new long[] {1L << 30, 64}) {
            FingerprintSet set = new FingerprintSet(Long.MAX_VALUE, heapSlots);
            long[] fps = new long[40];
            for (int i = 0; i < 5000; i++) {
                set.put(random.nextLong());
            }
            for (int i = 0; i < fps.length; i++) {
                fps[i] = i % 3 == 0 ? 0 : random.nextLong();
                set.put(i % 2 == 0 ? fps[i] : random.nextLong());
            }
            long size = set.size();
            long sum = 0;
            for (long fp : fps) {
                sum += set.touch(fp);
            }
            assertEquals(sum, set.touchAll(fps, fps.length), "heap slots " + heapSlots);
            assertEquals(set.touch(fps[0]) + set.touch(fps[1]), set.touchAll(fps, 2));
            assertEquals(size, set.size());
            assertTrue(sum != 0);
            assertEquals(heapSlots == 64, set.offHeap());
            set.free();
        }
    }

    @Test
    void aTouchReadsTheSlotWhereALookUpStartsAndChangesNothing() {
        FingerprintSet set = new FingerprintSet(Long.MAX_VALUE);
        assertEquals(0, set.touch(42));
        set.put(42);
        assertEquals(42, set.touch(42));          // alone in the table: at its home slot
        assertEquals(1, set.size());
        assertFalse(set.contains(43));
        FingerprintSet zero = new FingerprintSet(Long.MAX_VALUE);
        zero.put(0);
        assertEquals(FingerprintSet.ZERO_STANDIN, zero.touch(0));
    }
}
