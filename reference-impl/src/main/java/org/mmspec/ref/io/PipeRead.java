package org.mmspec.ref.io;

import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pageref.PutPage;
import org.mmspec.ref.pin.GupPins;
import org.mmspec.ref.sync.BlockKind;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code pipe_read()} of one buffer (fs/pipe.c, Linux 4.9), action by action: under {@code pipe->mutex},
 * wait until the buffer is filled ({@code pipe_wait}) and copy the page's contents out ({@code
 * copy_page_to_iter}, a racy read of user memory); then release the buffer ({@code
 * anon_pipe_buf_release}): the buffer lets go of the page, and its reference is dropped ({@link PutPage}).
 * Context: process.
 *
 * <p>Arguments: pipe buffer (GUP holder slot). Returns the data read.
 */
public final class PipeRead extends Procedure {

    private static final int SLOT = 0;
    private static final int DATA = 1;
    private static final int PAGE = 2;
    private static final int REFS = 3;

    private static final int COPY = 0;
    private static final int RELEASE = 1;
    private static final int PUT = 2;
    private static final int DONE = 3;

    private final Pages pages;
    private final GupPins gupPins;
    private final PutPage putPage;

    public PipeRead(Pages pages, GupPins gupPins, PutPage putPage) {
        super("pipe_read", "copy_page_to_iter", "pipe_buf_release", "put_page", "done");
        this.pages = pages;
        this.gupPins = gupPins;
        this.putPage = putPage;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int slot = c.local(SLOT);
        switch (pc) {
            case COPY -> {
                gupPins.lock(slot);
                if (!gupPins.inUse(slot)) {
                    gupPins.unlock(slot);
                    return c.block(BlockKind.PIPE_EMPTY, slot, 0);
                }
                c.set(DATA, pages.data(gupPins.page(slot)));
                gupPins.unlock(slot);
                return c.yieldTo(RELEASE);
            }
            case RELEASE -> {
                int taken = gupPins.take(slot);
                c.set(PAGE, GupPins.takenPage(taken));
                c.set(REFS, GupPins.references(GupPins.takenPinned(taken)));
                return c.yieldTo(PUT);
            }
            case PUT -> {
                return c.call(putPage, DONE, c.local(PAGE), c.local(REFS));
            }
            case DONE -> {
                return c.ret(c.local(DATA));
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 41, pc);
        }
    }

    @Override
    protected String detail(FrameView f) {
        return "pipe_buffer " + f.local(SLOT);
    }
}
