package org.mmspec.ref.sync;

import java.util.function.IntFunction;
import org.mmspec.ref.sched.ThreadStatus;
import org.mmspec.ref.sched.Threads;
import org.mmspec.ref.state.Mem;

/**
 * Spinlocks and reader/writer semaphores over words of the state vector.
 *
 * <p>A spinlock word holds the owner's thread id + 1; taking a held spinlock blocks the step ("await":
 * the thread is disabled until the lock is free). A reader/writer semaphore is three words, as
 * {@code struct rw_semaphore} of Linux 4.x ({@code kernel/locking/rwsem-xadd.c}) behaves:
 * <ul>
 * <li>the readers word: per thread a 4-bit count of the read holds it owns (recursive {@code down_read}
 * is legal as long as no writer waits);</li>
 * <li>the writer word: the owner's thread id + 1;</li>
 * <li>the wait list: a FIFO of waiters, each 5 bits — thread id + 1, plus {@link #WRITE_WAITER} for a
 * writer — oldest in the lowest bits.</li>
 * </ul>
 * Writer preference: {@code down_read} takes the fast path only when no writer holds the lock and nobody
 * waits; otherwise it queues behind the waiters ({@code rwsem_down_read_failed}) and sleeps, so a reader
 * that already holds the lock deadlocks behind a waiting writer. {@code down_write} takes a free lock
 * (the fast path, or the optimistic spinner that steals it from woken waiters); otherwise it queues and
 * sleeps, and when woken retries ({@code rwsem_down_write_failed}). The last release wakes the head of
 * the queue ({@code __rwsem_mark_wake}): a writer is woken to retry; readers at the head are handed the
 * lock — counted as holders by the waker — up to the first writer. Waiting is uninterruptible.
 */
public final class Locks {

    /** Bit of a wait-list entry that marks a writer. */
    public static final int WRITE_WAITER = 16;
    private static final int ENTRY_BITS = 5;
    private static final int ENTRY_MASK = (1 << ENTRY_BITS) - 1;
    private static final int MAX_WAITERS = 6;

    private final Mem m;
    private final Current c;
    private final Threads threads;

    public Locks(Mem m, Current current, Threads threads) {
        this.m = m;
        this.c = current;
        this.threads = threads;
    }

    /** {@code spin_lock()}: takes the lock or blocks the step. */
    public boolean spinLock(int word, LockClass cls, BlockKind kind, int a, int b) {
        if (m.get(word) != 0) {
            c.block(kind, a, b);
            return false;
        }
        c.acquiring(cls);
        m.set(word, c.tid() + 1);
        c.held(cls);
        return true;
    }

    /** {@code spin_trylock()}: takes the lock if free; never blocks, exempt from the lock order. */
    public boolean spinTrylock(int word, LockClass cls) {
        if (m.get(word) != 0) {
            return false;
        }
        m.set(word, c.tid() + 1);
        c.held(cls);
        return true;
    }

    /** {@code spin_unlock()}; BUG if the current thread does not own the lock. */
    public void spinUnlock(int word, LockClass cls) {
        if (m.get(word) != c.tid() + 1) {
            throw new Oops(OopsKind.UNLOCK_NOT_HELD, cls.ordinal(), m.get(word));
        }
        m.set(word, 0);
        c.released(cls);
    }

    /** The words of one rwsem: readers, writer and wait list (see the class comment). */
    public record Rwsem(int readers, int writer, int waiters) {
    }

    /**
     * {@code down_read()}: a read hold, or — when a writer holds the rwsem or anyone waits — a place at the
     * tail of the wait list and a sleep (false: the step ends, kept, with the thread WAITING). Woken with
     * the lock handed over, the thread runs the same code point again and this returns true.
     */
    public boolean downRead(Rwsem sem, LockClass cls, BlockKind kind, int a) {
        int tid = c.tid();
        int handle = sem.readers() + 1;
        if (threads.rwsemWait(tid) == -handle) {
            threads.setRwsemWait(tid, 0);
            return true;
        }
        if (m.get(sem.writer()) == 0 && m.get(sem.waiters()) == 0) {
            c.acquiring(cls);
            addReader(sem, tid);
            c.held(cls);
            return true;
        }
        c.acquiring(cls);
        enqueue(sem, tid + 1);
        return sleep(tid, handle, kind, a);
    }

    /**
     * {@code down_write()}: takes the rwsem when nobody holds it, else queues (once) and sleeps; a woken
     * writer runs the same code point again and retries.
     */
    public boolean downWrite(Rwsem sem, LockClass cls, BlockKind kind, int a) {
        int tid = c.tid();
        int handle = sem.readers() + 1;
        boolean queued = threads.rwsemWait(tid) == handle;
        if (m.get(sem.writer()) == 0 && m.get(sem.readers()) == 0) {
            if (queued) {
                dequeue(sem, tid + 1 | WRITE_WAITER);
                threads.setRwsemWait(tid, 0);
            } else {
                c.acquiring(cls);
            }
            m.set(sem.writer(), tid + 1);
            c.held(cls);
            return true;
        }
        if (!queued) {
            c.acquiring(cls);
            enqueue(sem, tid + 1 | WRITE_WAITER);
        }
        return sleep(tid, handle, kind, a);
    }

