package org.mmspec.ref.lru;

import org.mmspec.ref.mem.CompoundPages;
import org.mmspec.ref.mem.FreePath;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.PageLists;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.mem.Zones;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;
import org.mmspec.ref.state.ScopedLock;
import org.mmspec.ref.sync.Current;
import org.mmspec.ref.sync.LockClass;

/**
 * The LRU lists: inactive/active × anon/file per zone (mm/swap.c, include/linux/mm_inline.h), and the
 * release of a page's last reference ({@code put_page}), which takes the page off its list before it
 * goes back to the page allocator. New pages go to the head; reclaim takes from the tail
 * ({@code lru_to_page}). The per-cpu pagevecs that batch LRU insertion in the kernel are not modelled:
 * pages are added as if the pagevec were drained at once. {@code lru_lock} is taken and released
 * inside single steps. Mlocked pages live on a fifth list, the unevictable one (mm/mlock.c,
 * Documentation/vm/unevictable-lru.txt): {@code PG_unevictable} marks a page on it.
 */
public final class Lru {

    /** {@code LRU_ACTIVE}: an inactive list's index plus this is its active list's. */
    public static final int LRU_ACTIVE = 1;
    public static final int LRU_INACTIVE_ANON = 0;
    public static final int LRU_ACTIVE_ANON = 1;
    public static final int LRU_INACTIVE_FILE = 2;
    public static final int LRU_ACTIVE_FILE = 3;
    /** Pages reclaim must not evict (mlocked), off the four evictable lists (Linux 2.6.28+). */
    public static final int LRU_UNEVICTABLE = 4;
    private static final String[] NAMES = {"inactive_anon", "active_anon", "inactive_file", "active_file",
        "unevictable"};

    private final Layout l;
    private final Mem m;
    private final PageLists lists;
    private final Pages pages;
    private final CompoundPages compound;
    private final Zones zones;
    private final FreePath freePath;
    private final Current current;
    private final LruMoves moves;

    public Lru(Layout l, Mem m, PageLists lists, Pages pages, CompoundPages compound, Zones zones, FreePath freePath,
            Current current) {
        this.l = l;
        this.m = m;
        this.lists = lists;
        this.pages = pages;
        this.compound = compound;
        this.zones = zones;
        this.freePath = freePath;
        this.current = current;
        this.moves = new LruMoves(this, m, lists, pages);
    }

    public static String name(int lru) {
        return NAMES[lru];
    }

    /** The list head of {@code lru} in {@code zone}. */
    public int head(int zone, int lru) {
        return l.lru(zone, lru, 0);
    }

    /**
     * {@code page_lru()}: which list the page belongs on, from {@code PG_unevictable}, {@code PG_swapbacked}
     * and {@code PG_active}.
     */
    public int pageLru(int pfn) {
        Pages p = pages;
        if (p.pageFlag(pfn, PageFlag.UNEVICTABLE)) {
            return LRU_UNEVICTABLE;
        }
        int base = p.pageFlag(pfn, PageFlag.SWAPBACKED) ? LRU_INACTIVE_ANON : LRU_INACTIVE_FILE;
        return base + (p.pageFlag(pfn, PageFlag.ACTIVE) ? 1 : 0);
    }

    private int zoneOf(int pfn) {
        return zones.zoneOf(pfn);
    }

    /** {@code spin_lock_irq(zone_lru_lock(zone))}: held only inside the step (an event for the audit). */
    public void lock(int zone) {
        current.acquiring(LockClass.LRU_LOCK);
        m.lockScoped(ScopedLock.LRU_LOCK, zone);
        current.lruLock(1);
    }

    /** {@code spin_unlock_irq(zone_lru_lock(zone))}. */
    public void unlock(int zone) {
        m.unlockScoped(ScopedLock.LRU_LOCK, zone);
        current.lruLock(-1);
    }

    /** The zone of a page, for its LRU lock. */
    public int zoneOfPage(int pfn) {
        return zoneOf(pfn);
    }

    /**
     * {@code lru_cache_add(page)} (mm/swap.c): puts a page not yet on the LRU onto its list, as if the
     * per-cpu pagevec were drained at once: under {@code lru_lock}, {@code SetPageLRU} and the list insertion.
     * Context: caller holds a reference.
     */
    public void lruCacheAdd(int pfn) {
        int zone = zoneOf(pfn);
        lock(zone);
        pages.setPageFlag(pfn, PageFlag.LRU);
        lists.addHead(head(zone, pageLru(pfn)), pfn);
        unlock(zone);
    }

