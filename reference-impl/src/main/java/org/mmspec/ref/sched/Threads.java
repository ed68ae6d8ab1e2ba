package org.mmspec.ref.sched;

import static org.mmspec.ref.state.Layout.FR_HEADER;
import static org.mmspec.ref.state.Layout.FR_PC;
import static org.mmspec.ref.state.Layout.FR_PROC;
import static org.mmspec.ref.state.Layout.G_IO_IDLE;
import static org.mmspec.ref.state.Layout.TH_HELD;
import static org.mmspec.ref.state.Layout.TH_RET;
import static org.mmspec.ref.state.Layout.TH_SIGNAL;
import static org.mmspec.ref.state.Layout.TH_SP;
import static org.mmspec.ref.state.Layout.TH_STATUS;

import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;

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

    /** {@code wake_up_process()}: a sleeping or idle thread becomes runnable. */
    public void wake(int tid) {
        ThreadStatus s = status(tid);
        if (s == ThreadStatus.SLEEPING || s == ThreadStatus.IDLE) {
            setStatus(tid, ThreadStatus.RUNNING);
        }
    }

    /**
     * {@code wake_up_interruptible(&pgdat->kswapd_wait)}: wakes every idle daemon but the I/O completion
     * context, which sleeps on a queue of its own.
     */
    public void wakeIdle(int zone) {
        int io = m.get(G_IO_IDLE) - 1;
        for (int t = 0; t < c.threadSlots(); t++) {
            if (t != io && status(t) == ThreadStatus.IDLE) {
                setStatus(t, ThreadStatus.RUNNING);
            }
        }
    }

    /** Marks {@code SIGKILL} pending for {@code tid} ({@code sigaddset} of the fatal signal). */
    public void setFatalSignal(int tid) {
        m.set(l.thread(tid, TH_SIGNAL), 1);
    }

    /** {@code fatal_signal_pending(current)}. */
    public boolean fatalSignalPending(int tid) {
        return m.get(l.thread(tid, TH_SIGNAL)) != 0;
    }
}
