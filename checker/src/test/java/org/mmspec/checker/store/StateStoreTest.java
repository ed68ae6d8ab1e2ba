package org.mmspec.checker.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StateStoreTest {

    @Test
    void rebuildsTheScheduleFromParentLinks() {
        StateStore store = new StateStore(3, Long.MAX_VALUE);
        assertEquals(Admission.NEW, store.admitInitial(100));
        assertEquals(Admission.NEW, store.admit(101, 0, 2)); // id 1
        assertEquals(Admission.NEW, store.admit(102, 0, 1)); // id 2
        assertEquals(Admission.NEW, store.admit(103, 1, 0)); // id 3
        assertEquals(Admission.SEEN, store.admit(102, 3, 2));
        assertEquals(Admission.NEW, store.admit(104, 3, 2)); // id 4
        assertEquals(4, store.lastId());
        assertArrayEquals(new int[] {2, 0, 2}, store.scheduleTo(4));
        assertArrayEquals(new int[] {1}, store.scheduleTo(2));
        assertArrayEquals(new int[0], store.scheduleTo(0));
    }

    @Test
    void longChainsAndManyThreadsPackCorrectly() {
        int threads = 33; // 6 bits of thread
        StateStore store = new StateStore(threads, Long.MAX_VALUE);
        store.admitInitial(1);
        int length = 100_000;
        for (int i = 1; i <= length; i++) {
            store.admit(1000 + i, i - 1, i % threads);
        }
        int[] schedule = store.scheduleTo(length);
        assertEquals(length, schedule.length);
        for (int i = 0; i < length; i++) {
            assertEquals((i + 1) % threads, schedule[i]);
        }
    }

    @Test
    void idsHaveFortyBitsWhateverTheThreadsAndChoices() {
        assertEquals(1L << 40, StateStore.MAX_STATES);
        assertEquals(1 << 23, new StateStore(2, 10).choiceLimit());
        assertEquals(1 << 18, new StateStore(33, 10).choiceLimit());
        assertEquals(1000, new StateStore(2, 1000).limit());
        assertEquals(StateStore.MAX_STATES, new StateStore(2, Long.MAX_VALUE).limit());
    }

    @Test
    void idsBeyondThirtyOneBitsKeepTheirParents() {
        StateStore store = new StateStore(3, Long.MAX_VALUE);
        store.admitInitial(1);
        long bigParent = (1L << 39) + 12345;
        // a parent id beyond 2^31 packs and unpacks exactly (the links are longs)
        long link = bigParent << 24 | 5L << 2 | 2;
        assertEquals(bigParent, link >>> 24);
        assertEquals(Admission.NEW, store.admit(2, 0, 2, 5));
        assertArrayEquals(new int[] {2}, store.scheduleTo(1));
        assertArrayEquals(new int[] {5}, store.choicesTo(1));
    }

    @Test
    void theInitialStateComesFirst() {
        StateStore store = new StateStore(2, 10);
        store.admitInitial(5);
        assertThrows(IllegalStateException.class, () -> store.admitInitial(6));
    }

    @Test
    void aFullStoreRefusesNewStates() {
        StateStore store = new StateStore(2, 2);
        store.admitInitial(1);
        assertEquals(Admission.NEW, store.admit(2, 0, 1));
        assertEquals(Admission.FULL, store.admit(3, 1, 0));
        assertEquals(Admission.SEEN, store.admit(2, 1, 0));
        assertEquals(2, store.size());
    }

    @Test
    void atMostEighteenBytesPerStateWhileLinksAre32Bit() {
        StateStore store = new StateStore(4, Long.MAX_VALUE);
        SplittableRandom random = new SplittableRandom(4);
        store.admitInitial(random.nextLong());
        double worst = 0;
        for (long n = 2; n <= 1_000_000; n++) {
            assertEquals(Admission.NEW, store.admit(random.nextLong(), n / 2, (int) (n & 3), (int) (n % 3)));
            worst = Math.max(worst, (double) store.bytes() / n);
        }
        assertTrue(!store.wideLinks());
        assertTrue(worst <= 18, "worst " + worst + " bytes/state");
    }

    @Test
    void linksTurn64BitWhenAnIdOrAChoiceOutgrows32Bits() {
        StateStore store = new StateStore(2, Long.MAX_VALUE);
        store.admitInitial(1);
        int n = 300;
        for (int i = 1; i <= n; i++) {
            store.admit(1 + i, i - 1, i % 2, i % 3);
        }
        assertTrue(!store.wideLinks());
        // a 23-bit choice leaves 8 bits of id: no room for 301 states, so the links turn 64-bit
        assertEquals(Admission.NEW, store.admit(5000, n, 1, 1 << 22));
        assertTrue(store.wideLinks());
        assertEquals(Admission.NEW, store.admit(5001, n + 1, 0, 2));
        int[] threads = store.scheduleTo(n + 2);
        int[] choices = store.choicesTo(n + 2);
        assertEquals(n + 2, threads.length);
        for (int i = 0; i < n; i++) {
            assertEquals((i + 1) % 2, threads[i]);
            assertEquals((i + 1) % 3, choices[i]);
        }
        assertEquals(1 << 22, choices[n]);
        assertEquals(2, choices[n + 1]);
    }

    @Test
    void atMostTwentyTwoBytesPerStateFromAMillionOn() {
        StateStore store = new StateStore(4, Long.MAX_VALUE);
        store.admitInitial(0);
        store.admit(1, 0, 0, 1 << 21); // 64-bit links from the start
        SplittableRandom random = new SplittableRandom(3);
        double worst = 0;
        long worstAt = 0;
        for (long n = 3; n <= 1_300_000; n++) {
            assertEquals(Admission.NEW, store.admit(random.nextLong(), n / 2, (int) (n & 3), (int) (n % 5)));
            double perState = (double) store.bytes() / n;
            if (n >= 1_000_000 && perState > worst) {
                worst = perState;
                worstAt = n;
            }
        }
        assertTrue(worst <= 22, "worst " + worst + " bytes/state at " + worstAt + " states");
        store.free();
    }

    @Test
    void choicesRoundTripThroughTheLinks() {
        StateStore store = new StateStore(3, Long.MAX_VALUE);
        store.admitInitial(100);
        int n = 1000;
        for (int i = 1; i <= n; i++) {
            store.admit(100 + i, i - 1, i % 3, i % 7);
        }
        int[] threads = store.scheduleTo(n);
        int[] choices = store.choicesTo(n);
        for (int i = 0; i < n; i++) {
            assertEquals((i + 1) % 3, threads[i]);
            assertEquals((i + 1) % 7, choices[i]);
        }
    }

    @Test
    void aChoiceBeyondTheLinkFieldIsRefused() {
        StateStore store = new StateStore(2, Long.MAX_VALUE);
        store.admitInitial(1);
        assertEquals(Admission.NEW, store.admit(2, 0, 1, store.choiceLimit() - 1));
        assertEquals(Admission.FULL, store.admit(3, 1, 0, store.choiceLimit()));
        assertTrue(store.choiceOverflow());
        assertEquals(Admission.SEEN, store.admit(2, 1, 0, store.choiceLimit()), "a seen state needs no link");
        assertThrows(IllegalArgumentException.class, () -> store.admit(4, 1, 0, -1));
    }

    @Test
    void aSavedStoreLoadsWithTheSameStatesAndLinks() throws Exception {
        StateStore store = new StateStore(3, Long.MAX_VALUE);
        store.admitInitial(7);
        for (int i = 1; i < 5000; i++) {
            store.admit(7 + 31L * i, i / 2, i % 3, i % 4);
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        store.save(new java.io.DataOutputStream(bytes));
        StateStore loaded = StateStore.load(new java.io.DataInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray())), 3, Long.MAX_VALUE);
        assertEquals(store.size(), loaded.size());
        assertArrayEquals(store.scheduleTo(4999), loaded.scheduleTo(4999));
        assertArrayEquals(store.choicesTo(4999), loaded.choicesTo(4999));
        assertEquals(Admission.SEEN, loaded.admit(7 + 31L * 77, 0, 0));
        assertEquals(Admission.NEW, loaded.admit(3, 0, 0));
        assertEquals(5000, loaded.lastId());
        assertThrows(java.io.IOException.class, () -> StateStore.load(new java.io.DataInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray())), 4, Long.MAX_VALUE));
        loaded.admit(77, 5000, 1, (1 << 21) + 5); // 64-bit links now
        assertTrue(loaded.wideLinks());
        java.io.ByteArrayOutputStream wide = new java.io.ByteArrayOutputStream();
        loaded.save(new java.io.DataOutputStream(wide));
        StateStore again = StateStore.load(new java.io.DataInputStream(
                new java.io.ByteArrayInputStream(wide.toByteArray())), 3, Long.MAX_VALUE);
        assertTrue(again.wideLinks());
        assertArrayEquals(loaded.choicesTo(5001), again.choicesTo(5001));
        assertArrayEquals(loaded.scheduleTo(5001), again.scheduleTo(5001));
    }

    @Test
    void narrowLinksAppendedAsZerosInBulkAreThoseAppendedOneByOne() {
        NarrowLinks bulk = new NarrowLinks();
        NarrowLinks single = new NarrowLinks();
        long[] runs = {1, 3, 700, NarrowLinks.CHUNK + 5, 3 * NarrowLinks.CHUNK, 2, NarrowLinks.OFF_HEAP_STEP + 1};
        for (long run : runs) {
            assertTrue(bulk.add(7));
            assertTrue(single.add(7));
            assertTrue(bulk.addZeros(run));
            for (long i = 0; i < run; i++) {
                assertTrue(single.add(0));
            }
            assertEquals(single.size(), bulk.size());
            assertTrue(bulk.bytes() <= 4.5 * bulk.size() + 4 * NarrowLinks.OFF_HEAP_STEP, "bytes " + bulk.bytes());
        }
        for (long id = 0; id < single.size(); id++) {
            assertEquals(single.get(id), bulk.get(id), "entry " + id);
            bulk.set(id, (int) id);       // every entry appended is writable
        }
        assertEquals(single.size() - 1, bulk.get(single.size() - 1));
        bulk.free();
        single.free();
    }

    @Test
    void narrowLinksPastTheirFirstChunkLiveOffTheHeapAndAreCountedAndFreed() {
        NarrowLinks links = new NarrowLinks();
        int n = 5 * NarrowLinks.CHUNK + 123;
        for (int i = 0; i < n; i++) {
            assertTrue(links.add(i * 31));
            assertTrue(links.bytes() >= 4L * (i + 1) && links.bytes() <= 4.5 * (i + 1) + 4 * NarrowLinks.OFF_HEAP_STEP,
                    "bytes " + links.bytes() + " for " + (i + 1) + " links");
        }
        assertEquals(0, links.bytes() - links.offHeapBytes() - 4L * NarrowLinks.CHUNK, "one chunk on the heap");
        assertTrue(links.offHeapBytes() >= 4L * (n - NarrowLinks.CHUNK), "the rest off it: " + links.offHeapBytes());
        for (int i = 0; i < n; i += 7) {
            assertEquals(i * 31, links.get(i));
        }
        links.set(n - 1, -5);
        assertEquals(-5, links.get(n - 1));
        links.free();
        assertEquals(0, links.offHeapBytes(), "freed");
        links.free();
    }

    @Test
    void offHeapLinksKeepTheirParentsAcrossRepackAndWidening() {
        StateStore store = new StateStore(2, Long.MAX_VALUE);
        store.admitInitial(0);
        int n = 3 * NarrowLinks.CHUNK;
        SplittableRandom random = new SplittableRandom(8);
        for (long id = 1; id < n; id++) {
            // a choice of 3 from the second off-heap chunk on: the 32-bit links are repacked, off the heap too
            int choice = id >= 2 * NarrowLinks.CHUNK ? (int) (id % 4) : 0;
            assertEquals(Admission.NEW, store.admit(random.nextLong() | 1, id / 3, (int) (id & 1), choice));
        }
        assertTrue(!store.wideLinks());
        long narrowBytes = store.bytes();
        // a choice of 2^21 leaves no room in 32 bits for this many ids: every link turns 64-bit
        assertEquals(Admission.NEW, store.admit(2, n - 1, 1, 1 << 21));
        assertTrue(store.wideLinks());
        assertTrue(store.bytes() > narrowBytes + 4L * n, "64-bit links counted: " + store.bytes());
        for (long id = 1; id < n; id++) {
            assertEquals(id / 3, store.parentOf(id), "parent of " + id);
            assertEquals(id & 1, store.threadOf(id), "thread of " + id);
            assertEquals(id >= 2 * NarrowLinks.CHUNK ? id % 4 : 0, store.choiceOf(id), "choice of " + id);
        }
        assertEquals(n - 1, store.parentOf(n));
        assertEquals(1 << 21, store.choiceOf(n));
        store.free();
    }
}