    /**
     * {@code lru_cache_add_active_or_unevictable(page, vma)}: a new mapped page starts active. Context: the
     * page is not yet published.
     */
    public void lruCacheAddActive(int pfn) {
        pages.setPageFlag(pfn, PageFlag.ACTIVE);
        lruCacheAdd(pfn);
    }

    /**
     * {@code lru_cache_add_active_or_unevictable(page, vma)} (mm/swap.c, Linux 4.9): a new page mapped into
     * a {@code VM_LOCKED} VMA is mlocked ({@code TestSetPageMlocked}) and goes to the unevictable list; any
     * other starts active. Context: the page is not yet published; the PTE lock.
     */
    public void lruCacheAddActiveOrUnevictable(int pfn, boolean vmLocked) {
        if (!vmLocked) {
            lruCacheAddActive(pfn);
            return;
        }
        pages.testSetPageFlag(pfn, PageFlag.MLOCKED);
        addPageToUnevictableList(pfn);
    }

    /**
     * {@code add_page_to_unevictable_list()} (mm/swap.c): under {@code lru_lock}, {@code ClearPageActive},
     * {@code SetPageUnevictable}, {@code SetPageLRU} and the list insertion. Context: the page is off the
     * LRU, with a reference held.
     */
    public void addPageToUnevictableList(int pfn) {
        int zone = zoneOf(pfn);
        lock(zone);
        Pages p = pages;
        p.clearPageFlag(pfn, PageFlag.ACTIVE);
        p.setPageFlag(pfn, PageFlag.UNEVICTABLE);
        p.setPageFlag(pfn, PageFlag.LRU);
        lists.addHead(head(zone, LRU_UNEVICTABLE), pfn);
        unlock(zone);
    }

    /**
     * The evictable branch of {@code putback_lru_page()}: under {@code lru_lock}, {@code ClearPageUnevictable}
     * (the kernel clears it a moment before, on the isolated page nobody else looks at) and
     * {@code lru_cache_add} with the pagevec drained at once. Context: the page is off the LRU, with a
     * reference held.
     */
    public void addPageToEvictableList(int pfn) {
        int zone = zoneOf(pfn);
        lock(zone);
        pages.clearPageFlag(pfn, PageFlag.UNEVICTABLE);
        pages.setPageFlag(pfn, PageFlag.LRU);
        lists.addHead(head(zone, pageLru(pfn)), pfn);
        unlock(zone);
    }

    /**
     * {@code page_evictable(page)} (mm/vmscan.c): not mlocked ({@code PageMlocked}, a racy test; no
     * {@code AS_UNEVICTABLE} mappings are modelled).
     */
    public boolean pageEvictable(int pfn) {
        return !pages.pageFlag(pfn, PageFlag.MLOCKED);
    }

    /** {@code lru_to_page(head)}: the page at the tail of a list, or -1. Context: {@code lru_lock}. */
    public int lruToPage(int head) {
        return lists.last(head);
    }

    /**
     * {@code __ClearPageLRU} and {@code del_page_from_lru_list()} with {@code page_off_lru()}'s
     * {@code __ClearPageUnevictable} or {@code __ClearPageActive}. Context: {@code lru_lock}; the page's last
     * reference is gone.
     */
    public void delPageFromLru(int pfn) {
        lists.remove(head(zoneOf(pfn), pageLru(pfn)), pfn);
        pages.clearPageFlag(pfn, PageFlag.LRU);
        if (pages.pageFlag(pfn, PageFlag.UNEVICTABLE)) {
            pages.clearPageFlag(pfn, PageFlag.UNEVICTABLE);
        } else {
            pages.clearPageFlag(pfn, PageFlag.ACTIVE);
        }
    }

    /**
     * {@code __isolate_lru_page()} + list removal: takes a page off its LRU list with a reference
     * ({@code get_page_unless_zero}), unless it is being freed. Returns false if the page could not be
     * isolated. Context: {@code lru_lock}.
     */
    public boolean isolate(int pfn) {
        Pages p = pages;
        if (!p.pageFlag(pfn, PageFlag.LRU) || !p.refs().getPageUnlessZero(pfn)) {
            return false;
        }
        lists.remove(head(zoneOf(pfn), pageLru(pfn)), pfn);
        p.clearPageFlag(pfn, PageFlag.LRU);
        return true;
    }

