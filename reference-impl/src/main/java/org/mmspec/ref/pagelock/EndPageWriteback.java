package org.mmspec.ref.pagelock;

import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code end_page_writeback(page)} (mm/filemap.c, Linux 4.x), action by action: {@code
 * test_clear_page_writeback()} (ending write-back of a page not under write-back is a kernel BUG); then
 * {@code wake_up_page(page, PG_writeback)}: if {@code PageWaiters}, {@code wake_up_page_bit()}.
 * ({@code PG_reclaim}'s rotation is not modelled.) Context: I/O completion (modelled in the submitting
 * thread).
 *
 * <p>Arguments: pfn.
 */
public final class EndPageWriteback extends Procedure {

    private static final int PFN = 0;

    private static final int CLEAR = 0;
    private static final int WAITERS = 1;
    private static final int WAKE = 2;
    private static final int DONE = 3;

    private final Pages pages;
    private final WakeUpPageBit wakeUpPageBit;

    public EndPageWriteback(Pages pages, WakeUpPageBit wakeUpPageBit) {
        super("end_page_writeback", "test_clear_page_writeback", "wake_up_page:PageWaiters", "wake_up_page_bit",
                "done");
        this.pages = pages;
        this.wakeUpPageBit = wakeUpPageBit;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int pfn = c.local(PFN);
        return switch (pc) {
            case CLEAR -> {
                if (!pages.testClearPageFlag(pfn, PageFlag.WRITEBACK)) {
                    throw new Oops(OopsKind.END_WRITEBACK_NOT_WRITEBACK, pfn, 0);
                }
                yield c.yieldTo(WAITERS);
            }
            case WAITERS -> pages.pageFlag(pfn, PageFlag.WAITERS) ? c.yieldTo(WAKE) : c.ret(0);
            case WAKE -> c.call(wakeUpPageBit, DONE, pfn, PageFlag.WRITEBACK.bit());
            default -> c.ret(0);
        };
    }

    @Override
    protected String detail(FrameView f) {
        return "pfn=" + f.local(PFN);
    }
}