    /** {@code up_read()}: drops one read hold; the last holder wakes the head of the queue. */
    public void upRead(Rwsem sem, LockClass cls) {
        int tid = c.tid();
        int r = m.get(sem.readers());
        if (readHolds(r, tid) == 0) {
            throw new Oops(OopsKind.UNLOCK_NOT_HELD, cls.ordinal(), r);
        }
        m.set(sem.readers(), r - (1 << 4 * tid));
        c.released(cls);
        if (m.get(sem.readers()) == 0 && m.get(sem.writer()) == 0 && m.get(sem.waiters()) != 0) {
            markWake(sem, cls);
        }
    }

    /** {@code up_write()}: releases the rwsem and wakes the head of the queue. */
    public void upWrite(Rwsem sem, LockClass cls) {
        if (m.get(sem.writer()) != c.tid() + 1) {
            throw new Oops(OopsKind.UNLOCK_NOT_HELD, cls.ordinal(), m.get(sem.writer()));
        }
        m.set(sem.writer(), 0);
        c.released(cls);
        if (m.get(sem.waiters()) != 0) {
            markWake(sem, cls);
        }
    }

    /** Whether nobody holds the rwsem and nobody waits for it. */
    public boolean idle(Rwsem sem) {
        return m.get(sem.readers()) == 0 && m.get(sem.writer()) == 0 && m.get(sem.waiters()) == 0;
    }

    private void addReader(Rwsem sem, int tid) {
        int r = m.get(sem.readers());
        if (readHolds(r, tid) == 0xF) {
            throw new Oops(OopsKind.MODEL_CAPACITY, 9, tid);
        }
        m.set(sem.readers(), r + (1 << 4 * tid));
    }

    private boolean sleep(int tid, int handle, BlockKind kind, int a) {
        threads.setRwsemWait(tid, handle);
        threads.setStatus(tid, ThreadStatus.WAITING);
        c.queue(kind, a, 0);
        return false;
    }

    private void enqueue(Rwsem sem, int entry) {
        int q = m.get(sem.waiters());
        int n = length(q);
        if (n >= MAX_WAITERS) {
            throw new Oops(OopsKind.MODEL_CAPACITY, 10, n);
        }
        m.set(sem.waiters(), q | entry << ENTRY_BITS * n);
    }

    private void dequeue(Rwsem sem, int entry) {
        int q = m.get(sem.waiters());
        int out = 0;
        int n = 0;
        for (; q != 0; q >>>= ENTRY_BITS) {
            if ((q & ENTRY_MASK) != entry) {
                out |= (q & ENTRY_MASK) << ENTRY_BITS * n++;
            }
        }
        m.set(sem.waiters(), out);
    }

    /**
     * {@code __rwsem_mark_wake(sem, RWSEM_WAKE_ANY)}: a writer at the head is woken (it stays queued and
     * retries); readers at the head are dequeued and handed the lock, up to the first writer.
     */
    private void markWake(Rwsem sem, LockClass cls) {
        int q = m.get(sem.waiters());
        if ((q & WRITE_WAITER) != 0) {
            int t = (q & (WRITE_WAITER - 1)) - 1;
            if (threads.status(t) == ThreadStatus.WAITING) {
                threads.setStatus(t, ThreadStatus.RUNNING);
            }
            return;
        }
        while (q != 0 && (q & WRITE_WAITER) == 0) {
            int t = (q & ENTRY_MASK) - 1;
            addReader(sem, t);
            threads.setRwsemWait(t, -(sem.readers() + 1));
            c.heldFor(t, cls);
            threads.setStatus(t, ThreadStatus.RUNNING);
            q >>>= ENTRY_BITS;
        }
        m.set(sem.waiters(), q);
    }

    /** Read holds of {@code tid} in a readers word. */
    public static int readHolds(int readers, int tid) {
        return (readers >>> 4 * tid) & 0xF;
    }

    /** Number of entries in a wait-list word. */
    public static int length(int waiters) {
        int n = 0;
        for (int q = waiters; q != 0; q >>>= ENTRY_BITS) {
            n++;
        }
        return n;
    }

    /** Entry {@code i} (0 = oldest) of a wait-list word: thread id + 1, with {@link #WRITE_WAITER}. */
    public static int entry(int waiters, int i) {
        return (waiters >>> ENTRY_BITS * i) & ENTRY_MASK;
    }

    /** Renders holders of an rwsem, e.g. {@code "T0,T2 (read)"} or {@code "T1 (write)"}. */
    public static String holders(int readers, int writer) {
        return holders(readers, writer, t -> "T" + t);
    }

    /** Renders holders of an rwsem with the given thread names; a recursive read hold shows as {@code T0×2}. */
    public static String holders(int readers, int writer, IntFunction<String> names) {
        if (writer != 0) {
            return names.apply(writer - 1) + " (write)";
        }
        if (readers == 0) {
            return "nobody";
        }
        StringBuilder sb = new StringBuilder();
        for (int t = 0; t < 8; t++) {
            int n = readHolds(readers, t);
            if (n != 0) {
                if (!sb.isEmpty()) {
                    sb.append(',');
                }
                sb.append(names.apply(t)).append(n > 1 ? "\u00d7" + n : "");
            }
        }
        return sb.append(" (read)").toString();
    }

    /** Renders the waiters of a wait-list word from entry {@code from} on before {@code to}: {@code "T1 (write), T2 (read)"}. */
    public static String waiters(int waiters, int from, int to, IntFunction<String> names) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to && i < length(waiters); i++) {
            int e = entry(waiters, i);
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(names.apply((e & (WRITE_WAITER - 1)) - 1)).append((e & WRITE_WAITER) != 0 ? " (write)" : " (read)");
        }
        return sb.toString();
    }
}
