package org.mmspec.checker.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The shared parallel engine's stores: the level set, the striped store and its link column. */
class SharedStoreTest {

    @Test
    void theLevelSetKeepsTheLeastKeyOfEachFingerprint() {
        LevelSet set = new LevelSet(StripedStore.STRIPES);
        assertEquals(LevelSet.Offer.NEW, set.offer(42, 900));
        assertEquals(LevelSet.Offer.SEEN, set.offer(42, 901));
        assertEquals(LevelSet.Offer.LOWER, set.offer(42, 100));
        assertEquals(LevelSet.Offer.SEEN, set.offer(42, 200));
        assertEquals(100, set.keyOf(42));
        assertEquals(-1, set.keyOf(43));
        assertEquals(LevelSet.Offer.NEW, set.offer(0, 7));
        assertEquals(7, set.keyOf(0));
        for (long fp = 1; fp <= 100_000; fp++) {
            set.offer(fp * 0x9E3779B97F4A7C15L, fp);
        }
        for (long fp = 1; fp <= 100_000; fp++) {
            assertEquals(fp, set.keyOf(fp * 0x9E3779B97F4A7C15L));
        }
        LevelSet wrong = new LevelSet(StripedStore.STRIPES, true);
        wrong.offer(42, 900);
        assertEquals(LevelSet.Offer.SEEN, wrong.offer(42, 100));
        assertEquals(900, wrong.keyOf(42));
    }

    @Test
    void aStripeThatOutgrowsItsHeapShareMovesOffTheHeapAndKeepsEveryLeastKey() {
        LevelSet set = new LevelSet(2);
        int n = 8 * LevelSet.HEAP_SLOTS;       // past each stripe's heap share: the tables grow off the heap
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        long[] fps = new long[n];
        for (int i = 0; i < n; i++) {
            fps[i] = random.nextLong();
            assertEquals(LevelSet.Offer.NEW, set.offer(fps[i], 1000L + i));
        }
        assertTrue(set.bytes() > 2 * 16L * LevelSet.HEAP_SLOTS, "grew past the heap share: " + set.bytes());
        for (int i = 0; i < n; i += 3) {
            assertEquals(LevelSet.Offer.LOWER, set.offer(fps[i], i));
            assertEquals(LevelSet.Offer.SEEN, set.offer(fps[i], i + 1));
        }
        for (int i = 0; i < n; i++) {
            assertEquals(i % 3 == 0 ? i : 1000L + i, set.keyOf(fps[i]), "fingerprint " + i);
        }
        assertEquals(n, set.stripeSize(0) + set.stripeSize(1));
        set.clearStripe(0);
        set.clearStripe(1);
        assertEquals(-1, set.keyOf(fps[0]));
        assertEquals(LevelSet.Offer.NEW, set.offer(fps[0], 5));
        set.free();
    }

    @Test
    void aCommittedLevelIsInTheStoreAndTheLevelSetIsEmptied() {
        StripedStore store = new StripedStore(2, 1000);
        store.admitInitial(5);
        LevelSet level = new LevelSet(StripedStore.STRIPES);
        for (long fp = 6; fp < 200; fp++) {
            level.offer(fp, fp);
        }
        assertFalse(store.contains(6));
        for (int i = 0; i < StripedStore.STRIPES; i++) {
            assertTrue(store.commitStripe(i, level));
            level.clearStripe(i);
        }
        for (long fp = 5; fp < 200; fp++) {
            assertTrue(store.contains(fp), "fingerprint " + fp);
            assertEquals(-1, level.keyOf(fp));
        }
        assertFalse(store.contains(200));
        store.free();
    }

    @Test
    void linksWidenTheirChoiceFieldThenGoTo64Bits() {
        LinkColumn narrow = new LinkColumn(1);
        for (int id = 0; id < 1000; id++) {
            assertTrue(narrow.add(id / 2, id % 2, id == 500 ? 5 : 0));
        }
        assertFalse(narrow.wide());
        for (int id = 0; id < 1000; id++) {
            long link = narrow.get(id);
            assertEquals(id / 2, link >>> StateStore.MOVE_BITS, "parent of " + id);
            assertEquals(id % 2, link & 1, "thread of " + id);
            assertEquals(id == 500 ? 5 : 0, (link >>> 1) & ((1 << 23) - 1), "choice of " + id);
        }
        LinkColumn wide = new LinkColumn(16);
        assertTrue(wide.add(0, 0, 0));
        assertTrue(wide.add(0, 5, 1 << 15));
        assertTrue(wide.wide());
        assertEquals(5 | (1L << 15) << 16, wide.get(1));
        assertEquals(0, wide.get(0));
        wide.free();
    }

    @Test
    void aColumnOfOffHeapLinksWidensWithTheSameLinks() {
        LinkColumn column = new LinkColumn(2);
        int n = 2 * NarrowLinks.CHUNK + 77;
        for (int id = 0; id < n; id++) {
            assertTrue(column.add(id / 2, id % 3, id % 2));
        }
        assertFalse(column.wide());
        assertTrue(column.bytes() >= 4L * n && column.bytes() < 5L * n, "bytes " + column.bytes());
        long[] before = new long[n];
        for (int id = 0; id < n; id++) {
            before[id] = column.get(id);
        }
        assertTrue(column.add(n / 2, 1, 1 << 20));
        assertTrue(column.wide());
        for (int id = 0; id < n; id++) {
            assertEquals(before[id], column.get(id), "link of " + id);
            assertEquals(id / 2, column.get(id) >>> StateStore.MOVE_BITS, "parent of " + id);
        }
        assertEquals(1L << 20, (column.get(n) >>> 2) & ((1 << 22) - 1));
        column.free();
    }

    @Test
    void theStoreRebuildsPathsFromItsLinks() {
        StripedStore store = new StripedStore(3, 100);
        store.admitInitial(1);
        store.addLink(0, 2, 0);
        store.addLink(0, 1, 3);
        store.addLink(2, 0, 1);
        assertArrayEquals(new int[] {1, 0}, store.scheduleTo(3));
        assertArrayEquals(new int[] {3, 1}, store.choicesTo(3));
        assertEquals(4, store.size());
        store.free();
    }
}
