package org.mmspec.ref.pageref;

import org.mmspec.ref.filemap.PageLock;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.swap.Swap;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code free_swap_and_cache(entry)} (mm/swapfile.c, Linux 4.9), action by action: a zapped PTE's swap
 * entry drops its slot reference ({@code swap_entry_free} under {@code swap_lock}; an entry of a device
 * swapoff has torn down is refused); if only the swap cache
 * still holds the slot, look its page up ({@link FindGetPage}) and {@code trylock_page} it — a locked page
 * is left alone; then, if the page is still in the swap cache, not under write-back and mapped by no PTE,
 * it leaves the swap cache and becomes dirty; unlock and put it. (The kernel looks the page up while still
 * holding {@code swap_lock}; here the lock is released first — a finer interleaving, an over-approximation.)
 * Context: the PTE lock of the zapped PTE's table (zap_pte_range).
 *
 * <p>Arguments: swap offset.
 */
public final class FreeSwapAndCache extends Procedure {

    private static final int OFFSET = 0;
    private static final int PAGE = 1;

    private static final int FREE = 0;
    private static final int FOUND = 1;
    private static final int TRYLOCK = 2;
    private static final int MAPPED = 3;
    private static final int DELETE = 4;
    private static final int DIRTY = 5;
    private static final int UNLOCK = 6;
    private static final int PUT = 7;
    private static final int DONE = 8;
    private static final int LOOKUP = 9;
    private static final int DELETED = 10;
    private static final int UNLOCKED = 11;

    private final Pages pages;
    private final Swap swap;
    private final PageLock pageLock;
    private final FindGetPage findGetPage;
    private final DeleteFromSwapCache deleteFromSwapCache;
    private final UnlockPage unlockPage;
    private final PutPage putPage;

    public FreeSwapAndCache(Pages pages, Swap swap, PageLock pageLock, FindGetPage findGetPage,
            DeleteFromSwapCache deleteFromSwapCache, UnlockPage unlockPage, PutPage putPage) {
        super("free_swap_and_cache", "swap_entry_free", "find_get_page:done", "trylock_page", "page_mapped",
                "delete_from_swap_cache", "SetPageDirty", "unlock_page", "put_page", "done", "find_get_page",
                "delete_from_swap_cache:done", "unlock_page:done");
        this.pages = pages;
        this.swap = swap;
        this.pageLock = pageLock;
        this.findGetPage = findGetPage;
        this.deleteFromSwapCache = deleteFromSwapCache;
        this.unlockPage = unlockPage;
        this.putPage = putPage;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int page = c.local(PAGE);
        return switch (pc) {
            case FREE -> swap.swapEntryFree(c.local(OFFSET)) == Swap.SWAP_HAS_CACHE ? c.yieldTo(LOOKUP) : c.ret(0);
            case LOOKUP -> c.call(findGetPage, FOUND, -1, c.local(OFFSET));
            case FOUND -> {
                c.set(PAGE, c.result());
                yield c.result() < 0 ? c.ret(0) : c.yieldTo(TRYLOCK);
            }
            case TRYLOCK -> {
                if (!pageLock.trylockPage(page)) {
                    yield c.yieldTo(PUT);
                }
                yield pages.pageFlag(page, PageFlag.SWAPCACHE) && !pages.pageFlag(page, PageFlag.WRITEBACK)
                        ? c.yieldTo(MAPPED) : c.yieldTo(UNLOCK);
            }
            case MAPPED -> c.yieldTo(pages.pageMapped(page) ? UNLOCK : DELETE);
            case DELETE -> c.call(deleteFromSwapCache, DELETED, page);
            case DELETED, UNLOCKED -> c.yieldTo(pc == DELETED ? DIRTY : PUT);
            case DIRTY -> {
                pages.setPageFlag(page, PageFlag.DIRTY);
                yield c.yieldTo(UNLOCK);
            }
            case UNLOCK -> c.call(unlockPage, UNLOCKED, page);
            case PUT -> c.call(putPage, DONE, page);
            default -> c.ret(0);
        };
    }

    @Override
    protected String detail(FrameView f) {
        return "swap=" + f.local(OFFSET);
    }
}
