package org.mmspec.spec.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * The step classes' generation shared by two threads ({@link GenTasks}): every task runs exactly once, on two
 * threads when there are two processors, and a task's exception reaches the caller from either thread.
 */
class GenTasksTest {

    @Test
    void everyTaskRunsOnceOnTwoThreads() {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "one processor: one thread");
        int n = 40;
        AtomicIntegerArray runs = new AtomicIntegerArray(n);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch both = new CountDownLatch(2);
        List<Runnable> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            tasks.add(() -> {
                if (threads.add(Thread.currentThread())) {
                    both.countDown();
                }
                if (k < 2) {                            // the first two wait until each thread has a task
                    await(both);
                }
                runs.incrementAndGet(k);
            });
        }
        GenTasks.run(tasks);
        for (int i = 0; i < n; i++) {
            assertEquals(1, runs.get(i), "task " + i);
        }
        assertEquals(2, threads.size(), "threads: " + threads);
    }

    @Test
    void aTasksExceptionReachesTheCallerFromEitherThread() {
        for (int thrower = 0; thrower < 2; thrower++) {
            int t = thrower;
            CountDownLatch started = new CountDownLatch(1);
            List<Runnable> tasks = List.of(() -> {
                started.countDown();
                if (t == 0) {
                    throw new IllegalStateException("first");
                }
            }, () -> {
                await(started);
                if (t == 1) {
                    throw new IllegalStateException("second");
                }
            });
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> GenTasks.run(tasks));
            assertEquals(t == 0 ? "first" : "second", e.getMessage());
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(60, TimeUnit.SECONDS), "the other thread never came");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
