package org.mmspec.ref.lru;

import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.PageLists;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.state.Mem;

/**
 * The moves between {@link Lru} lists that a page's use or its user's advice causes (mm/swap.c, the
 * pagevecs drained at once): activation ({@code activate_page}, {@code mark_page_accessed}),
 * deactivation ({@code deactivate_page}), {@code MADV_FREE}'s move to the inactive file list ({@code
 * mark_page_lazyfree}) and the rotation of a page reclaim wrote back ({@code rotate_reclaimable_page}).
 * Each takes {@code lru_lock} inside the step.
 */
public final class LruMoves {

    private final Lru lru;
    private final Mem m;
    private final PageLists lists;
    private final Pages pages;

    LruMoves(Lru lru, Mem m, PageLists lists, Pages pages) {
        this.lru = lru;
        this.m = m;
        this.lists = lists;
        this.pages = pages;
    }

    /**
     * {@code __activate_page()} under {@code lru_lock} ({@code activate_page}, the pagevec drained at
     * once): an inactive, evictable page on an LRU list moves to the head of the active one.
     */
    public void activatePage(int pfn) {
        int zone = lru.zoneOfPage(pfn);
        lru.lock(zone);
        if (pages.pageFlag(pfn, PageFlag.LRU) && !pages.pageFlag(pfn, PageFlag.ACTIVE)
                && !pages.pageFlag(pfn, PageFlag.UNEVICTABLE)) {
            lists.remove(lru.head(zone, lru.pageLru(pfn)), pfn);
            pages.setPageFlag(pfn, PageFlag.ACTIVE);
            lists.addHead(lru.head(zone, lru.pageLru(pfn)), pfn);
        }
        lru.unlock(zone);
    }

    /**
     * {@code mark_page_accessed()} (mm/swap.c) in one go, for sequential callers: inactive, referenced
     * pages are activated; otherwise {@code PG_referenced} is set. Steps do it action by action
     * ({@code pagelock.MarkPageAccessed}).
     */
    public void markPageAccessed(int pfn) {
        Pages p = pages;
        if (!p.pageFlag(pfn, PageFlag.ACTIVE) && !p.pageFlag(pfn, PageFlag.UNEVICTABLE)
                && p.pageFlag(pfn, PageFlag.REFERENCED)) {
            if (p.pageFlag(pfn, PageFlag.LRU)) {
                activatePage(pfn);
            }
            p.clearPageFlag(pfn, PageFlag.REFERENCED);
        } else if (!p.pageFlag(pfn, PageFlag.REFERENCED)) {
            p.setPageFlag(pfn, PageFlag.REFERENCED);
        }
    }

    /**
     * {@code deactivate_page()} → {@code lru_deactivate_fn()} (mm/swap.c): under {@code lru_lock}, an active
     * page on an LRU list moves to the head of the inactive list of its type, losing {@code PG_active} and
     * {@code PG_referenced}; any other page is left alone.
     */
    public void deactivatePage(int pfn) {
        int zone = lru.zoneOfPage(pfn);
        lru.lock(zone);
        Pages p = pages;
        if (p.pageFlag(pfn, PageFlag.LRU) && p.pageFlag(pfn, PageFlag.ACTIVE) && !p.pageFlag(pfn, PageFlag.UNEVICTABLE)) {
            lists.remove(lru.head(zone, lru.pageLru(pfn)), pfn);
            p.clearPageFlag(pfn, PageFlag.ACTIVE);
            p.clearPageFlag(pfn, PageFlag.REFERENCED);
            lists.addHead(lru.head(zone, lru.pageLru(pfn)), pfn);
        }
        lru.unlock(zone);
    }

    /**
     * {@code mark_page_lazyfree()} → {@code lru_lazyfree_fn()} (mm/swap.c, Linux 4.12), the pagevec drained
     * at once: under {@code lru_lock}, an anonymous page given up with {@code MADV_FREE} — on an LRU list,
     * swap-backed, not in the swap cache — loses {@code PG_active}, {@code PG_referenced} and {@code
     * PG_swapbacked} and moves to the inactive file list, where reclaim may drop it without writing it
     * anywhere. Context: the caller holds a reference.
     */
    public void markPageLazyfree(int pfn) {
        int zone = lru.zoneOfPage(pfn);
        lru.lock(zone);
        Pages p = pages;
        if (p.pageFlag(pfn, PageFlag.LRU) && p.pageAnon(pfn) && p.pageFlag(pfn, PageFlag.SWAPBACKED)) {
            // PageSwapCache and ClearPageReferenced: atomic accesses to the flags that nothing orders
            // against each other; taken as one
            m.compoundBegin();
            boolean lazy = !p.pageFlag(pfn, PageFlag.SWAPCACHE);
            if (lazy) {
                p.clearPageFlag(pfn, PageFlag.REFERENCED);
            }
            m.compoundEnd();
            if (lazy) {
                lists.remove(lru.head(zone, lru.pageLru(pfn)), pfn);
                p.clearPageFlag(pfn, PageFlag.ACTIVE);
                p.clearPageFlag(pfn, PageFlag.SWAPBACKED);
                lists.addHead(lru.head(zone, Lru.LRU_INACTIVE_FILE), pfn);
            }
        }
        lru.unlock(zone);
    }

    /**
     * The test {@code rotate_reclaimable_page()} (mm/swap.c) makes before it queues a page for rotation:
     * not locked, not dirty, on an LRU list — one load of {@code page->flags}. Context: any, lockless.
     */
    public boolean rotatable(int pfn) {
        int flags = pages.flags(pfn);
        return (flags & (PageFlag.LOCKED.mask() | PageFlag.DIRTY.mask())) == 0 && (flags & PageFlag.LRU.mask()) != 0;
    }

    /**
     * {@code pagevec_move_tail_fn()} (mm/swap.c) under {@code lru_lock}: a page that finished write-back for
     * reclaim ({@code PG_reclaim}) moves to the tail of its inactive list, where reclaim looks first.
     * Context: the caller holds a reference.
     */
    public void moveToTail(int pfn) {
        int zone = lru.zoneOfPage(pfn);
        lru.lock(zone);
        Pages p = pages;
        if (p.pageFlag(pfn, PageFlag.LRU)) {
            lists.remove(lru.head(zone, lru.pageLru(pfn)), pfn);
            p.clearPageFlag(pfn, PageFlag.ACTIVE);
            lists.addTail(lru.head(zone, lru.pageLru(pfn)), pfn);
        }
        lru.unlock(zone);
    }
}
