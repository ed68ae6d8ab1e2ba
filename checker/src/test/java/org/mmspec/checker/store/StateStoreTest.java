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

    @Test
    void choicesCostNoBitsUntilOneIsNotZero() {
        StateStore store = new StateStore(2, Long.MAX_VALUE);
        store.admitInitial(1);
        assertEquals(Admission.NEW, store.admit(2, 0, 1, 0));
        assertEquals(0, store.choiceBits());
        assertEquals(FingerprintSet.MAX_SIZE, store.limit());
        assertEquals(Admission.SEEN, store.admit(2, 0, 1, 5), "a seen state needs no link, so no bits");
        assertEquals(0, store.choiceBits());
    }

    @Test
    void widensTheChoiceFieldAndRepacksEveryLink() {
        StateStore store = new StateStore(3, Long.MAX_VALUE); // 2 thread bits
        store.admitInitial(100);
        int n = 1000;
        for (int i = 1; i <= n; i++) {
            store.admit(100 + i, i - 1, i % 3); // a chain, no choices
        }
        assertEquals(Admission.NEW, store.admit(5000, n, 2, 1)); // 1 choice bit
        assertEquals(1, store.choiceBits());
        assertEquals(Admission.NEW, store.admit(5001, n + 1, 0, 6)); // 3 bits
        assertEquals(3, store.choiceBits());
        assertEquals(Admission.NEW, store.admit(5002, n + 2, 1, 0));
        assertEquals(1L << 27, store.limit(), "32 - 2 thread bits - 3 choice bits");
        int[] threads = store.scheduleTo(n + 3);
        int[] choices = store.choicesTo(n + 3);
        assertEquals(n + 3, threads.length);
        for (int i = 0; i < n; i++) {
            assertEquals((i + 1) % 3, threads[i]);
            assertEquals(0, choices[i]);
        }
        assertArrayEquals(new int[] {2, 0, 1}, java.util.Arrays.copyOfRange(threads, n, n + 3));
        assertArrayEquals(new int[] {1, 6, 0}, java.util.Arrays.copyOfRange(choices, n, n + 3));
    }

    @Test
    void theCapacityFollowsTheChoiceBits() {
        assertEquals(1L << 29, StateStore.capacity(2, 2));
        assertEquals(1L << 25, StateStore.capacity(8, 4));
        assertEquals(2, StateStore.capacity(2, 30));
        assertEquals(0, StateStore.capacity(2, 31));
        assertEquals(StateStore.capacity(5), StateStore.capacity(5, 0));
    }

    @Test
    void aChoiceThatCannotBePackedFillsTheStore() {
        StateStore store = new StateStore(2, Long.MAX_VALUE); // 1 thread bit
        store.admitInitial(1);
        store.admit(2, 0, 1); // 2 states: a 30-bit choice would leave ids 0 and 1 only
        assertEquals(Admission.FULL, store.admit(3, 1, 0, 1 << 29));
        assertEquals(2, store.limit(), "nothing more is admitted");
        assertEquals(Admission.FULL, store.admit(4, 1, 0, 0));
        assertEquals(Admission.SEEN, store.admit(2, 1, 0, 1 << 29));
        assertArrayEquals(new int[] {1}, store.scheduleTo(1));

        StateStore fresh = new StateStore(2, Long.MAX_VALUE);
        fresh.admitInitial(1);
        assertEquals(Admission.NEW, fresh.admit(2, 0, 1, (1 << 29) + 7), "the second id still fits 1 bit");
        assertArrayEquals(new int[] {(1 << 29) + 7}, fresh.choicesTo(1));
        assertEquals(Admission.FULL, fresh.admit(3, 1, 0));
        StateStore tiny = new StateStore(2, 10);
        tiny.admitInitial(1);
        assertEquals(Admission.FULL, tiny.admit(2, 0, 0, 1 << 30), "31 choice bits never fit");
    }

    @Test
    void atMostSixteenBytesPerStateWithChoices() {
        StateStore store = new StateStore(4, Long.MAX_VALUE);
        SplittableRandom random = new SplittableRandom(5);
        store.admitInitial(random.nextLong());
        double worst = 0;
        for (long n = 2; n <= 1_000_000; n++) {
            assertEquals(Admission.NEW, store.admit(random.nextLong(), (int) (n / 2), (int) (n & 3), random.nextInt(8)));
            worst = Math.max(worst, (double) store.bytes() / n);
        }
        assertEquals(3, store.choiceBits());
        assertTrue(worst <= 16, "worst " + worst + " bytes/state");
    }
}
