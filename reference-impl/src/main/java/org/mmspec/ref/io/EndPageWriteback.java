package org.mmspec.ref.io;

import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.pagelock.WakeUpPageBit;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pageref.PutPage;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code end_page_writeback(page)} (mm/filemap.c, Linux 4.9, with the reference 073861ed77b6 added in
 * 5.14), action by action: a page written for reclaim ({@code PG_reclaim}) loses the flag and is rotated
 * to the tail of its inactive list ({@code rotate_reclaimable_page()}: if it is not locked, not dirty and
 * on the LRU — one look at its flags — the pagevec takes a reference, moves it under {@code lru_lock} and
 * drops the reference); then, holding a reference of its own so that the page cannot be freed and reused
 * before the wakeup, {@code test_clear_page_writeback()} (ending write-back of a page not under write-back
 * is a kernel BUG) and {@code wake_up_page(page, PG_writeback)}: if {@code PageWaiters}, {@link
 * WakeUpPageBit}; then {@code put_page}. Context: I/O completion (interrupt).
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
    private static final int CLEAR = 7;
    private static final int WAITERS = 8;
    private static final int WAKE = 9;
    private static final int WOKEN = 10;
    private static final int PUT = 11;
    private static final int DONE = 12;
    private static final int ROTATED = 13;

    private final Pages pages;
    private final Lru lru;
    private final WakeUpPageBit wakeUpPageBit;
    private final PutPage putPage;

    public EndPageWriteback(Pages pages, Lru lru, WakeUpPageBit wakeUpPageBit, PutPage putPage) {
        super("end_page_writeback", "PageReclaim", "ClearPageReclaim", "rotate_reclaimable_page",
                "rotate_reclaimable_page:get_page", "pagevec_move_tail", "pagevec_move_tail:put_page", "get_page",
                "test_clear_page_writeback", "wake_up_page:PageWaiters", "wake_up_page_bit", "wake_up_page_bit:done",
                "put_page", "done", "pagevec_move_tail:put_page:done");
        this.pages = pages;
        this.lru = lru;
        this.wakeUpPageBit = wakeUpPageBit;
        this.putPage = putPage;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int pfn = c.local(PFN);
        return switch (pc) {
            case RECLAIM -> c.yieldTo(pages.pageFlag(pfn, PageFlag.RECLAIM) ? CLEAR_RECLAIM : GET);
            case CLEAR_RECLAIM -> {
                pages.clearPageFlag(pfn, PageFlag.RECLAIM);
                yield c.yieldTo(ROTATE);
            }
            case ROTATE -> c.yieldTo(lru.moves().rotatable(pfn) ? ROTATE_GET : GET);
            case ROTATE_GET -> {
                pages.refs().getPage(pfn);
                yield c.yieldTo(ROTATE_MOVE);
            }
            case ROTATE_MOVE -> {
                lru.moves().moveToTail(pfn);
                yield c.yieldTo(ROTATE_PUT);
            }
            case ROTATE_PUT -> c.call(putPage, ROTATED, pfn);
            case ROTATED -> c.yieldTo(GET);
            case GET -> {
                pages.refs().getPage(pfn);
                yield c.yieldTo(CLEAR);
            }
            case CLEAR -> {
                if (!pages.testClearPageFlag(pfn, PageFlag.WRITEBACK)) {
                    throw new Oops(OopsKind.END_WRITEBACK_NOT_WRITEBACK, pfn, 0);
                }
                yield c.yieldTo(WAITERS);
            }
            case WAITERS -> c.yieldTo(pages.pageFlag(pfn, PageFlag.WAITERS) ? WAKE : PUT);
            case WAKE -> c.call(wakeUpPageBit, WOKEN, pfn, PageFlag.WRITEBACK.bit());
            case WOKEN -> c.yieldTo(PUT);
            case PUT -> c.call(putPage, DONE, pfn);
            case DONE -> c.ret(0);
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 31, pc);
        };
    }

    @Override
    protected String detail(FrameView f) {
        return "pfn=" + f.local(PFN);
    }
}
