package org.mmspec.ref.sched;

import static org.mmspec.ref.state.Layout.FR_HEADER;
import static org.mmspec.ref.state.Layout.FR_PC;
import static org.mmspec.ref.state.Layout.FR_PROC;
import static org.mmspec.ref.state.Layout.TH_HELD;
import static org.mmspec.ref.state.Layout.TH_RET;
import static org.mmspec.ref.state.Layout.TH_SIGNAL;
import static org.mmspec.ref.state.Layout.TH_SP;
import static org.mmspec.ref.state.Layout.TH_STATUS;
import static org.mmspec.ref.state.Layout.TH_TASK_STATE;
import static org.mmspec.ref.state.Layout.TH_TLB_UBC;

import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;
import org.mmspec.ref.state.ScopedLock;

/**
 * The thread slots ({@code task_struct}s): status, wakeups, pending signals, and the raw words of each
 * thread's stack of procedure frames. A frame names its procedure by number; the step machines that
 * the numbers stand for are the step executor's business ({@code org.mmspec.ref.threads}).
 */
public final class Threads {

    private final Config c;
    private final Layout l;
    private final Mem m;

    public Threads(Config c, Layout l, Mem m) {
        this.c = c;
        this.l = l;
        this.m = m;
    }

    public ThreadStatus status(int tid) {
        return ThreadStatus.of(m.get(l.thread(tid, TH_STATUS)));
    }

    public void setStatus(int tid, ThreadStatus s) {
        m.set(l.thread(tid, TH_STATUS), s.ordinal());
    }

    /** The step executor's own bookkeeping of the running thread's status (unreported: thread-local). */
    public void setOwnStatus(int tid, ThreadStatus s) {
        m.poke(l.thread(tid, TH_STATUS), s.ordinal());
    }

    /** The running thread's status as the step executor sees it (unreported). */
    public ThreadStatus ownStatus(int tid) {
        return ThreadStatus.of(m.peek(l.thread(tid, TH_STATUS)));
    }

    /** Frames on {@code tid}'s stack. */
    public int depth(int tid) {
        return m.get(l.thread(tid, TH_SP));
    }

    /** The procedure number of frame {@code depth} of {@code tid}. */
    public int procedureNumberAt(int tid, int depth) {
        return m.get(l.frame(tid, depth, FR_PROC)) - 1;
    }

    public int pcAt(int tid, int depth) {
        return m.get(l.frame(tid, depth, FR_PC));
    }

    public int localAt(int tid, int depth, int i) {
        return m.get(l.frame(tid, depth, FR_HEADER + i));
    }

    /**
     * Creates thread {@code tid} running procedure number {@code procedure} with up to four arguments;
     * it starts at its first step (status READY).
     */
    public void spawn(int tid, int procedure, int a0, int a1, int a2, int a3) {
        if (status(tid) != ThreadStatus.EMPTY && status(tid) != ThreadStatus.FINISHED) {
            throw new IllegalStateException("thread slot " + tid + " is busy");
        }
        int f = l.frame(tid, 0, 0);
        m.set(f + FR_PROC, procedure + 1);
        m.set(f + FR_PC, 0);
        m.set(f + FR_HEADER, a0);
        m.set(f + FR_HEADER + 1, a1);
        m.set(f + FR_HEADER + 2, a2);
        m.set(f + FR_HEADER + 3, a3);
        m.set(l.thread(tid, TH_SP), 1);
        setStatus(tid, ThreadStatus.READY);
    }

    /** The value the thread's bottom procedure returned. */
    public int returnValue(int tid) {
        return m.get(l.thread(tid, TH_RET));
    }

    /**
     * Clears a finished thread's slot for reuse, keeping its held-lock ghost (a sequential caller may
     * return holding a page lock it releases in a later call).
     */
    public void reap(int tid) {
        int from = l.thread(tid, 0);
        for (int i = from; i < from + l.threadStride; i++) {
            if (i != l.thread(tid, TH_HELD)) {
                m.set(i, 0);
            }
        }
    }

    /**
     * {@code current->tlb_ubc} of {@code tid} (the running thread's own: thread-local): bit 0
     * flush_required, bit 1 writable, cpumask from bit 2.
     */
    public int tlbUbc(int tid) {
        return m.get(l.thread(tid, TH_TLB_UBC));
    }

    public void setTlbUbc(int tid, int v) {
        m.set(l.thread(tid, TH_TLB_UBC), v);
    }

    /** {@code wake_up_process()}: a sleeping or idle thread becomes runnable (setup and tests only). */
    public void wake(int tid) {
        ThreadStatus s = status(tid);
        if (s == ThreadStatus.SLEEPING || s == ThreadStatus.IDLE) {
            setStatus(tid, ThreadStatus.RUNNING);
        }
    }

    /** {@code task->state} values ({@link org.mmspec.ref.state.Layout#TH_TASK_STATE}). */
    public static final int TASK_RUNNING = 0;
    public static final int TASK_UNINTERRUPTIBLE = 1;
    public static final int TASK_KILLABLE = 2;
    public static final int TASK_INTERRUPTIBLE = 3;

