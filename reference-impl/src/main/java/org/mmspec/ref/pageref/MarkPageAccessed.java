package org.mmspec.ref.pageref;

import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.rmapwalk.PageReferenced;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code mark_page_accessed(page)} (mm/swap.c, Linux 4.9), action by action: {@code PageActive}, then
 * {@code PageUnevictable}, then {@code PageReferenced} (racy tests of three bits); an inactive, evictable,
 * referenced page on an LRU list is activated ({@code activate_page}: under {@code lru_lock}, the per-cpu
 * pagevec drained at once) and loses {@code PG_referenced}; an unreferenced page gains it. (The workingset
 * is not modelled.) Context: the caller holds a reference.
 *
 * <p>Arguments: pfn.
 */
public final class MarkPageAccessed extends Procedure {

    private static final int PFN = 0;

    private static final int ACTIVE = 0;
    private static final int REFERENCED = 1;
    private static final int ON_LRU = 2;
    private static final int ACTIVATE = 3;
    private static final int CLEAR_REFERENCED = 4;
    private static final int ACTIVE_REFERENCED = 5;
    private static final int SET_REFERENCED = 6;
    private static final int UNEVICTABLE = 7;

    private final Pages pages;
    private final Lru lru;

    public MarkPageAccessed(Pages pages, Lru lru) {
        super("mark_page_accessed", "PageActive", "PageReferenced", "PageLRU", "activate_page", "ClearPageReferenced",
                "PageReferenced", "SetPageReferenced", "PageUnevictable");
        this.pages = pages;
        this.lru = lru;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int pfn = c.local(PFN);
        return switch (pc) {
            case ACTIVE -> c.yieldTo(pages.pageFlag(pfn, PageFlag.ACTIVE) ? ACTIVE_REFERENCED : UNEVICTABLE);
            case UNEVICTABLE -> c.yieldTo(pages.pageFlag(pfn, PageFlag.UNEVICTABLE) ? ACTIVE_REFERENCED : REFERENCED);
            case REFERENCED -> c.yieldTo(pages.pageFlag(pfn, PageFlag.REFERENCED) ? ON_LRU : SET_REFERENCED);
            case ON_LRU -> c.yieldTo(pages.pageFlag(pfn, PageFlag.LRU) ? ACTIVATE : CLEAR_REFERENCED);
            case ACTIVATE -> {
                lru.moves().activatePage(pfn);
                yield c.yieldTo(CLEAR_REFERENCED);
            }
            case CLEAR_REFERENCED -> {
                pages.clearPageFlag(pfn, PageFlag.REFERENCED);
                yield c.ret(0);
            }
            case ACTIVE_REFERENCED -> pages.pageFlag(pfn, PageFlag.REFERENCED) ? c.ret(0) : c.yieldTo(SET_REFERENCED);
            case SET_REFERENCED -> {
                pages.setPageFlag(pfn, PageFlag.REFERENCED);
                yield c.ret(0);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 34, pc);
        };
    }

    @Override
    protected String detail(FrameView f) {
        return "pfn=" + f.local(PFN);
    }
}
