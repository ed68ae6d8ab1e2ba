package org.mmspec.checker.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutedSetTest {

    @Test
    void reportsEachFingerprintOnceAgreeingWithAHashSet() {
        RoutedSet routed = new RoutedSet();
        Set<Long> reference = new HashSet<>();
        SplitMix64 random = new SplitMix64(7);
        for (int i = 0; i < 200_000; i++) {
            long fp = random.nextLong() & 0xFFFF;      // many repeats, zero among them
            assertEquals(reference.add(fp), routed.firstTime(fp), "fingerprint " + fp);
        }
        assertEquals(reference.size(), routed.size());
    }

    @Test
    void clearForgetsTheLevel() {
        RoutedSet routed = new RoutedSet();
        assertTrue(routed.firstTime(0));
        assertTrue(routed.firstTime(42));
        assertFalse(routed.firstTime(0));
        assertFalse(routed.firstTime(42));
        routed.clear();
        assertEquals(0, routed.size());
        assertTrue(routed.firstTime(0));
        assertTrue(routed.firstTime(42));
    }

    @Test
    void atItsCapacityItStillNeverDropsAFirstCopy() {
        RoutedSet routed = new RoutedSet();
        int n = RoutedSet.MAX_CAPACITY / 2 + 1000;
        for (long fp = 1; fp <= n; fp++) {
            assertTrue(routed.firstTime(fp * 0x9E3779B97F4A7C15L));
        }
        assertTrue(routed.size() <= RoutedSet.MAX_CAPACITY / 2, "bounded: " + routed.size());
        assertFalse(routed.firstTime(0x9E3779B97F4A7C15L), "a recorded fingerprint is still known");
        assertTrue(routed.firstTime(-5), "an unrecorded one is routed");
    }
}
