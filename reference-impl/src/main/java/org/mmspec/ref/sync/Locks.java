package org.mmspec.ref.sync;

import org.mmspec.ref.state.AccessKind;
import org.mmspec.ref.state.Mem;

/**
 * Spinlocks and reader/writer semaphores over words of the state vector. A spinlock word holds the
 * owner's thread id + 1; an rwsem is a readers bitmask word and a writer word. Acquisition has "await"
 * semantics: when the lock is not available the step blocks (the thread is disabled until it is). The
 * rwsem model has no writer-preference queue: a reader enters whenever no writer holds the lock.
 *
 * <p>Each operation tells {@link Mem} its {@link AccessKind} (one access per lock operation; the lock word
 * is inspected with unreported reads), and a blocking acquisition announces itself first, so that the
 * atomicity audit can check it starts its step.
 */
public final class Locks {

    private final Mem m;
    private final Current c;

    public Locks(Mem m, Current current) {
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

    /** {@code down_read()}: enters as a reader unless a writer holds the rwsem. */
    public boolean downRead(int readers, int writer, LockClass cls, BlockKind kind, int a) {
        m.blockingAttempt(readers, AccessKind.DOWN_READ);
        if (m.peek(writer) != 0) {
            c.block(kind, a, 0);
            return false;
        }
        c.acquiring(cls);
        m.lockOp(readers, -1, m.peek(readers) | 1 << c.tid(), AccessKind.DOWN_READ);
        c.held(cls);
        return true;
    }

    /** {@code down_write()}: enters when nobody holds the rwsem. */
    public boolean downWrite(int readers, int writer, LockClass cls, BlockKind kind, int a) {
        m.blockingAttempt(writer, AccessKind.DOWN_WRITE);
        if (m.peek(writer) != 0 || m.peek(readers) != 0) {
            c.block(kind, a, 0);
            return false;
        }
        c.acquiring(cls);
        m.lockOp(writer, -1, c.tid() + 1, AccessKind.DOWN_WRITE);
        c.held(cls);
        return true;
    }

    /** {@code up_read()}. */
    public void upRead(int readers, LockClass cls) {
        if ((m.peek(readers) & (1 << c.tid())) == 0) {
            throw new Oops(OopsKind.UNLOCK_NOT_HELD, cls.ordinal(), m.peek(readers));
        }
        m.lockOp(readers, -1, m.peek(readers) & ~(1 << c.tid()), AccessKind.UP_READ);
        c.released(cls);
    }

    /** {@code up_write()}. */
    public void upWrite(int writer, LockClass cls) {
        if (m.peek(writer) != c.tid() + 1) {
            throw new Oops(OopsKind.UNLOCK_NOT_HELD, cls.ordinal(), m.peek(writer));
        }
        m.lockOp(writer, -1, 0, AccessKind.UP_WRITE);
        c.released(cls);
    }

    /** Renders holders of an rwsem, e.g. {@code "T0,T2 (read)"} or {@code "T1 (write)"}. */
    public static String holders(int readers, int writer) {
        return holders(readers, writer, t -> "T" + t);
    }

    /** Renders holders of an rwsem with the given thread names. */
    public static String holders(int readers, int writer, java.util.function.IntFunction<String> names) {
        if (writer != 0) {
            return names.apply(writer - 1) + " (write)";
        }
        if (readers == 0) {
            return "nobody";
        }
        StringBuilder sb = new StringBuilder();
        for (int t = 0; t < 31; t++) {
            if ((readers & (1 << t)) != 0) {
                if (!sb.isEmpty()) {
                    sb.append(',');
                }
                sb.append(names.apply(t));
            }
        }
        return sb.append(" (read)").toString();
    }
}
