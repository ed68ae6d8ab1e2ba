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
    void theCapacityFollowsTheThreadBits() {
        assertEquals(FingerprintSet.MAX_SIZE, StateStore.capacity(1));
        assertEquals(FingerprintSet.MAX_SIZE, StateStore.capacity(2));
        assertTrue(FingerprintSet.MAX_SIZE < Integer.MAX_VALUE);
        assertEquals(1L << 30, StateStore.capacity(4));
        assertEquals(1L << 27, StateStore.capacity(32));
        assertEquals(1L << 26, StateStore.capacity(33));
        assertEquals(1000, new StateStore(2, 1000).limit());
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
    void atMostSixteenBytesPerStateAtEverySize() {
        StateStore store = new StateStore(4, Long.MAX_VALUE);
        SplittableRandom random = new SplittableRandom(3);
        store.admitInitial(random.nextLong());
        double worst = 0;
        long worstAt = 0;
        for (long n = 2; n <= 2_000_000; n++) {
            assertEquals(Admission.NEW, store.admit(random.nextLong(), (int) (n / 2), (int) (n & 3)));
            double perState = (double) store.bytes() / n;
            if (perState > worst) {
                worst = perState;
                worstAt = n;
            }
        }
        assertTrue(worst <= 16, "worst " + worst + " bytes/state at " + worstAt + " states");
        for (long n : new long[] {10, 1_000, 100_000, 1_000_000}) {
            StateStore sized = new StateStore(4, Long.MAX_VALUE);
            sized.admitInitial(0);
            for (long i = 1; i < n; i++) {
                sized.admit(random.nextLong(), 0, 1);
            }
            assertTrue(sized.bytes() <= 16 * n, n + " states: " + sized.bytes() + " bytes");
        }
    }
}
