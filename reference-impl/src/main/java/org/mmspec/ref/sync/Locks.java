package org.mmspec.ref.sync;

import static org.mmspec.ref.state.Layout.TH_WAIT;

import java.util.function.IntFunction;
import org.mmspec.ref.state.AccessKind;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;

/**
 * Spinlocks and reader/writer semaphores over words of the state vector.
 *
 * <p>A spinlock word holds the owner's thread id + 1; taking a held spinlock blocks the step ("await":
 * the thread is disabled until the lock is free).
 *
 * <p>A reader/writer semaphore is three consecutive words and behaves as the generic {@code struct
 * rw_semaphore} of Linux 4.9 ({@code kernel/locking/rwsem-spinlock.c}), in which every operation is one
 * atomic action under {@code sem->wait_lock}:
 * <ul>
 * <li>the readers word: per thread a 4-bit count of the read holds it owns (a recursive {@code down_read}
 * is legal as long as nobody waits);</li>
 * <li>the writer word: the owner's thread id + 1;</li>
 * <li>the wait list: a FIFO of waiters, each 5 bits — thread id + 1, plus {@link #WRITE_WAITER} for a
 * writer — oldest in the lowest bits.</li>
 * </ul>
 * Each queued thread's {@code struct rwsem_waiter} is its {@code TH_WAIT} word. Writer preference:
 * {@code down_read} takes the lock only when no writer holds it and nobody waits; otherwise it queues
 * and sleeps until a release hands it the lock ({@code waiter.task = NULL}), so a reader that already
 * holds the lock deadlocks behind a waiting writer. {@code down_write} queues, and takes the lock
 * whenever it is free (a running writer may steal it from a woken one); otherwise it sleeps until woken
 * and retries. A release that leaves the lock free wakes the head of the queue ({@code __rwsem_do_wake}):
 * a writer is woken to retry; readers at the head are dequeued and handed the lock, up to the first
 * writer. Waiting is uninterruptible.
 *
 * <p>For the atomicity audit each operation is a lock operation: {@code down_*} (and each queueing or
 * hand-off access to the wait list and the waiters, words no other code touches) are acquisitions,
 * {@code up_*} and the hand-off they make are releases ({@link AccessKind}); the lock words are inspected
 * with unreported reads, and a blocking acquisition announces itself first.
 *
 * <p>Differences from the x86 {@code rwsem-xadd.c} implementation, whose fast paths run outside the
 * wait lock: there a writer spinning optimistically may also take the lock between a release and the
 * hand-off to queued readers, and a reader's failed fast path is briefly visible in the count.
 */
public final class Locks {

    /** Bit of a wait-list entry that marks a writer. */
    public static final int WRITE_WAITER = 16;
    /** Bit of a queued waiter's {@code TH_WAIT} word: a release woke it (a writer retries). */
    public static final int WAITER_WOKEN = 1 << 30;
    private static final int ENTRY_BITS = 5;
    private static final int ENTRY_MASK = (1 << ENTRY_BITS) - 1;
    private static final int MAX_WAITERS = 6;

    private final Layout l;
    private final Mem m;
    private final Current c;

    public Locks(Layout l, Mem m, Current current) {
        this.l = l;
        this.m = m;
        this.c = current;
    }

    /** {@code spin_lock()}: takes the lock or blocks the step. */
    public boolean spinLock(int word, LockClass cls, BlockKind kind, int a, int b) {
        m.blockingAttempt(word, AccessKind.SPIN_LOCK);
        if (m.peek(word) != 0) {
            c.block(kind, a, b);
            return false;
        }
        c.acquiring(cls);
        m.lockOp(word, -1, c.tid() + 1, AccessKind.SPIN_LOCK);
        c.held(cls);
        return true;
    }

    /** {@code spin_trylock()}: takes the lock if free; never blocks, exempt from the lock order. */
    public boolean spinTrylock(int word, LockClass cls) {
        if (m.peek(word) != 0) {
            m.lockOp(word, -1, m.peek(word), AccessKind.SPIN_TRYLOCK_FAILED);
            return false;
        }
        m.lockOp(word, -1, c.tid() + 1, AccessKind.SPIN_TRYLOCK);
        c.held(cls);
        return true;
    }

    /** {@code spin_unlock()}; BUG if the current thread does not own the lock. */
    public void spinUnlock(int word, LockClass cls) {
        if (m.peek(word) != c.tid() + 1) {
            throw new Oops(OopsKind.UNLOCK_NOT_HELD, cls.ordinal(), m.peek(word));
        }
        m.lockOp(word, -1, 0, AccessKind.SPIN_UNLOCK);
        c.released(cls);
    }

    /** The words of one rwsem: readers, writer and wait list, consecutive (see the class comment). */
    public record Rwsem(int readers) {

        public int writer() {
            return readers + 1;
        }

        public int waiters() {
            return readers + 2;
        }

        /** The value of a queued waiter's {@code TH_WAIT} word that names this rwsem. */
        int handle() {
            return readers + 1;
        }
    }

    /**
     * {@code down_read()}: a read hold; or, when a writer holds the rwsem or anyone waits, a place at the
     * tail of the wait list (false: the step ends, kept, the thread asleep in the queue). Once a release
     * handed it the lock the thread runs the same code point again and this returns true.
     */
    public boolean downRead(Rwsem sem, LockClass cls, BlockKind kind, int a) {
        m.blockingAttempt(sem.readers(), AccessKind.DOWN_READ);
        int tid = c.tid();
        int wait = l.thread(tid, TH_WAIT);
        int w = m.peek(wait);
        if (w == -sem.handle()) {
            m.lockOp(wait, -1, 0, AccessKind.DOWN_READ);
            return true;
        }
        if (w != 0) {
            c.block(kind, a, 0);
            return false;
        }
        c.acquiring(cls);
        if (m.peek(sem.writer()) == 0 && m.peek(sem.waiters()) == 0) {
            addReader(sem, tid, AccessKind.DOWN_READ);
            c.held(cls);
            return true;
        }
        enqueue(sem, tid + 1, AccessKind.DOWN_READ);
        m.lockOp(wait, -1, sem.handle(), AccessKind.DOWN_READ);
        c.queue(kind, a, 0);
        return false;
    }

