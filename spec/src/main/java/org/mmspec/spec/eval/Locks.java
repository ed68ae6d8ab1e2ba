package org.mmspec.spec.eval;

import org.mmspec.spec.ir.Instr;
import org.mmspec.spec.ir.IrExpr;

/**
 * Locks in a state: a mutex or spinlock is one slot (0 free, else holder + 1); an rwsem is three slots
 * (writer + 1, a bit mask of readers, a bit mask of queued writers).
 *
 * <p>Reader/writer semaphores prefer writers, as the kernel's rwsem does (kernel/locking/rwsem-xadd.c,
 * 4.x): a {@code down_write} that cannot take the semaphore queues its thread ({@link Outcome#QUEUED}: the
 * step ends there, and the thread's next step tries again, then waiting until it can take it), and while a
 * writer is queued no new reader enters. So a thread taking an rwsem for read twice while a writer waits
 * deadlocks, as in the kernel.
 */
final class Locks {

    private Locks() {
    }

    /** How many slots from its address {@code action} may write: a mutex's one, an rwsem's three. */
    static int slots(Instr.LockAction action) {
        return action == Instr.LockAction.LOCK || action == Instr.LockAction.UNLOCK ? 1 : 3;
    }

    /** What a lock operation did. */
    enum Outcome {
        /** It took effect. */
        DONE,
        /** The thread must wait (nothing changed). */
        BLOCKED,
        /** A writer joined the semaphore's queue: the step ends here, the operation is tried again next step. */
        QUEUED
    }

    /** Applies {@code action} for the running thread. */
    static Outcome apply(int[] s, int addr, Instr.LockAction action, int thread, int site) {
        int me = thread + 1;
        int bit = 1 << thread;
        switch (action) {
            case DOWN_READ -> {
                if (s[addr] != 0 || s[addr + 2] != 0) {
                    return Outcome.BLOCKED;               // a writer holds it or is queued
                }
                s[addr + 1] |= bit;
            }
            case DOWN_WRITE -> {
                if (s[addr] != 0 || s[addr + 1] != 0) {
                    if ((s[addr + 2] & bit) == 0) {
                        s[addr + 2] |= bit;               // rwsem_down_write_failed(): queue, then sleep
                        return Outcome.QUEUED;
                    }
                    return Outcome.BLOCKED;
                }
                s[addr] = me;
                s[addr + 2] &= ~bit;
            }
            default -> {
                return apply2(s, addr, action, thread, site) ? Outcome.DONE : Outcome.BLOCKED;
            }
        }
        return Outcome.DONE;
    }

    private static boolean apply2(int[] s, int addr, Instr.LockAction action, int thread, int site) {
        int me = thread + 1;
        int bit = 1 << thread;
        switch (action) {
            case LOCK -> {
                if (s[addr] != 0) {
                    return false;
                }
                s[addr] = me;
            }
            case UNLOCK -> {
                if (s[addr] != me) {
                    throw new EvalError(RuntimeError.UNLOCK_NOT_HELD, site);
                }
                s[addr] = 0;
            }
            case UP_READ -> {
                if ((s[addr + 1] & bit) == 0) {
                    throw new EvalError(RuntimeError.UNLOCK_NOT_HELD, site);
                }
                s[addr + 1] &= ~bit;
            }
            case UP_WRITE -> {
                if (s[addr] != me) {
                    throw new EvalError(RuntimeError.UNLOCK_NOT_HELD, site);
                }
                s[addr] = 0;
            }
            default -> throw new IllegalStateException("lock action " + action);
        }
        return true;
    }

    static boolean tryLock(int[] s, int addr, int thread) {
        if (s[addr] != 0) {
            return false;
        }
        s[addr] = thread + 1;
        return true;
    }

    /**
     * {@code locked(l)}, {@code holds(l, t)}. For the atomicity audit a thread asking whether it holds a
     * lock itself reads nothing shared; any other query peeks at the lock (a read).
     */
    static int query(Evaluator ev, IrExpr.LockQuery q, Ctx c) {
        int[] arr = Evaluator.array(q.lock(), c);
        int a = ev.addr(q.lock(), c);
        if (q.thread() == null) {
            peek(c, q, a);
            return arr[a] != 0 || q.rwsem() && arr[a + 1] != 0 ? 1 : 0;
        }
        int t = ev.eval(q.thread(), c);
        if (t != c.thread) {
            peek(c, q, a);
        }
        return held(arr, a, q.rwsem(), t);
    }

    /** {@code holds(l, t)} on the lock at {@code a}: 0 for a thread id out of range. */
    static int held(int[] arr, int a, boolean rwsem, int t) {
        if (t < 0 || t >= 31) {
            return 0;
        }
        return arr[a] == t + 1 || rwsem && (arr[a + 1] & (1 << t)) != 0 ? 1 : 0;
    }

    private static void peek(Ctx c, IrExpr.LockQuery q, int addr) {
        if (c.audit != null && q.lock().global()) {
            c.audit.read(c, addr, -1, -1);
        }
    }

    /** True when thread {@code t} holds the lock at {@code addr}. */
    static boolean holds(int[] s, int addr, boolean rwsem, int t) {
        return s[addr] == t + 1 || rwsem && (s[addr + 1] & (1 << t)) != 0;
    }
}