    /** {@code try_to_wake_up()} state masks: which announced sleeps a wakeup ends. */
    public static final int WAKE_NORMAL = 1 << TASK_UNINTERRUPTIBLE | 1 << TASK_KILLABLE | 1 << TASK_INTERRUPTIBLE;
    /** {@code wake_up_interruptible()}: only interruptible sleeps. */
    public static final int WAKE_INTERRUPTIBLE = 1 << TASK_INTERRUPTIBLE;
    /** {@code signal_wake_up(t, fatal)}: {@code TASK_WAKEKILL | TASK_INTERRUPTIBLE}. */
    public static final int WAKE_KILL = 1 << TASK_KILLABLE | 1 << TASK_INTERRUPTIBLE;

    /** The task state {@code tid} announced ({@code TASK_RUNNING} when none). */
    public int taskState(int tid) {
        return m.get(l.thread(tid, TH_TASK_STATE));
    }

    /**
     * {@code set_current_state(state)} / {@code __set_current_state(TASK_RUNNING)}: the running task
     * announces the sleep it is about to enter (or that it is running again). A racy store: the wakeup
     * protocol relies on barriers, not on a lock. Context: the running task, for itself.
     */
    public void setCurrentState(int tid, int state) {
        m.set(l.thread(tid, TH_TASK_STATE), state);
    }

    /**
     * {@code try_to_wake_up(p, state, 0)} (kernel/sched/core.c, Linux 4.9): if {@code tid}'s announced
     * task state is in {@code mask}, it becomes {@code TASK_RUNNING} and, if it had been scheduled out,
     * runnable again; returns whether the wakeup took effect (a task already running is not woken, and
     * an exclusive wakeup counts only when this returns true). One atomic action under the task's
     * {@code pi_lock} and runqueue lock.
     */
    public boolean tryToWakeUp(int tid, int mask) {
        m.compoundBegin();
        m.lockScoped(ScopedLock.RQ_LOCK, tid);
        boolean woke = (mask & (1 << m.get(l.thread(tid, TH_TASK_STATE)))) != 0;
        if (woke) {
            m.set(l.thread(tid, TH_TASK_STATE), TASK_RUNNING);
            ThreadStatus s = status(tid);
            if (s == ThreadStatus.SLEEPING || s == ThreadStatus.IDLE) {
                setStatus(tid, ThreadStatus.RUNNING);
            }
        }
        m.unlockScoped(ScopedLock.RQ_LOCK, tid);
        m.compoundEnd();
        return woke;
    }

    /**
     * {@code schedule()} (kernel/sched/core.c) as the running task {@code tid} calls it after announcing a
     * sleep: if its task state is still not {@code TASK_RUNNING} — no wakeup came in between — it is
     * scheduled out (an interruptible sleep is an idle daemon's: {@link ThreadStatus#IDLE}; any other is
     * {@link ThreadStatus#SLEEPING}) and runs again only once woken; a killable or interruptible sleeper
     * with a fatal signal pending is not scheduled out ({@code signal_pending_state}). Returns whether it
     * was scheduled out. One atomic action under the runqueue lock.
     */
    public boolean schedule(int tid) {
        m.compoundBegin();
        m.lockScoped(ScopedLock.RQ_LOCK, tid);
        int state = m.get(l.thread(tid, TH_TASK_STATE));
        boolean out = state != TASK_RUNNING;
        if (out && state != TASK_UNINTERRUPTIBLE && m.get(l.thread(tid, TH_SIGNAL)) != 0) {
            m.set(l.thread(tid, TH_TASK_STATE), TASK_RUNNING);
            out = false;
        }
        if (out) {
            setStatus(tid, state == TASK_INTERRUPTIBLE ? ThreadStatus.IDLE : ThreadStatus.SLEEPING);
        }
        m.unlockScoped(ScopedLock.RQ_LOCK, tid);
        m.compoundEnd();
        return out;
    }

    /**
     * Marks {@code SIGKILL} pending for {@code tid} ({@code sigaddset} of the fatal signal and
     * {@code TIF_SIGPENDING}). Context: the target's {@code siglock} (taken here, inside the step).
     */
    public void setFatalSignal(int tid) {
        m.set(l.thread(tid, TH_SIGNAL), 1);
    }

    /** Takes {@code tid}'s {@code sighand->siglock} (held only inside the step). */
    public void lockSiglock(int tid) {
        m.lockScoped(ScopedLock.SIGLOCK, tid);
    }

    /** Releases {@code tid}'s {@code siglock}. */
    public void unlockSiglock(int tid) {
        m.unlockScoped(ScopedLock.SIGLOCK, tid);
    }

    /** {@code fatal_signal_pending(current)}: a racy read of the task's own signal state. */
    public boolean fatalSignalPending(int tid) {
        return m.get(l.thread(tid, TH_SIGNAL)) != 0;
    }
}
