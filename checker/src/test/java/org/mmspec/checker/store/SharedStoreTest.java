package org.mmspec.checker.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The shared parallel engine's store: its lock-free table, its link column, the paths it rebuilds. */
class SharedStoreTest {

    private static SharedTable table(long slots, boolean firstKeyWins) {
        return new SharedTable(slots, 2, LongArray.HEAP_MAX, firstKeyWins);
    }

    @Test
    void theTableKeepsTheLeastKeyOfEachFingerprintInItsLevel() {
        SharedTable t = table(1024, false);
        SharedTable.Writer w = t.newWriter();
        t.admitInitial(5);
        t.startLevel();
        assertEquals(SharedTable.OLD, t.offer(5, 3, w));
        assertEquals(SharedTable.NEW_KEY, t.offer(42, 900, w));
        assertEquals(SharedTable.SEEN_KEY, t.offer(42, 901, w));
        assertEquals(900, t.offer(42, 100, w), "lowered: the key replaced");
        assertEquals(SharedTable.SEEN_KEY, t.offer(42, 200, w));
        assertEquals(100, t.keyOf(42));
        assertEquals(-1, t.keyOf(43));
        assertEquals(-1, t.keyOf(5), "not this level's");
        assertEquals(SharedTable.NEW_KEY, t.offer(0, 7, w));
        assertEquals(7, t.keyOf(0));
        assertEquals(SharedTable.NEW_KEY, t.offer(SharedTable.ZERO_STANDIN + 1, SharedTable.MAX_KEY, w));
        for (long fp = 1; fp <= 100_000; fp++) {
            t.offer(fp * 0x9E3779B97F4A7C15L, fp, w);
        }
        for (long fp = 1; fp <= 100_000; fp++) {
            assertEquals(fp, t.keyOf(fp * 0x9E3779B97F4A7C15L));
        }
        assertTrue(t.grows() > 5 && t.capacity() >= 131_072, "grew: " + t.capacity());
        SharedTable wrong = table(1024, true);
        SharedTable.Writer v = wrong.newWriter();
        wrong.startLevel();
        wrong.offer(42, 900, v);
        assertEquals(SharedTable.SEEN_KEY, wrong.offer(42, 100, v));
        assertEquals(900, wrong.keyOf(42));
        t.free();
        wrong.free();
    }

    @Test
    void aTouchReadsTheSlotWhereAnOfferStartsAndChangesNothing() {
        SharedTable t = table(1024, false);
        SharedTable.Writer w = t.newWriter();
        t.startLevel();
        assertEquals(0, t.touch(42));
        assertEquals(SharedTable.NEW_KEY, t.offer(42, 9, w));
        assertEquals(42, t.touch(42));            // alone in the table: at its home slot
        assertEquals(SharedTable.NEW_KEY, t.offer(0, 7, w));
        assertEquals(SharedTable.ZERO_STANDIN, t.touch(0));
        assertEquals(9, t.keyOf(42));
        assertEquals(-1, t.keyOf(43));
        t.free();
    }

    @Test
    void containsAnswersForTheLevelsBeforeTheOneBeingExpandedOnly() {
        SharedTable t = table(1024, false);
        SharedTable.Writer w = t.newWriter();
        t.admitInitial(5);
        assertFalse(t.contains(5), "in the level being built: level 0");
        t.startLevel();
        assertEquals(SharedTable.NEW_KEY, t.offer(6, 1, w));
        assertFalse(t.contains(6), "inserted in the level being expanded");
        assertTrue(t.contains(5));
        assertFalse(t.contains(7));
        t.startLevel();
        assertTrue(t.contains(6));
        assertEquals(SharedTable.OLD, t.offer(6, 0, w));
        t.free();
    }

    @Test
    void tagsThatRunOutAreRetaggedAndEarlierLevelsStayEarlier() {
        SharedTable t = table(1024, false);
        SharedTable.Writer w = t.newWriter();
        t.admitInitial(1);
        for (int level = 0; level < 300; level++) {
            t.startLevel();
            long fp = 1000 + level;
            assertEquals(SharedTable.NEW_KEY, t.offer(fp, 50, w), "level " + level);
            assertEquals(50, t.offer(fp, 40, w), "level " + level);
            assertFalse(t.contains(fp));
            for (long earlier = 1000; earlier < fp; earlier += 37) {
                assertEquals(SharedTable.OLD, t.offer(earlier, 1, w), "level " + level + " fingerprint " + earlier);
            }
            assertEquals(SharedTable.OLD, t.offer(1, 1, w));
        }
        t.free();
    }

