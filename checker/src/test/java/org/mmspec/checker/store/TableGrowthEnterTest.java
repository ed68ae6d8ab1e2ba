package org.mmspec.checker.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A worker that {@linkplain SharedTable#enter enters} while another grows the table again and again: it must
 * wait for every growth that runs when it gets the monitor back, not only the one it first saw. Counted in
 * while a growth it did not arrive at runs, it offered into the old table (answers of {@link SharedTable#FULL},
 * fingerprints lost) and left a stale arrival behind, so that the next growth waited for it forever (seen as a
 * hang of {@code SharedStoreTest}'s two writers). Seeded stress: each round starts the table at its least size,
 * so the first writer grows it a few microseconds apart while the second enters.
 */
class TableGrowthEnterTest {

    private static final int ROUNDS = 300;
    private static final int PER_WRITER = 40_000;

    @Test
    void aWorkerEnteringBetweenTwoGrowthsWaitsForBothAndNothingIsLost() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            SharedTable t = new SharedTable(SharedTable.MIN_SLOTS, 2, 1 << 12, false);
            t.startLevel();
            AtomicInteger full = new AtomicInteger();
            AtomicInteger fresh = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(1);
            Thread[] writers = new Thread[2];
            for (int k = 0; k < 2; k++) {
                int me = k;
                writers[k] = new Thread(() -> {
                    SharedTable.Writer w = t.newWriter();
                    if (me == 0) {                              // grows the table, offering all the while
                        t.enter();
                        try {
                            for (int i = 0; i < PER_WRITER; i++) {
                                count(t.offer(fingerprint(i), i, w), full, fresh);
                            }
                        } finally {
                            t.leave(w);
                        }
                        done.countDown();
                        return;
                    }
                    for (int i = PER_WRITER; done.getCount() > 0 || i < 2 * PER_WRITER; i++) {
                        t.enter();                              // enters often, so also while growths run
                        try {
                            if (i < 2 * PER_WRITER) {
                                count(t.offer(fingerprint(i), i, w), full, fresh);
                            }
                        } finally {
                            t.leave(w);
                        }
                    }
                }, "writer-" + k);
                writers[k].setDaemon(true);                      // a hung round must not keep the JVM alive
                writers[k].start();
            }
            for (Thread w : writers) {
                w.join(20_000);
                if (w.isAlive()) {
                    fail("round " + round + ": " + w.getName() + " hangs in a growth (a stale arrival)");
                }
            }
            assertEquals(0, full.get(), "round " + round + ": offers answered FULL with memory to spare");
            assertEquals(2 * PER_WRITER, fresh.get(), "round " + round);
            assertEquals(2 * PER_WRITER, t.size(), "round " + round);
            assertTrue(t.grows() >= 6, "round " + round + ": grew " + t.grows());
            for (long f = 0; f < 2 * PER_WRITER; f++) {
                assertEquals(f, t.keyOf(fingerprint(f)), "round " + round + ": fingerprint " + f);
            }
            t.free();
        }
    }

    private static long fingerprint(long f) {
        return f * 0x9E3779B97F4A7C15L + 1;
    }

    private static void count(long answer, AtomicInteger full, AtomicInteger fresh) {
        if (answer == SharedTable.FULL) {
            full.incrementAndGet();
        } else if (answer == SharedTable.NEW_KEY) {
            fresh.incrementAndGet();
        }
    }
}
