package org.mmspec.ref.proc;

import org.mmspec.ref.sched.Threads;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code kill(pid, SIGKILL)} as far as MM sees it: {@code send_sig_info()} makes a fatal signal
 * pending on the target under its {@code siglock}, and {@code signal_wake_up()} ({@code
 * try_to_wake_up(t, TASK_WAKEKILL | TASK_INTERRUPTIBLE)}) wakes it from a killable sleep — its wait-queue
 * entry stays queued. One step (kernel/signal.c, Linux 4.x). Context: any; takes the target's {@code
 * siglock} and runqueue lock.
 *
 * <p>Arguments: target thread.
 */
public final class SendSignal extends Procedure {

    private static final int TARGET = 0;

    private final Threads threads;

    public SendSignal(Threads threads) {
        super("send_sig_info", "signal_wake_up");
        this.threads = threads;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int target = c.local(TARGET);
        threads.lockSiglock(target);
        threads.setFatalSignal(target);
        threads.tryToWakeUp(target, Threads.WAKE_KILL);
        threads.unlockSiglock(target);
        return c.ret(0);
    }

    @Override
    protected String detail(FrameView f) {
        return "SIGKILL to T" + f.local(TARGET);
    }
}
