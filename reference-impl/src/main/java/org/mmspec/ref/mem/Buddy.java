package org.mmspec.ref.mem;

import static org.mmspec.ref.state.Layout.PG_MAPCOUNT;
import static org.mmspec.ref.state.Layout.PG_PRIVATE;

import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;
import org.mmspec.ref.state.ScopedLock;
import org.mmspec.ref.sync.Current;
import org.mmspec.ref.sync.LockClass;

/**
 * The buddy allocator's free areas (mm/page_alloc.c): per zone and order a list of free blocks, linked
 * through {@code page->lru} of each block's first page, which carries {@code PageBuddy} and its order
 * in {@code page_private}. Context: {@code zone->lock} (taken and released inside one step here, so
 * no other thread can observe it held).
 */
public final class Buddy {

    private final Config c;
    private final Layout l;
    private final Mem m;
    private final PageLists lists;
    private final Current current;
    private final Pages pages;
    private final Zones zones;

    public Buddy(Config c, Layout l, Mem m, PageLists lists, Pages pages, Zones zones, Current current) {
        this.c = c;
        this.l = l;
        this.m = m;
        this.lists = lists;
        this.current = current;
        this.pages = pages;
        this.zones = zones;
    }

    /** The zone a frame belongs to. */
    public int zoneOf(int pfn) {
        return zones.zoneOf(pfn);
    }

    /** {@code spin_lock(&zone->lock)}: held only inside the step (an event for the audit). */
    public void zoneLock(int zone) {
        current.acquiring(LockClass.ZONE_LOCK);
        m.lockScoped(ScopedLock.ZONE_LOCK, zone);
    }

    /** {@code spin_unlock(&zone->lock)}. */
    public void zoneUnlock(int zone) {
        m.unlockScoped(ScopedLock.ZONE_LOCK, zone);
    }

    /** The list head of {@code free_area[order]} of a zone ({@link Zones#freeArea}). */
    public int freeArea(int zone, int order) {
        return zones.freeArea(zone, order);
    }

    /** {@code zone->free_area[order].nr_free} ({@link Zones#nrFree}). */
    public int nrFree(int zone, int order) {
        return zones.nrFree(zone, order);
    }

    /** Pages in the zone's free lists: the true free count ({@link Zones#freePagesInLists}). */
    public int freePagesInLists(int zone) {
        return zones.freePagesInLists(zone);
    }

    /** {@code page_order()} of a free block head. */
    public int pageOrder(int pfn) {
        return m.get(l.page(pfn, PG_PRIVATE));
    }

    /** {@code page_is_buddy()}: {@code buddy} heads a free block of exactly {@code order} in the same zone. */
    boolean pageIsBuddy(int pfn, int buddy, int order) {
        return buddy >= 0 && buddy < c.nrPages() && zones.zoneOf(buddy) == zones.zoneOf(pfn)
                && isBuddyHead(buddy) && pageOrder(buddy) == order;
    }

    /** {@code PageBuddy()}, read by the allocator itself (under the zone lock, of pages nobody holds). */
    private boolean isBuddyHead(int pfn) {
        return m.get(l.page(pfn, PG_MAPCOUNT)) == Pages.PAGE_BUDDY_MAPCOUNT_VALUE;
    }

    private void setPageOrder(int pfn, int order) {
        m.set(l.page(pfn, PG_PRIVATE), order);
        m.set(l.page(pfn, PG_MAPCOUNT), Pages.PAGE_BUDDY_MAPCOUNT_VALUE);
    }

    private void rmvPageOrder(int pfn) {
        m.set(l.page(pfn, PG_PRIVATE), 0);
        m.set(l.page(pfn, PG_MAPCOUNT), -1);
    }

    /**
     * {@code __free_one_page()} (mm/page_alloc.c): returns a block to the free lists, merging it with
     * its buddy while the buddy is free at the same order. If the buddy of the merged block at the next
     * order is free, the block goes to the tail (it is likely to merge soon). Context: zone lock.
     */
    public void freeOnePage(int pfn, int order, int cpu) {
        int zone = zones.zoneOf(pfn);
        zones.modFreePages(zone, 1 << order, cpu);
        while (order < c.maxOrder() - 1) {
            int buddy = pfn ^ (1 << order);
            if (!pageIsBuddy(pfn, buddy, order)) {
                break;
            }
            lists.remove(freeArea(zone, order), buddy);
            rmvPageOrder(buddy);
            pfn &= buddy;
            order++;
        }
        setPageOrder(pfn, order);
        boolean tail = false;
        if (order < c.maxOrder() - 2) {
            int combined = pfn & (pfn ^ (1 << order));
            int higherBuddy = combined ^ (1 << (order + 1));
            tail = pageIsBuddy(combined, higherBuddy, order + 1);
        }
        if (tail) {
            lists.addTail(freeArea(zone, order), pfn);
        } else {
            lists.addHead(freeArea(zone, order), pfn);
        }
    }

    /**
     * {@code __rmqueue_smallest()} with {@code expand()} (mm/page_alloc.c): takes the first block of the
     * smallest order that can serve {@code order}, splitting off the upper halves back onto the free
     * lists. Returns the first pfn, or -1. Context: zone lock.
     */
    public int rmqueueSmallest(int zone, int order, int cpu) {
        for (int current = order; current < c.maxOrder(); current++) {
            int head = freeArea(zone, current);
            int pfn = lists.first(head);
            if (pfn < 0) {
                continue;
            }
            lists.remove(head, pfn);
            rmvPageOrder(pfn);
            expand(zone, pfn, order, current);
            zones.modFreePages(zone, -(1 << order), cpu);
            return pfn;
        }
        return -1;
    }

    private void expand(int zone, int pfn, int low, int high) {
        int size = 1 << high;
        while (high > low) {
            high--;
            size >>= 1;
            setPageOrder(pfn + size, high);
            lists.addHead(freeArea(zone, high), pfn + size);
        }
    }

    /** Whether {@code pfn} lies inside a free block (the head or a tail page of one). */
    public boolean isFree(int pfn) {
        int zone = zones.zoneOf(pfn);
        for (int o = 0; o < c.maxOrder(); o++) {
            int head = pfn & ~((1 << o) - 1);
            if (zones.zoneOf(head) == zone && isBuddyHead(head) && pageOrder(head) == o) {
                return true;
            }
        }
        return false;
    }
}
