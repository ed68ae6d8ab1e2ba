package org.mmspec.ref.mem;

import org.mmspec.ref.Kernel;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;

/**
 * Freeing pages whose last reference went away (mm/swap.c {@code __put_page}, mm/page_alloc.c
 * {@code free_hot_cold_page}, {@code __free_pages}, {@code free_pages_prepare}). The per-cpu page
 * lists are not modelled: order-0 pages go straight back to the buddy lists.
 */
public final class FreePath {

    private final Kernel k;

    public FreePath(Kernel k) {
        this.k = k;
    }

    /**
     * {@code __put_single_page()}: the last reference is gone; take the page off the LRU
     * ({@code __page_cache_release}, under {@code lru_lock}) and free it.
     */
    public void putSinglePage(int pfn) {
        Pages p = k.pages();
        if (p.pageFlag(pfn, PageFlag.LRU)) {
            k.lru().delPageFromLru(pfn);
        }
        freePagesOk(pfn, 0);
    }

    /**
     * {@code __free_pages()} (mm/page_alloc.c): drops the caller's reference to a block of
     * {@code 2^order} pages and frees it if that was the last. Context: any; takes the zone lock.
     *
     * @throws Oops on a free page ({@code put_page_testzero}) or a page in a bad state
     */
    public void freePagesBlock(int pfn, int order) {
        if (k.pages().putPageTestzero(pfn)) {
            freePagesOk(pfn, order);
        }
    }

    /**
     * {@code free_pages()} (mm/page_alloc.c): as {@link #freePagesBlock} given the block's kernel
     * address ({@code __va(pfn << PAGE_SHIFT)}); address 0 is ignored, as in the kernel.
     */
    public void freePages(int addr, int order) {
        if (addr != 0) {
            freePagesBlock(k.geometry().virtToPfn(addr), order);
        }
    }

    /**
     * {@code free_pages_prepare()} + {@code __free_one_page()}: checks the page is clean of state that
     * must not survive a free ({@code free_pages_check}), clears its flags and mapping, and returns the
     * block to the buddy lists. A page still mapped, on the LRU, locked or under writeback is a
     * "Bad page state" kernel BUG.
     */
    public void freePagesOk(int pfn, int order) {
        Pages p = k.pages();
        for (int i = 0; i < (1 << order); i++) {
            int page = pfn + i;
            if (p.pageAnon(page)) {
                p.setMapping(page, Mapping.NULL);
            }
            int flags = p.flags(page);
            if (p.rawMapcount(page) != -1 || p.mapping(page) != Mapping.NULL || p.pageCount(page) != 0
                    || (flags & PageFlag.CHECK_AT_FREE) != 0) {
                throw k.bug(OopsKind.BAD_PAGE_STATE, page, flags);
            }
            k.ghost().pageFreed(page);
            p.setFlags(page, 0);
            p.setData(page, 0);
            p.setIndex(page, 0);
            p.setPagePrivate(page, 0);
        }
        k.buddy().freeOnePage(pfn, order, k.ctx().cpu());
    }
}
