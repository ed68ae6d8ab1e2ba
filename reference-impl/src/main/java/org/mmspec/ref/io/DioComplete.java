package org.mmspec.ref.io;

import org.mmspec.ref.bio.Bios;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pageref.PutPage;
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
 * {@code dio_bio_complete()}, Linux 4.9), action by action: for a read, the user page the device wrote is
 * dirtied ({@code bio_check_pages_dirty()} → {@code set_page_dirty_lock()}; the buffers are anonymous
 * memory, for which {@code set_page_dirty()} is {@code SetPageDirty()} and needs no page lock); the
 * request lets go of the page (under {@code dio->bio_lock}); then its GUP reference is dropped ({@link
 * PutPage}: {@code put_page()}, or {@code unpin_user_page()} for a {@code FOLL_PIN} pin). Context: I/O
 * completion (the dirtying runs from a workqueue in the kernel).
 *
 * <p>Arguments: the GUP holder slot of the request, the request's operation, the page.
 */
public final class DioComplete extends Procedure {

    private static final int HOLDER = 0;
    private static final int OP = 1;
    private static final int PAGE = 2;
    /** The references to drop: 1, or the pin bias. */
    private static final int REFS = 3;

    private static final int DIRTY = 0;
    private static final int RELEASE = 1;
    private static final int PUT = 2;
    private static final int DONE = 3;

    private final Pages pages;
    private final GupPins gupPins;
    private final PutPage putPage;

    public DioComplete(Pages pages, GupPins gupPins, PutPage putPage) {
        super("dio_bio_complete", "set_page_dirty", "bio_release_pages", "put_page/unpin_user_page", "done");
        this.pages = pages;
        this.gupPins = gupPins;
        this.putPage = putPage;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int page = c.local(PAGE);
        switch (pc) {
            case DIRTY -> {
                if (c.local(OP) != Bios.DIO_READ) {
                    return c.next(RELEASE);
                }
                pages.setPageFlag(page, PageFlag.DIRTY);
                return c.yieldTo(RELEASE);
            }
            case RELEASE -> {
                int taken = gupPins.take(c.local(HOLDER));
                if (taken < 0 || GupPins.takenPage(taken) != page) {
                    throw new Oops(OopsKind.MODEL_MISUSE, ModelMisuse.GUP_HOLDER_EMPTY_CODE, c.local(HOLDER));
                }
                c.set(REFS, GupPins.references(GupPins.takenPinned(taken)));
                return c.yieldTo(PUT);
            }
            case PUT -> {
                return c.call(putPage, DONE, page, c.local(REFS));
            }
            case DONE -> {
                return c.ret(0);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 37, pc);
        }
    }

    @Override
    protected String detail(FrameView f) {
        return "dio " + f.local(HOLDER) + " " + Bios.describeOp(f.local(OP)) + " pfn=" + f.local(PAGE);
    }
}
