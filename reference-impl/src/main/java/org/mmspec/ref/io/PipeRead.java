package org.mmspec.ref.io;

import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pin.GupPins;
import org.mmspec.ref.sync.BlockKind;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code pipe_read()} of one buffer (fs/pipe.c, Linux 4.9): wait until the buffer is filled
 * ({@code pipe_wait}), copy the page's contents out ({@code copy_page_to_iter}, a racy read of user
 * memory), then release the buffer ({@code anon_pipe_buf_release} → {@code put_page()}). Context: process.
 *
 * <p>Arguments: pipe buffer (GUP holder slot). Returns the data read.
 */
public final class PipeRead extends Procedure {

    private static final int SLOT = 0;
    private static final int DATA = 1;

    private static final int COPY = 0;
    private static final int RELEASE = 1;

    private final Pages pages;
    private final GupPins gupPins;

    public PipeRead(Pages pages, GupPins gupPins) {
        super("pipe_read", "copy_page_to_iter", "pipe_buf_release");
        this.pages = pages;
        this.gupPins = gupPins;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int slot = c.local(SLOT);
        switch (pc) {
            case COPY -> {
                if (!gupPins.inUse(slot)) {
                    return c.block(BlockKind.PIPE_EMPTY, slot, 0);
                }
                c.set(DATA, pages.data(gupPins.page(slot)));
                return c.yieldTo(RELEASE);
            }
            case RELEASE -> {
                int page = gupPins.page(slot);
                boolean pin = (gupPins.flags(slot) & GupPins.PINNED) != 0;
                gupPins.free(slot);
                gupPins.release(page, pin);
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