    @Test
    void theSearchesTableIsOffTheHeapFromItsFirstSlotSoItNeverMovesThereMidSearch() {
        // a move off the heap mid-search recompiles the workers' expansion loop (h24d): the table starts there
        SharedStore store = new SharedStore(3, 1000, 0, 0, 2, false);
        assertTrue(store.table().slots().offHeap(), "the first table is off the heap");
        store.free();
    }

    @Test
    void aTableThatOutgrowsItsHeapShareMovesOffTheHeapAndKeepsEveryLeastKey() {
        SharedTable t = new SharedTable(1024, 1, 4096, false);
        SharedTable.Writer w = t.newWriter();
        t.startLevel();
        int n = 200_000;
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        long[] fps = new long[n];
        for (int i = 0; i < n; i++) {
            fps[i] = random.nextLong();
            assertEquals(SharedTable.NEW_KEY, t.offer(fps[i], 1000L + i, w));
        }
        assertTrue(t.bytes() >= 16L * n, "grew off the heap: " + t.bytes());
        for (int i = 0; i < n; i += 3) {
            assertEquals(1000L + i, t.offer(fps[i], i, w));
            assertEquals(SharedTable.SEEN_KEY, t.offer(fps[i], i + 1, w));
        }
        for (int i = 0; i < n; i++) {
            assertEquals(i % 3 == 0 ? i : 1000L + i, t.keyOf(fps[i]), "fingerprint " + i);
        }
        t.free();
    }

    @Test
    void aTableThatCannotGrowAnswersFullAndSaysItRanOutOfMemory() {
        SharedTable t = new SharedTable(1024, 1, LongArray.HEAP_MAX, false, 2048);
        SharedTable.Writer w = t.newWriter();
        t.startLevel();
        long answer = 0;
        int i = 0;
        while (answer != SharedTable.FULL && i < 4096) {
            answer = t.offer(++i * 0x9E3779B97F4A7C15L, i, w);
        }
        assertEquals(SharedTable.FULL, answer);
        assertTrue(t.outOfMemory());
        assertEquals(2048, t.capacity());
        assertTrue(i > 1536 && i < 1700, "refused near three quarters of 2048 slots: " + i);
        t.free();
    }

    /**
     * Past three quarters of the slots the first offer allocates the larger table ahead and the table grows
     * at once; while another worker is still allocating it (a claim never finished here), offers go on into
     * the table until seven eighths of its slots and then grow it themselves: the table never fills, and
     * every fingerprint keeps its key.
     */
    @Test
    void offersGoOnWhileTheLargerTableIsAllocatedUpToSevenEighths() {
        SharedTable t = new SharedTable(4096, 1, LongArray.HEAP_MAX, false);
        SharedTable.Writer w = t.newWriter();
        t.startLevel();
        int i = 0;
        while (t.grows() == 0) {
            t.offer(++i * 0x9E3779B97F4A7C15L, i, w);
        }
        assertEquals(1, t.growsPrepared());
        assertTrue(i > 3072 && i < 3072 + 200, "grew just past three quarters of 4096 slots: " + i);
        t.claimPreparation();
        while (t.grows() == 1) {
            t.offer(++i * 0x9E3779B97F4A7C15L, i, w);
        }
        assertEquals(1, t.growsPrepared(), "the second growth was not allocated ahead");
        assertTrue(i > 7168 && i < 7168 + 200, "grew just past seven eighths of 8192 slots, not at three quarters: " + i);
        for (int f = 1; f <= i; f++) {
            assertEquals(f, t.keyOf(f * 0x9E3779B97F4A7C15L), "fingerprint " + f);
        }
        t.free();
    }