    /**
     * {@code isolate_lru_page(page)} (mm/vmscan.c): under {@code lru_lock}, {@link #isolate}. (Its lockless
     * {@code PageLRU} pre-check only short-cuts the locked test, and is left out.) Returns whether the page
     * was isolated. Context: the caller holds a reference.
     */
    public boolean isolateLruPage(int pfn) {
        int zone = zoneOf(pfn);
        lock(zone);
        boolean isolated = isolate(pfn);
        unlock(zone);
        return isolated;
    }

    /** {@link #isolateTail}: the list was empty. */
    public static final int EMPTY = -1;
    /** {@link #isolateTail}: the tail page was being freed; it was rotated to the head. */
    public static final int BUSY = -2;

    /**
     * {@code isolate_lru_pages()} of one page under {@code lru_lock}: the page at the tail of list
     * {@code lru} of {@code zone} is isolated ({@link #isolate}), or — being freed — rotated to the head
     * ({@code list_move}). Returns the pfn, {@link #EMPTY} or {@link #BUSY}.
     */
    public int isolateTail(int zone, int lru) {
        lock(zone);
        int list = head(zone, lru);
        int pfn = lruToPage(list);
        int result = pfn;
        if (pfn < 0) {
            result = EMPTY;
        } else if (!isolate(pfn)) {
            lists.remove(list, pfn);
            lists.addHead(list, pfn);
            result = BUSY;
        }
        unlock(zone);
        return result;
    }

    /**
     * The per-page body of {@code putback_inactive_pages()} / {@code move_active_pages_to_lru()} under
     * {@code lru_lock}: back on its list ({@code SetPageLRU}, {@code add_page_to_lru_list}) and the isolation
     * reference dropped ({@code put_page_testzero}); if that was the last, off the list again
     * ({@code __ClearPageLRU}, {@code __ClearPageActive}, {@code del_page_from_lru_list}). Returns whether
     * it was the last reference: the caller frees the page ({@code free_hot_cold_page_list}) next.
     */
    public boolean putbackIsolated(int pfn) {
        int zone = zoneOf(pfn);
        lock(zone);
        pages.setPageFlag(pfn, PageFlag.LRU);
        lists.addHead(head(zone, pageLru(pfn)), pfn);
        boolean last = pages.refs().putPageTestzero(pfn);
        if (last) {
            delPageFromLru(pfn);
        }
        unlock(zone);
        return last;
    }

    /** The LRU moves a page's use or its user's advice cause ({@code activate_page} and the other pagevec functions). */
    public LruMoves moves() {
        return moves;
    }

    /**
     * {@code put_page()} (include/linux/mm.h, mm/swap.c {@code __put_page}) in one go: drops a reference —
     * the compound head's, for a tail page; the last one frees the page (off the LRU first, under {@code
     * lru_lock}; a compound page as a whole, {@code __put_compound_page}), back to the buddy allocator. For
     * sequential callers and pages nobody else can see; steps use {@code pageref.PutPage}, which takes these
     * actions one at a time.
     *
     * @throws Oops on a free page, or when the freed page is in a bad state
     */
    public void putPage(int pfn) {
        int head = pages.compoundHead(pfn);
        if (pages.refs().putPageTestzero(head)) {
            if (pages.pageFlag(head, PageFlag.HEAD)) {
                freePath.freePagesOk(head, compound.compoundOrder(head));
                return;
            }
            putSinglePage(head);
        }
    }

    /** The order of the block a freed page heads: a compound page's, else 0 ({@code __put_compound_page}). */
    public int freedOrder(int head) {
        return pages.pageFlag(head, PageFlag.HEAD) ? compound.compoundOrder(head) : 0;
    }

    /** {@code page_cache_release()} (Linux 4.x include/linux/pagemap.h): {@code put_page()}. */
    public void pageCacheRelease(int pfn) {
        putPage(pfn);
    }

    /**
     * {@code __page_cache_release()}: the last reference is gone; if the page is on an LRU list, take it
     * off under {@code lru_lock}. Returns whether it was on one.
     */
    public boolean pageCacheReleaseLru(int pfn) {
        if (!pages.pageFlag(pfn, PageFlag.LRU)) {
            return false;
        }
        int zone = zoneOf(pfn);
        lock(zone);
        delPageFromLru(pfn);
        unlock(zone);
        return true;
    }

    /** {@code __put_single_page()}: off the LRU ({@code __page_cache_release}) and freed. */
    public void putSinglePage(int pfn) {
        pageCacheReleaseLru(pfn);
        freePath.freePagesOk(pfn, 0);
    }
}
