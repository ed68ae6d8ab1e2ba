package org.mmspec.ref.lru;

import org.mmspec.ref.Kernel;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.PageLists;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.sync.LockClass;

/**
 * The LRU lists: inactive/active × anon/file per zone (mm/swap.c, include/linux/mm_inline.h). New
 * pages go to the head; reclaim takes from the tail ({@code lru_to_page}). The per-cpu pagevecs that
 * batch LRU insertion in the kernel are not modelled: pages are added as if the pagevec were drained
 * at once. {@code lru_lock} is taken and released inside single steps.
 */
public final class Lru {

    public static final int LRU_INACTIVE_ANON = 0;
    public static final int LRU_ACTIVE_ANON = 1;
    public static final int LRU_INACTIVE_FILE = 2;
    public static final int LRU_ACTIVE_FILE = 3;
    private static final String[] NAMES = {"inactive_anon", "active_anon", "inactive_file", "active_file"};

    private final Kernel k;
    private final Layout l;
    private final PageLists lists;

    public Lru(Kernel k) {
        this.k = k;
        this.l = k.layout();
        this.lists = k.lists();
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
        Pages p = k.pages();
        int base = p.pageFlag(pfn, PageFlag.SWAPBACKED) ? LRU_INACTIVE_ANON : LRU_INACTIVE_FILE;
        return base + (p.pageFlag(pfn, PageFlag.ACTIVE) ? 1 : 0);
    }

    private int zoneOf(int pfn) {
        return k.zones().zoneOf(pfn);
    }

    /**
     * {@code lru_cache_add(page)} (mm/swap.c): puts a page not yet on the LRU onto its list.
     * Context: caller holds a reference; takes {@code lru_lock}.
     */
    public void lruCacheAdd(int pfn) {
        k.ctx().acquiring(LockClass.LRU_LOCK);
        Pages p = k.pages();
        p.setPageFlag(pfn, PageFlag.LRU);
        lists.addHead(head(zoneOf(pfn), pageLru(pfn)), pfn);
    }

    /** {@code lru_cache_add_active_or_unevictable(page, vma)}: a new mapped page starts active. */
    public void lruCacheAddActive(int pfn) {
        k.pages().setPageFlag(pfn, PageFlag.ACTIVE);
        lruCacheAdd(pfn);
    }

    /** {@code lru_to_page(head)}: the page at the tail of a list, or -1. */
    public int lruToPage(int head) {
        return lists.last(head);
    }

    /** {@code del_page_from_lru_list()} with {@code __ClearPageLRU}/{@code __ClearPageActive}. Context: {@code lru_lock}. */
    public void delPageFromLru(int pfn) {
        k.ctx().acquiring(LockClass.LRU_LOCK);
        Pages p = k.pages();
        lists.remove(head(zoneOf(pfn), pageLru(pfn)), pfn);
        p.clearPageFlag(pfn, PageFlag.LRU);
        p.clearPageFlag(pfn, PageFlag.ACTIVE);
    }

    /**
     * {@code __isolate_lru_page()} + list removal: takes a page off its LRU list with a reference,
     * unless it is being freed. Returns false if the page could not be isolated. Context: {@code lru_lock}.
     */
    public boolean isolate(int pfn) {
        Pages p = k.pages();
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
        k.ctx().acquiring(LockClass.LRU_LOCK);
        Pages p = k.pages();
        p.setPageFlag(pfn, PageFlag.LRU);
        lists.addHead(head(zoneOf(pfn), pageLru(pfn)), pfn);
        p.putPage(pfn);
    }

    /**
     * {@code mark_page_accessed()} (mm/swap.c): inactive, referenced pages are activated; otherwise
     * {@code PG_referenced} is set.
     */
    public void markPageAccessed(int pfn) {
        Pages p = k.pages();
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
        Pages p = k.pages();
        if (!p.pageFlag(pfn, PageFlag.LRU) || !p.pageFlag(pfn, PageFlag.ACTIVE)) {
            return;
        }
        k.ctx().acquiring(LockClass.LRU_LOCK);
        lists.remove(head(zoneOf(pfn), pageLru(pfn)), pfn);
        p.clearPageFlag(pfn, PageFlag.ACTIVE);
        p.clearPageFlag(pfn, PageFlag.REFERENCED);
        lists.addHead(head(zoneOf(pfn), pageLru(pfn)), pfn);
    }
}
