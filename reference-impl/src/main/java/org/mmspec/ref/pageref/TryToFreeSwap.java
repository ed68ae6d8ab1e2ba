package org.mmspec.ref.pageref;

import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.swap.Swap;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code try_to_free_swap(page)} (mm/swapfile.c, Linux 4.9), action by action: a swap-cache page not under
 * write-back ({@code PageWriteback}) whose slot no PTE refers to any more ({@code page_swapcount()} under
 * {@code swap_lock}) leaves the swap cache ({@link DeleteFromSwapCache}) and becomes dirty: its only copy
 * is in memory. Context: page locked.
 *
 * <p>Arguments: pfn. Returns 1 if it freed the swap, else 0.
 */
public final class TryToFreeSwap extends Procedure {

    private static final int PFN = 0;

    private static final int WRITEBACK = 0;
    private static final int SWAPCOUNT = 1;
    private static final int DELETE = 2;
    private static final int DELETED = 3;
    private static final int DIRTY = 4;

    private final Pages pages;
    private final Swap swap;
    private final DeleteFromSwapCache deleteFromSwapCache;

    public TryToFreeSwap(Pages pages, Swap swap, DeleteFromSwapCache deleteFromSwapCache) {
        super("try_to_free_swap", "PageWriteback", "page_swapcount", "delete_from_swap_cache",
                "delete_from_swap_cache:done", "SetPageDirty");
        this.pages = pages;
        this.swap = swap;
        this.deleteFromSwapCache = deleteFromSwapCache;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int pfn = c.local(PFN);
        return switch (pc) {
            case WRITEBACK -> !pages.pageFlag(pfn, PageFlag.SWAPCACHE) || pages.pageFlag(pfn, PageFlag.WRITEBACK)
                    ? c.ret(0) : c.yieldTo(SWAPCOUNT);
            case SWAPCOUNT -> swap.pageSwapcount(pages.pagePrivate(pfn)) > 0 ? c.ret(0) : c.yieldTo(DELETE);
            case DELETE -> c.call(deleteFromSwapCache, DELETED, pfn);
            case DELETED -> c.yieldTo(DIRTY);
            default -> {
                pages.setPageFlag(pfn, PageFlag.DIRTY);
                yield c.ret(1);
            }
        };
    }

    @Override
    protected String detail(FrameView f) {
        return "pfn=" + f.local(PFN);
    }
}
