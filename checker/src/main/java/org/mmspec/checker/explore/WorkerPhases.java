package org.mmspec.checker.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.mmspec.checker.result.IncompleteReason;
import org.mmspec.spec.semantics.DeadlinePassed;

/**
 * The threads of a parallel search, one per worker, and its phases: a phase runs a task on every worker
 * and waits for all of them (a barrier), while the calling thread polls the budgets every
 * {@value #POLL_MILLIS} ms. A worker that runs out of time or heap stops the search as incomplete; any
 * other exception is a bug and is thrown again.
 */
final class WorkerPhases<W> {

    static final long POLL_MILLIS = 20;

    private final List<W> workers;
    private final AtomicReference<IncompleteReason> stop;
    private final ExecutorService pool;

    WorkerPhases(List<W> workers, AtomicReference<IncompleteReason> stop) {
        this.workers = workers;
        this.stop = stop;
        this.pool = Executors.newFixedThreadPool(workers.size(), r -> {
            Thread t = new Thread(r, "mmspec-worker");
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code task} on every worker, calling {@code poll} meanwhile; false when the search must stop. */
    boolean run(Consumer<W> task, Runnable poll) {
        List<Future<?>> running = new ArrayList<>();
        for (W w : workers) {
            running.add(pool.submit(() -> task.accept(w)));
        }
        Throwable failure = null;
        for (Future<?> f : running) {
            while (true) {
                try {
                    f.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException e) {
                    poll.run();
                } catch (ExecutionException e) {
                    failure = failure == null ? e.getCause() : failure;
                    stopFor(e.getCause());
                    break;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stop.compareAndSet(null, IncompleteReason.TIME_BUDGET);
                }
            }
        }
        if (failure != null && stop.get() == null) {
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(failure);
        }
        return stop.get() == null;
    }

    private void stopFor(Throwable cause) {
        if (cause instanceof DeadlinePassed) {
            stop.compareAndSet(null, IncompleteReason.TIME_BUDGET);
        } else if (cause instanceof OutOfMemoryError) {
            stop.compareAndSet(null, IncompleteReason.JVM_HEAP);
        }
    }

    /** Stops the threads. */
    void shutdown() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
