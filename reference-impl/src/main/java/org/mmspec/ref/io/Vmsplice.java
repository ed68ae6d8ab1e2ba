package org.mmspec.ref.io;

import org.mmspec.ref.gup.Foll;
import org.mmspec.ref.gup.GupFast;
import org.mmspec.ref.pin.GupPins;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code vmsplice()} of one user page into a pipe (fs/splice.c {@code vmsplice_to_pipe()} →
 * {@code get_iovec_page_array()}, Linux 4.9): the page is taken with {@code get_user_pages_fast()}
 * (read-only, {@code FOLL_GET}) and the reference put into a pipe buffer, which keeps it after the system
 * call has returned — until a reader consumes the buffer ({@link PipeRead}). The reader sees whatever the
 * page holds then. Context: process.
 *
 * <p>Arguments: mm, user address, pipe buffer (GUP holder slot). Returns the slot, or {@code -EFAULT}.
 */
public final class Vmsplice extends Procedure {

    private static final int MM = 0;
    private static final int ADDR = 1;
    private static final int SLOT = 2;
    private static final int PAGE = 3;

    private static final int GUP = 0;
    private static final int GOT = 1;
    private static final int SPLICE = 2;

    private final GupPins gupPins;
    private final GupFast gupFast;

    public Vmsplice(GupPins gupPins, GupFast gupFast) {
        super("vmsplice_to_pipe", "get_user_pages_fast", "get_user_pages_fast:done", "splice_to_pipe");
        this.gupPins = gupPins;
        this.gupFast = gupFast;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int slot = c.local(SLOT);
        if (pc == GUP) {
            return c.call(gupFast, GOT, c.local(MM), c.local(ADDR), Foll.FOLL_GET);
        }
        if (pc == GOT) {
            int page = c.result();
            if (page < 0) {
                return c.ret(page);
            }
            c.set(PAGE, page);
            return c.yieldTo(SPLICE);
        }
        if (pc != SPLICE) {
            throw new Oops(OopsKind.MODEL_MISUSE, 45, pc);
        }
        // splice_to_pipe(), under pipe->mutex: the buffer takes the reference
        gupPins.hold(slot, c.local(PAGE), GupPins.PIPE_BUF, c.local(MM), c.local(ADDR));
        return c.ret(slot);
    }

    @Override
    protected String detail(FrameView f) {
        return "mm" + f.local(MM) + " addr=0x" + Integer.toHexString(f.local(ADDR)) + " pipe_buffer " + f.local(SLOT);
    }
}
