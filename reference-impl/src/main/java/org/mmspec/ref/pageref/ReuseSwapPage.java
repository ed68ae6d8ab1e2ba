package org.mmspec.ref.pageref;

import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.swap.Swap;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code reuse_swap_page(page, &total_mapcount)} (mm/swapfile.c, Linux 4.9), action by action: may a
 * write fault reuse this anonymous page instead of copying it? {@code page_mapcount()}; if at most one PTE
 * maps it and it is in the swap cache, add {@code page_swapcount()} (under {@code swap_lock}); if that
 * makes one and the page is not under write-back ({@code PageWriteback}), it leaves the swap cache
 * ({@link DeleteFromSwapCache}) and becomes dirty — its only copy is now in memory. The map count is what
 * counts, not the reference count: a page pinned by GUP is reused. KSM pages are never reused.
 * Context: page locked, PTE lock.
 *
 * <p>Arguments: pfn. Returns {@link #REUSE} when the page may be reused, or'ed with {@link #MAPPED_ONCE}
 * when exactly one PTE maps it (the kernel's {@code *total_mapcount == 1}).
 */
public final class ReuseSwapPage extends Procedure {

    /** Result bit: reuse the page. */
    public static final int REUSE = 1;
    /** Result bit: {@code total_mapcount} is one. */
    public static final int MAPPED_ONCE = 2;

    private static final int PFN = 0;
    private static final int COUNT = 1;
    private static final int ONCE = 2;

    private static final int MAPCOUNT = 0;
    private static final int SWAPCOUNT = 1;
    private static final int WRITEBACK = 2;
    private static final int DELETE = 3;
    private static final int DIRTY = 4;
    private static final int DELETED = 5;

    private final Pages pages;
    private final Swap swap;
    private final DeleteFromSwapCache deleteFromSwapCache;

    public ReuseSwapPage(Pages pages, Swap swap, DeleteFromSwapCache deleteFromSwapCache) {
        super("reuse_swap_page", "page_mapcount", "page_swapcount", "PageWriteback", "delete_from_swap_cache",
                "SetPageDirty", "delete_from_swap_cache:done");
        this.pages = pages;
        this.swap = swap;
        this.deleteFromSwapCache = deleteFromSwapCache;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int pfn = c.local(PFN);
        switch (pc) {
            case MAPCOUNT -> {
                if (pages.pageKsm(pfn)) {
                    return c.ret(0);
                }
                int count = pages.pageMapcount(pfn);
                c.set(COUNT, count);
                c.set(ONCE, count == 1 ? MAPPED_ONCE : 0);
                if (count <= 1 && pages.pageFlag(pfn, PageFlag.SWAPCACHE)) {
                    return c.yieldTo(SWAPCOUNT);
                }
                return c.ret(result(c, count));
            }
            case SWAPCOUNT -> {
                int count = c.local(COUNT) + swap.pageSwapcount(pages.pagePrivate(pfn));
                c.set(COUNT, count);
                return count == 1 ? c.yieldTo(WRITEBACK) : c.ret(result(c, count));
            }
            case WRITEBACK -> {
                return pages.pageFlag(pfn, PageFlag.WRITEBACK) ? c.ret(result(c, 1)) : c.yieldTo(DELETE);
            }
            case DELETE -> {
                return c.call(deleteFromSwapCache, DELETED, pfn);
            }
            case DELETED -> {
                return c.yieldTo(DIRTY);
            }
            default -> {
                pages.setPageFlag(pfn, PageFlag.DIRTY);
                return c.ret(result(c, 1));
            }
        }
    }

    private static int result(Ctx c, int count) {
        return (count <= 1 ? REUSE : 0) | c.local(ONCE);
    }

    @Override
    protected String detail(FrameView f) {
        return "pfn=" + f.local(PFN);
    }
}
