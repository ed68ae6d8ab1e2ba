package org.mmspec.ref.lru;

import org.mmspec.ref.mem.CompoundPages;
import org.mmspec.ref.mem.FreePath;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.PageLists;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.mem.Zones;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.sync.Current;
import org.mmspec.ref.sync.LockClass;
import org.mmspec.ref.sync.Oops;

/**
 * The LRU lists: inactive/active × anon/file per zone (mm/swap.c, include/linux/mm_inline.h), and the
 * release of a page's last reference ({@code put_page}), which takes the page off its list before it
 * goes back to the page allocator. New pages go to the head; reclaim takes from the tail
 * ({@code lru_to_page}). The per-cpu pagevecs that batch LRU insertion in the kernel are not modelled:
 * pages are added as if the pagevec were drained at once. {@code lru_lock} is taken and released
 * inside single steps.
 */
public final class Lru {

    public static final int LRU_INACTIVE_ANON = 0;
    public static final int LRU_ACTIVE_ANON = 1;
    public static final int LRU_INACTIVE_FILE = 2;
    public static final int LRU_ACTIVE_FILE = 3;
    private static final String[] NAMES = {"inactive_anon", "active_anon", "inactive_file", "active_file"};

    private final Layout l;
    private final PageLists lists;
    private final Pages pages;
    private final CompoundPages compound;
    private final Zones zones;
    private final FreePath freePath;
    private final Current current;

    public Lru(Layout l, PageLists lists, Pages pages, CompoundPages compound, Zones zones, FreePath freePath,
            Current current) {
        this.l = l;
        this.lists = lists;
        this.pages = pages;
        this.compound = compound;
        this.zones = zones;
        this.freePath = freePath;
        this.current = current;
    }

    public static String name(int lru) {
        return NAMES[lru];
    }

    /** The list head of {@code lru} in {@code zone}. */
    public int head(int zone, int lru) {
        return l.lru(zone, lru, 0);
    }

    /** {@code page_lru()}: which list the page belongs on, from {@code PG_swapbacked} and {@code PG_active}. */
    public int pageLru(int pfn) {
        Pages p = pages;
        int base = p.pageFlag(pfn, PageFlag.SWAPBACKED) ? LRU_INACTIVE_ANON : LRU_INACTIVE_FILE;
        return base + (p.pageFlag(pfn, PageFlag.ACTIVE) ? 1 : 0);
    }

    private int zoneOf(int pfn) {
        return zones.zoneOf(pfn);
    }

    /**
     * {@code lru_cache_add(page)} (mm/swap.c): puts a page not yet on the LRU onto its list.
     * Context: caller holds a reference; takes {@code lru_lock}.
     */
    public void lruCacheAdd(int pfn) {
        current.acquiring(LockClass.LRU_LOCK);
        Pages p = pages;
        p.setPageFlag(pfn, PageFlag.LRU);
        lists.addHead(head(zoneOf(pfn), pageLru(pfn)), pfn);
    }

    /** {@code lru_cache_add_active_or_unevictable(page, vma)}: a new mapped page starts active. */
    public void lruCacheAddActive(int pfn) {
        pages.setPageFlag(pfn, PageFlag.ACTIVE);
        lruCacheAdd(pfn);
    }

    /** {@code lru_to_page(head)}: the page at the tail of a list, or -1. */
    public int lruToPage(int head) {
        return lists.last(head);
    }

    /** {@code del_page_from_lru_list()} with {@code __ClearPageLRU}/{@code __ClearPageActive}. Context: {@code lru_lock}. */
    public void delPageFromLru(int pfn) {
        current.acquiring(LockClass.LRU_LOCK);
        Pages p = pages;
        lists.remove(head(zoneOf(pfn), pageLru(pfn)), pfn);
        p.clearPageFlag(pfn, PageFlag.LRU);
        p.clearPageFlag(pfn, PageFlag.ACTIVE);
    }

    /**
     * {@code __isolate_lru_page()} + list removal: takes a page off its LRU list with a reference,
     * unless it is being freed. Returns false if the page could not be isolated. Context: {@code lru_lock}.
     */
    public boolean isolate(int pfn) {
        Pages p = pages;
        if (!p.pageFlag(pfn, PageFlag.LRU) || !p.getPageUnlessZero(pfn)) {
            return false;
        }
        lists.remove(head(zoneOf(pfn), pageLru(pfn)), pfn);
        p.clearPageFlag(pfn, PageFlag.LRU);
        return true;
    }

    /**
     * {@code putback_lru_page()}: puts an isolated page back on its list (active or inactive per
     * {@code PG_active}) and drops the isolation reference. Context: takes {@code lru_lock}.
     */
    public void putback(int pfn) {
        current.acquiring(LockClass.LRU_LOCK);
        Pages p = pages;
        p.setPageFlag(pfn, PageFlag.LRU);
        lists.addHead(head(zoneOf(pfn), pageLru(pfn)), pfn);
        putPage(pfn);
    }

