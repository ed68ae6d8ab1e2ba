package org.mmspec.ref.proc;

import org.mmspec.ref.filemap.PageWaitQueue;
import org.mmspec.ref.sched.Threads;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code kill(pid, SIGKILL)} as far as MM sees it: {@code send_sig_info()} makes a fatal signal
 * pending on the target and {@code signal_wake_up()} wakes it from a killable sleep. One step.
 *
 * <p>Arguments: target thread.
 */
public final class SendSignal extends Procedure {

    private static final int TARGET = 0;

    private final Threads threads;
    private final PageWaitQueue pageWaitQueue;

    public SendSignal(Threads threads, PageWaitQueue pageWaitQueue) {
        super("send_sig_info", "signal_wake_up");
        this.threads = threads;
        this.pageWaitQueue = pageWaitQueue;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        threads.setFatalSignal(c.local(TARGET));
        pageWaitQueue.signalWake(c.local(TARGET));
        return c.ret(0);
    }

    @Override
    protected String detail(FrameView f) {
        return "SIGKILL to T" + f.local(TARGET);
    }
}
