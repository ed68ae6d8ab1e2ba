package org.mmspec.ref.io;

import org.mmspec.ref.bio.Bios;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pin.GupPins;
import org.mmspec.ref.sync.ModelMisuse;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * The completion of a direct-I/O request (fs/direct-io.c {@code dio_bio_end_aio()} →
 * {@code dio_bio_complete()}, Linux 4.9): for a read, the user page the device wrote is dirtied
 * ({@code bio_check_pages_dirty()} → {@code set_page_dirty_lock()}; the buffers are anonymous memory, for
 * which {@code set_page_dirty()} is {@code SetPageDirty()} and needs no page lock); then the request's
 * GUP reference is dropped ({@code put_page()}, or {@code unpin_user_page()} for a {@code FOLL_PIN} pin)
 * and the request freed. Context: I/O completion (the dirtying runs from a workqueue in the kernel).
 *
 * <p>Arguments: the GUP holder slot of the request, the request's operation.
 */
public final class DioComplete extends Procedure {

    private static final int HOLDER = 0;
    private static final int OP = 1;

    private static final int DIRTY = 0;
    private static final int RELEASE = 1;

    private final Pages pages;
    private final GupPins gupPins;

    public DioComplete(Pages pages, GupPins gupPins) {
        super("dio_bio_complete", "set_page_dirty", "bio_release_pages");
        this.pages = pages;
        this.gupPins = gupPins;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int slot = c.local(HOLDER);
        if (!gupPins.inUse(slot)) {
            throw new Oops(OopsKind.MODEL_MISUSE, ModelMisuse.GUP_HOLDER_EMPTY_CODE, slot);
        }
        int page = gupPins.page(slot);
        switch (pc) {
            case DIRTY -> {
                if (c.local(OP) != Bios.DIO_READ) {
                    return c.next(RELEASE);
                }
                pages.setPageFlag(page, PageFlag.DIRTY);
                return c.yieldTo(RELEASE);
            }
            case RELEASE -> {
                boolean pin = (gupPins.flags(slot) & GupPins.PINNED) != 0;
                gupPins.free(slot);
                gupPins.release(page, pin);
                return c.ret(0);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 37, pc);
        }
    }

    @Override
    protected String detail(FrameView f) {
        return "dio " + f.local(HOLDER) + " " + Bios.describeOp(f.local(OP));
    }
}