    /**
     * Two threads offer the same fingerprints with interleaved keys into a table that starts tiny, so it
     * grows many times while both insert (each growth a rendezvous): each fingerprint ends with its least
     * key, was new to exactly one offer, and every key replaced was offered and is not the least.
     */
    @Test
    void twoWritersGrowTheTableTogetherAndTheLeastKeyWins() throws Exception {
        int n = 300_000;
        SharedTable t = new SharedTable(1024, 2, 1 << 16, false);
        t.startLevel();
        long[][] replaced = new long[2][];
        int[] fresh = new int[2];
        Thread[] threads = new Thread[2];
        for (int k = 0; k < 2; k++) {
            int me = k;
            threads[k] = new Thread(() -> {
                SharedTable.Writer w = t.newWriter();
                t.enter();
                java.util.List<Long> mine = new java.util.ArrayList<>();
                try {
                    for (int i = 0; i < n; i++) {
                        int f = me == 0 ? i : n - 1 - i;           // one forwards, one backwards
                        long answer = t.offer(f * 0x9E3779B97F4A7C15L + 1, 2L * f + me, w);
                        if (answer == SharedTable.NEW_KEY) {
                            fresh[me]++;
                        } else if (answer >= 0) {
                            mine.add(answer);
                        }
                    }
                } finally {
                    t.leave(w);
                }
                replaced[me] = mine.stream().mapToLong(Long::longValue).toArray();
            });
            threads[k].start();
        }
        for (Thread th : threads) {
            th.join();
        }
        assertEquals(n, fresh[0] + fresh[1]);
        assertEquals(n, t.size());
        assertTrue(t.grows() >= 8, "grew " + t.grows());
        assertTrue(t.growsPrepared() > 0, "a worker allocated the larger table ahead: " + t.growsPrepared());
        for (int f = 0; f < n; f++) {
            assertEquals(2L * f, t.keyOf(f * 0x9E3779B97F4A7C15L + 1), "fingerprint " + f);
        }
        for (long[] r : replaced) {
            for (long key : r) {
                assertEquals(1, key % 2, "only worker 1's keys are ever replaced: " + key);
            }
        }
        t.free();
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

    /**
     * A level's links reserved at once and written out of order, by two threads, make the column that
     * appending them in order makes: the same links, the choice field widened (repacking the earlier links)
     * when a level brings a larger choice, and nothing reserved once the links must go 64-bit (then they are
     * appended in order, as before). A reservation that did not widen the choice field, or that numbered
     * states past the 32-bit capacity, gives other links.
     */
    @Test
    void linksReservedALevelAtATimeAreTheLinksAppendedInOrder() throws InterruptedException {
        int threadBits = 2;
        LinkColumn inOrder = new LinkColumn(threadBits);
        LinkColumn reserved = new LinkColumn(threadBits);
        // levels of growing size and choice; the last one's ids pass what 32-bit links with its choice hold
        int[] sizes = {1, 3, 700, NarrowLinks.CHUNK + 5, 3 * NarrowLinks.CHUNK, 2 * NarrowLinks.CHUNK};
        int[] choices = {0, 1, 1, 6, 300, 1 << 14};
        long base = 0;
        for (int level = 0; level < sizes.length; level++) {
            int n = sizes[level];
            long first = inOrder.size();
            long[][] links = new long[n][];
            int maxChoice = 0;
            for (int j = 0; j < n; j++) {
                int choice = (j * 7919 + level) % (choices[level] + 1);
                links[j] = new long[] {base + j / 3, j % 3, choice};
                maxChoice = Math.max(maxChoice, choice);
                assertTrue(inOrder.add(links[j][0], (int) links[j][1], choice));
            }
            LinkReservation r = reserved.reserve(n, maxChoice);
            if (r == LinkReservation.RESERVED) {
                assertFalse(inOrder.wide(), "reserved only while the links stay 32-bit");
                Thread odd = new Thread(() -> writeBackwards(reserved, first, links, 1));
                odd.start();
                writeBackwards(reserved, first, links, 0);
                odd.join();
            } else {
                assertEquals(LinkReservation.APPEND_IN_ORDER, r, "level " + level);
                assertEquals(first, reserved.size(), "nothing reserved");
                for (long[] l : links) {
                    assertTrue(reserved.add(l[0], (int) l[1], (int) l[2]));
                }
            }
            assertEquals(inOrder.size(), reserved.size());
            assertEquals(inOrder.wide(), reserved.wide(), "level " + level);
            assertEquals(inOrder.bytes(), reserved.bytes(), "level " + level);
            for (long id = 0; id < inOrder.size(); id++) {
                assertEquals(inOrder.get(id), reserved.get(id), "link of " + id + " after level " + level);
            }
            base = first;
        }
        assertTrue(reserved.wide(), "the last level went 64-bit");
        assertEquals(LinkReservation.APPEND_IN_ORDER, reserved.reserve(1, 0), "64-bit links are appended in order");
        inOrder.free();
        reserved.free();
    }

    /** Writes the links of {@code first + j} for every j of the given parity, from the last to the first. */
    private static void writeBackwards(LinkColumn column, long first, long[][] links, int parity) {
        for (int j = links.length - 1; j >= 0; j--) {
            if (j % 2 == parity) {
                column.set(first + j, links[j][0], (int) links[j][1], (int) links[j][2]);
            }
        }
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
        SharedStore store = new SharedStore(3, 100, 0, 0, 1, false);
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
