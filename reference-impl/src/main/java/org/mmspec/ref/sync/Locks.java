package org.mmspec.ref.sync;

import org.mmspec.ref.state.Mem;

/**
 * Spinlocks and reader/writer semaphores over words of the state vector. A spinlock word holds the
 * owner's thread id + 1; an rwsem is a readers bitmask word and a writer word. Acquisition has "await"
 * semantics: when the lock is not available the step blocks (the thread is disabled until it is). The
 * rwsem model has no writer-preference queue: a reader enters whenever no writer holds the lock.
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

    /** {@code down_read()}: enters as a reader unless a writer holds the rwsem. */
    public boolean downRead(int readers, int writer, LockClass cls, BlockKind kind, int a) {
        if (m.get(writer) != 0) {
            c.block(kind, a, 0);
            return false;
        }
        c.acquiring(cls);
        m.setBits(readers, 1 << c.tid());
        c.held(cls);
        return true;
    }

    /** {@code down_write()}: enters when nobody holds the rwsem. */
    public boolean downWrite(int readers, int writer, LockClass cls, BlockKind kind, int a) {
        if (m.get(writer) != 0 || m.get(readers) != 0) {
            c.block(kind, a, 0);
            return false;
        }
        c.acquiring(cls);
        m.set(writer, c.tid() + 1);
        c.held(cls);
        return true;
    }

    /** {@code up_read()}. */
    public void upRead(int readers, LockClass cls) {
        if ((m.get(readers) & (1 << c.tid())) == 0) {
            throw new Oops(OopsKind.UNLOCK_NOT_HELD, cls.ordinal(), m.get(readers));
        }
        m.clearBits(readers, 1 << c.tid());
        c.released(cls);
    }

    /** {@code up_write()}. */
    public void upWrite(int writer, LockClass cls) {
        if (m.get(writer) != c.tid() + 1) {
            throw new Oops(OopsKind.UNLOCK_NOT_HELD, cls.ordinal(), m.get(writer));
        }
        m.set(writer, 0);
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
