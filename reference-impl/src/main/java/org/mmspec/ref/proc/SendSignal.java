package org.mmspec.ref.proc;

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

    public static final SendSignal INSTANCE = new SendSignal();

    private static final int TARGET = 0;

    private SendSignal() {
        super("send_sig_info", "signal_wake_up");
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        c.k().threads().setFatalSignal(c.local(TARGET));
        c.k().pageWaitQueue().signalWake(c.local(TARGET));
        return c.ret(0);
    }

    @Override
    protected String detail(FrameView f) {
        return "SIGKILL to T" + f.local(TARGET);
    }
}
