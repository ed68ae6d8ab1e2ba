package org.mmspec.ref.io;

import org.mmspec.ref.filemap.Writeback;
import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code end_page_writeback(page)} (mm/filemap.c, Linux 4.9, with the reference 073861ed77b6 added in
 * 5.14), one atomic access a step: a page written for reclaim ({@code PG_reclaim}) loses the flag and
 * is rotated to the tail of its inactive list ({@code rotate_reclaimable_page()}: if it is not locked,
 * not dirty and on the LRU, the pagevec takes a reference, moves it under {@code lru_lock} and drops the
 * reference); then, holding a reference of its own so that the page cannot be freed and reused before
 * the wakeup, {@code test_clear_page_writeback()} (a kernel BUG if the page was not under write-back)
 * and {@code wake_up_page(page, PG_writeback)}: if {@code PG_waiters} is set, wake the page's
 * {@code PG_writeback} waiters under the wait queue's lock. Context: I/O completion (interrupt).
 *
 * <p>Arguments: pfn.
 */
public final class EndPageWriteback extends Procedure {

    private static final int PFN = 0;

    private static final int RECLAIM = 0;
    private static final int CLEAR_RECLAIM = 1;
    private static final int ROTATE = 2;
    private static final int ROTATE_GET = 3;
    private static final int ROTATE_MOVE = 4;
    private static final int ROTATE_PUT = 5;
    private static final int GET = 6;
    private static final int CLEAR_WRITEBACK = 7;
    private static final int WAITERS = 8;
    private static final int WAKE = 9;
    private static final int PUT = 10;

    private final Pages pages;
    private final Lru lru;
    private final Writeback writeback;

    public EndPageWriteback(Pages pages, Lru lru, Writeback writeback) {
        super("end_page_writeback", "PageReclaim", "ClearPageReclaim", "rotate_reclaimable_page",
                "rotate_reclaimable_page:get_page", "pagevec_move_tail", "pagevec_move_tail:put_page", "get_page",
                "test_clear_page_writeback", "wake_up_page", "wake_up_page_bit", "put_page");
        this.pages = pages;
        this.lru = lru;
        this.writeback = writeback;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        Pages p = pages;
        int pfn = c.local(PFN);
        switch (pc) {
            case RECLAIM -> {
                return c.yieldTo(p.pageFlag(pfn, PageFlag.RECLAIM) ? CLEAR_RECLAIM : GET);
            }
            case CLEAR_RECLAIM -> {
                p.clearPageFlag(pfn, PageFlag.RECLAIM);
                return c.yieldTo(ROTATE);
            }
            case ROTATE -> {
                return c.yieldTo(lru.rotatable(pfn) ? ROTATE_GET : GET);
            }
            case ROTATE_GET -> {
                p.getPage(pfn);
                return c.yieldTo(ROTATE_MOVE);
            }
            case ROTATE_MOVE -> {
                lru.moveToTail(pfn);
                return c.yieldTo(ROTATE_PUT);
            }
            case ROTATE_PUT -> {
                lru.putPage(pfn);
                return c.yieldTo(GET);
            }
            case GET -> {
                p.getPage(pfn);
                return c.yieldTo(CLEAR_WRITEBACK);
            }
            case CLEAR_WRITEBACK -> {
                writeback.testClearPageWriteback(pfn);
                return c.yieldTo(WAITERS);
            }
            case WAITERS -> {
                return c.yieldTo(p.pageFlag(pfn, PageFlag.WAITERS) ? WAKE : PUT);
            }
            case WAKE -> {
                writeback.wakeUpPageBit(pfn, PageFlag.WRITEBACK);
                return c.yieldTo(PUT);
            }
            case PUT -> {
                lru.putPage(pfn);
                return c.ret(0);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 31, pc);
        }
    }

    @Override
    protected String detail(FrameView f) {
        return "pfn=" + f.local(PFN);
    }
}