    /**
     * {@code mark_page_accessed()} (mm/swap.c): inactive, referenced pages are activated; otherwise
     * {@code PG_referenced} is set.
     */
    public void markPageAccessed(int pfn) {
        Pages p = pages;
        if (!p.pageFlag(pfn, PageFlag.ACTIVE) && p.pageFlag(pfn, PageFlag.REFERENCED) && p.pageFlag(pfn, PageFlag.LRU)) {
            lists.remove(head(zoneOf(pfn), pageLru(pfn)), pfn);
            p.setPageFlag(pfn, PageFlag.ACTIVE);
            lists.addHead(head(zoneOf(pfn), pageLru(pfn)), pfn);
            p.clearPageFlag(pfn, PageFlag.REFERENCED);
        } else if (!p.pageFlag(pfn, PageFlag.REFERENCED)) {
            p.setPageFlag(pfn, PageFlag.REFERENCED);
        }
    }

    /**
     * {@code deactivate_page()} → {@code lru_deactivate_fn()} (mm/swap.c): an active page on an LRU list
     * moves to the head of the inactive list of its type, losing {@code PG_active} and
     * {@code PG_referenced}; any other page is left alone. Context: takes {@code lru_lock}.
     */
    public void deactivatePage(int pfn) {
        Pages p = pages;
        if (!p.pageFlag(pfn, PageFlag.LRU) || !p.pageFlag(pfn, PageFlag.ACTIVE)) {
            return;
        }
        current.acquiring(LockClass.LRU_LOCK);
        lists.remove(head(zoneOf(pfn), pageLru(pfn)), pfn);
        p.clearPageFlag(pfn, PageFlag.ACTIVE);
        p.clearPageFlag(pfn, PageFlag.REFERENCED);
        lists.addHead(head(zoneOf(pfn), pageLru(pfn)), pfn);
    }

    /**
     * {@code mark_page_lazyfree()} → {@code lru_lazyfree_fn()} (mm/swap.c, Linux 4.12): an anonymous page
     * given up with {@code MADV_FREE} — on an LRU list, swap-backed, not in the swap cache — loses
     * {@code PG_active}, {@code PG_referenced} and {@code PG_swapbacked} and moves to the inactive file
     * list, where reclaim may drop it without writing it anywhere. Context: the caller holds a reference;
     * takes {@code lru_lock}.
     */
    public void markPageLazyfree(int pfn) {
        current.acquiring(LockClass.LRU_LOCK);
        Pages p = pages;
        if (!p.pageFlag(pfn, PageFlag.LRU) || !p.pageAnon(pfn) || !p.pageFlag(pfn, PageFlag.SWAPBACKED)
                || p.pageFlag(pfn, PageFlag.SWAPCACHE)) {
            return;
        }
        lists.remove(head(zoneOf(pfn), pageLru(pfn)), pfn);
        p.clearPageFlag(pfn, PageFlag.ACTIVE);
        p.clearPageFlag(pfn, PageFlag.REFERENCED);
        p.clearPageFlag(pfn, PageFlag.SWAPBACKED);
        lists.addHead(head(zoneOf(pfn), LRU_INACTIVE_FILE), pfn);
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
     * {@code pagevec_move_tail_fn()} (mm/swap.c): a page that finished write-back for reclaim
     * ({@code PG_reclaim}) moves to the tail of its inactive list, where reclaim looks first. Context:
     * the caller holds a reference; takes {@code lru_lock}.
     */
    public void moveToTail(int pfn) {
        current.acquiring(LockClass.LRU_LOCK);
        Pages p = pages;
        if (!p.pageFlag(pfn, PageFlag.LRU)) {
            return;
        }
        lists.remove(head(zoneOf(pfn), pageLru(pfn)), pfn);
        p.clearPageFlag(pfn, PageFlag.ACTIVE);
        lists.addTail(head(zoneOf(pfn), pageLru(pfn)), pfn);
    }

    /**
     * {@code put_page()} (include/linux/mm.h, mm/swap.c {@code __put_page}): drops a reference — the
     * compound head's, for a tail page; the last one frees the page (off the LRU first, under
     * {@code lru_lock}; a compound page as a whole, {@code __put_compound_page}), back to the buddy allocator.
     *
     * @throws Oops on a free page, or when the freed page is in a bad state
     */
    public void putPage(int pfn) {
        int head = pages.compoundHead(pfn);
        if (pages.putPageTestzero(head)) {
            if (pages.pageFlag(head, PageFlag.HEAD)) {
                // __put_compound_page() -> free_compound_page(): the whole block goes
                freePath.freePagesOk(head, compound.compoundOrder(head));
                return;
            }
            putSinglePage(head);
        }
    }

    /** {@code page_cache_release()} (Linux 4.x include/linux/pagemap.h): {@code put_page()}. */
    public void pageCacheRelease(int pfn) {
        putPage(pfn);
    }

    /**
     * {@code __put_single_page()}: the last reference is gone; take the page off the LRU
     * ({@code __page_cache_release}, under {@code lru_lock}) and free it.
     */
    public void putSinglePage(int pfn) {
        if (pages.pageFlag(pfn, PageFlag.LRU)) {
            delPageFromLru(pfn);
        }
        freePath.freePagesOk(pfn, 0);
    }
}