    /**
     * {@code down_write()}: takes the rwsem when nobody holds it; otherwise queues (once) and sleeps until a
     * release wakes it, then runs the same code point again and retries.
     */
    public boolean downWrite(Rwsem sem, LockClass cls, BlockKind kind, int a) {
        m.blockingAttempt(sem.writer(), AccessKind.DOWN_WRITE);
        int tid = c.tid();
        int wait = l.thread(tid, TH_WAIT);
        int w = m.peek(wait);
        if (w != 0 && (w & WAITER_WOKEN) == 0) {
            c.block(kind, a, 0);
            return false;
        }
        if (w == 0) {
            c.acquiring(cls);
        }
        if (m.peek(sem.writer()) == 0 && m.peek(sem.readers()) == 0) {
            if (w != 0) {
                dequeue(sem, tid + 1 | WRITE_WAITER);
                m.lockOp(wait, -1, 0, AccessKind.DOWN_WRITE);
            }
            m.lockOp(sem.writer(), -1, tid + 1, AccessKind.DOWN_WRITE);
            c.held(cls);
            return true;
        }
        if (w == 0) {
            enqueue(sem, tid + 1 | WRITE_WAITER, AccessKind.DOWN_WRITE);
        }
        m.lockOp(wait, -1, sem.handle(), AccessKind.DOWN_WRITE);
        c.queue(kind, a, 0);
        return false;
    }

    /** {@code up_read()}: drops one read hold; the last holder wakes the head of the queue. */
    public void upRead(Rwsem sem, LockClass cls) {
        int tid = c.tid();
        int r = m.peek(sem.readers());
        if (readHolds(r, tid) == 0) {
            throw new Oops(OopsKind.UNLOCK_NOT_HELD, cls.ordinal(), r);
        }
        r -= 1 << 4 * tid;
        m.lockOp(sem.readers(), -1, r, AccessKind.UP_READ);
        c.released(cls);
        if (r == 0 && m.peek(sem.writer()) == 0 && m.peek(sem.waiters()) != 0) {
            markWake(sem, cls, AccessKind.UP_READ);
        }
    }

    /** {@code up_write()}: releases the rwsem and wakes the head of the queue. */
    public void upWrite(Rwsem sem, LockClass cls) {
        if (m.peek(sem.writer()) != c.tid() + 1) {
            throw new Oops(OopsKind.UNLOCK_NOT_HELD, cls.ordinal(), m.peek(sem.writer()));
        }
        m.lockOp(sem.writer(), -1, 0, AccessKind.UP_WRITE);
        c.released(cls);
        if (m.peek(sem.waiters()) != 0) {
            markWake(sem, cls, AccessKind.UP_WRITE);
        }
    }

    /** Whether nobody holds the rwsem and nobody waits for it (ghost and test use: unreported). */
    public boolean idle(Rwsem sem) {
        return m.peek(sem.readers()) == 0 && m.peek(sem.writer()) == 0 && m.peek(sem.waiters()) == 0;
    }

    private void addReader(Rwsem sem, int tid, AccessKind kind) {
        int r = m.peek(sem.readers());
        if (readHolds(r, tid) == 0xF) {
            throw new Oops(OopsKind.MODEL_CAPACITY, 9, tid);
        }
        m.lockOp(sem.readers(), -1, r + (1 << 4 * tid), kind);
    }

    private void enqueue(Rwsem sem, int entry, AccessKind kind) {
        int q = m.peek(sem.waiters());
        int n = length(q);
        if (n >= MAX_WAITERS) {
            throw new Oops(OopsKind.MODEL_CAPACITY, 10, n);
        }
        m.lockOp(sem.waiters(), -1, q | entry << ENTRY_BITS * n, kind);
    }

    private void dequeue(Rwsem sem, int entry) {
        int q = m.peek(sem.waiters());
        int out = 0;
        int n = 0;
        for (; q != 0; q >>>= ENTRY_BITS) {
            if ((q & ENTRY_MASK) != entry) {
                out |= (q & ENTRY_MASK) << ENTRY_BITS * n++;
            }
        }
        m.lockOp(sem.waiters(), -1, out, AccessKind.DOWN_WRITE);
    }

    /**
     * {@code __rwsem_do_wake(sem, 1)} / {@code __rwsem_wake_one_writer}: a writer at the head is woken (it
     * stays queued and retries); readers at the head are dequeued and handed the lock
     * ({@code waiter->task = NULL}), up to the first writer. Part of the release ({@code kind}).
     */
    private void markWake(Rwsem sem, LockClass cls, AccessKind kind) {
        int q = m.peek(sem.waiters());
        if ((q & WRITE_WAITER) != 0) {
            int wait = l.thread((q & (WRITE_WAITER - 1)) - 1, TH_WAIT);
            m.lockOp(wait, -1, m.peek(wait) | WAITER_WOKEN, kind);
            return;
        }
        while (q != 0 && (q & WRITE_WAITER) == 0) {
            int t = (q & ENTRY_MASK) - 1;
            addReader(sem, t, kind);
            m.lockOp(l.thread(t, TH_WAIT), -1, -sem.handle(), kind);
            c.heldFor(t, cls);
            q >>>= ENTRY_BITS;
        }
        m.lockOp(sem.waiters(), -1, q, kind);
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
