package org.mmspec.spec.eval;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The generation of a program's step classes ({@link CompiledProgram}) shared between the calling thread and one
 * helper thread (issue 14: the first step of a search waits for it; on a two-core machine its 35-odd classes took
 * about 0.065 s on one thread at start-up, interpreted). The tasks are independent and each writes only its own
 * result, so which thread runs which changes nothing but when they are done.
 */
final class GenTasks {

    private GenTasks() {
    }

    /**
     * Runs every task, on the calling thread and (with more than one processor, and more than one task) a helper
     * thread, each taking the next task in list order; returns when all are done. An exception of a task is
     * thrown here, the helper's after the caller's tasks are done.
     */
    static void run(List<Runnable> tasks) {
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < tasks.size(); i = next.getAndIncrement()) {
                tasks.get(i).run();
            }
        };
        if (tasks.size() < 2 || Runtime.getRuntime().availableProcessors() < 2) {
            worker.run();
            return;
        }
        Throwable[] failed = new Throwable[1];
        Thread helper = new Thread(() -> {
            try {
                worker.run();
            } catch (RuntimeException | Error e) {
                failed[0] = e;
            }
        }, "mmspec-gen");
        helper.setDaemon(true);
        helper.start();
        worker.run();
        boolean interrupted = false;
        while (true) {
            try {
                helper.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failed[0] instanceof RuntimeException e) {
            throw e;
        }
        if (failed[0] instanceof Error e) {
            throw e;
        }
    }
}
