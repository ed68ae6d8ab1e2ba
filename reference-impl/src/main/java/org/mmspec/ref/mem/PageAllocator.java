package org.mmspec.ref.mem;

import org.mmspec.ref.state.Config;
import org.mmspec.ref.sync.Current;

/**
 * The page allocator's building blocks (mm/page_alloc.c): {@code get_page_from_freelist} and
 * {@code prep_new_page}, and the allocation paths that never sleep. The full
 * {@code __alloc_pages_nodemask} with direct reclaim is the step machine {@code alloc.AllocPages}, built
 * from these.
 */
public final class PageAllocator {

    private final Config c;
    private final Pages pages;
    private final CompoundPages compound;
    private final Zones zones;
    private final Buddy buddy;
    private final Current current;

    public PageAllocator(Config c, Pages pages, CompoundPages compound, Zones zones, Buddy buddy, Current current) {
        this.c = c;
        this.pages = pages;
        this.compound = compound;
        this.zones = zones;
        this.buddy = buddy;
        this.current = current;
    }

    /**
     * {@code get_page_from_freelist()}: walks the zonelist (highest zone first), and in the first zone
     * whose watermark check passes takes a block from the buddy lists ({@code rmqueue}, under the zone
     * lock). The step machine {@code AllocPages} takes the lockless check and the dequeue as separate
     * steps; here, for callers that cannot be interleaved, they run back to back. Returns the pfn or -1.
     */
    public int getPageFromFreelist(int gfp, int order, int allocFlags) {
        for (int zone = c.nrZones() - 1; zone >= 0; zone--) {
            if (zoneWatermarkCheck(zone, order, allocFlags)) {
                int pfn = rmqueue(zone, order, gfp);
                if (pfn >= 0) {
                    return pfn;
                }
            }
        }
        return -1;
    }

    /**
     * The watermark check of {@code get_page_from_freelist()} for one zone (lockless; see
     * {@link Zones#allocatorWatermarkOk}); {@code ALLOC_NO_WATERMARKS} passes.
     */
    public boolean zoneWatermarkCheck(int zone, int order, int allocFlags) {
        if ((allocFlags & Gfp.ALLOC_NO_WATERMARKS) != 0) {
            return true;
        }
        int mark = zones.wmarkPages(zone, allocFlags & Gfp.ALLOC_WMARK_MASK);
        return zones.allocatorWatermarkOk(zone, order, mark, allocFlags, current.tid());
    }

    /**
     * {@code buffered_rmqueue()}: under the zone lock, takes a block from the buddy lists and prepares it.
     * Returns the pfn or -1 when the zone has no block that large any more.
     */
    public int rmqueue(int zone, int order, int gfp) {
        buddy.zoneLock(zone);
        int pfn = buddy.rmqueueSmallest(zone, order, current.cpu());
        buddy.zoneUnlock(zone);
        if (pfn >= 0) {
            prepNewPage(pfn, order, gfp);
        }
        return pfn;
    }

    /**
     * {@code prep_new_page()}: the block's first page gets a reference; {@code __GFP_ZERO} clears it;
     * with {@code __GFP_COMP} a block of order &gt; 0 becomes a compound page ({@code prep_compound_page}).
     */
    void prepNewPage(int pfn, int order, int gfp) {
        current.ownZeroCount(pfn, order);
        Pages p = pages;
        p.setPageCount(pfn, 1);
        for (int i = 0; i < (1 << order); i++) {
            p.setFlags(pfn + i, 0);
            p.setData(pfn + i, 0);
        }
        if ((gfp & Gfp.__GFP_COMP) != 0 && order > 0) {
            compound.prepCompoundPage(pfn, order);
        }
    }

    /** {@code wake_all_kswapds()}: every zone's kswapd gets work (sequential callers; see {@code WakeupKswapd}). */
    public void wakeAllKswapds() {
        for (int zone = 0; zone < c.nrZones(); zone++) {
            zones.requestKswapd(zone);
            zones.wakeUpKswapdWait(zone);
        }
    }

    /**
     * The allocation path without direct reclaim: the fast path at the low watermark, then (waking
     * kswapd if the GFP flags allow) the slow path at the min watermark with the reserves the flags
     * grant. Returns the pfn or -1. Context: any, never sleeps.
     */
    public int allocPagesNoReclaim(int gfp, int order) {
        int pfn = getPageFromFreelist(gfp, order, Gfp.ALLOC_WMARK_LOW);
        if (pfn >= 0) {
            return pfn;
        }
        if ((gfp & Gfp.__GFP_KSWAPD_RECLAIM) != 0) {
            wakeAllKswapds();
        }
        return getPageFromFreelist(gfp, order, Gfp.gfpToAllocFlags(gfp));
    }
}
