package org.mmspec.ref.alloc;

import org.mmspec.ref.bio.Bios;
import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.mem.PageAllocator;
import org.mmspec.ref.mem.Zones;
import org.mmspec.ref.reclaim.FreePagesEstimate;
import org.mmspec.ref.reclaim.ShrinkZone;
import org.mmspec.ref.reclaim.WakeupKswapd;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.sync.BlockKind;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code __alloc_pages_nodemask(gfp_mask, order, zonelist, nodemask)} (mm/page_alloc.c), which
 * {@code alloc_pages()} and {@code __get_free_pages()} call. {@code get_page_from_freelist()} walks
 * the zones (highest first): a lockless watermark check, then — a separate step, under the zone lock
 * — {@code rmqueue}, which may find the zone emptied meanwhile. The fast path checks the low
 * watermark; the slow path wakes kswapd and checks the min watermark with the reserves the GFP flags
 * grant ({@code GFP_ATOMIC} may dip below min); if the flags allow blocking, direct reclaim runs on
 * each zone and the allocation is tried once more. If that fails while reclaim's writes are in flight,
 * the allocator waits for them ({@code congestion_wait()}/{@code wait_iff_congested()}, which 4.x
 * bounds with a timeout; the model waits until the request queue is empty) and reclaims once more
 * ({@code should_reclaim_retry()}, one retry in the model). There is no OOM killer in the model: a
 * failed allocation returns -1 ({@code NULL}). Context: may sleep only with {@code __GFP_DIRECT_RECLAIM}.
 *
 * <p>Arguments: gfp, order. Returns the pfn of the block, or -1.
 */
public final class AllocPages extends Procedure {

    private static final int GFP = 0;
    private static final int ORDER = 1;
    /** Zone being tried, + 1 (0 = start from the top of the zonelist). */
    private static final int ZONE = 2;
    private static final int ALLOC_FLAGS = 3;
    /** 0 fast path, 1 slow path, 2 after direct reclaim, 3 after the retry. */
    private static final int STAGE = 4;
    /** Ghost: the true free count when this zone's estimate began. */
    private static final int TRUTH = 5;
    /** The order whose free list the high-order watermark check looks at next. */
    private static final int SCAN_ORDER = 6;

    private static final int CHECK = 0;
    private static final int TAKE = 1;
    private static final int SLOWPATH = 2;
    private static final int RECLAIM = 3;
    private static final int RECLAIMED = 4;
    private static final int CHECKED = 5;
    private static final int WAKE_KSWAPD = 6;
    private static final int ORDER_SCAN = 7;
    private static final int CONGESTION_WAIT = 8;

    private final Config config;
    private final PageAllocator pageAllocator;
    private final Zones zones;
    private final FreePagesEstimate freePagesEstimate;
    private final WakeupKswapd wakeupKswapd;
    private final Bios bios;
    private final ShrinkZone shrinkZone;

    public AllocPages(Config config, PageAllocator pageAllocator, Zones zones, FreePagesEstimate freePagesEstimate,
            WakeupKswapd wakeupKswapd, Bios bios, ShrinkZone shrinkZone) {
        super("__alloc_pages_nodemask", "get_page_from_freelist", "rmqueue", "__alloc_pages_slowpath",
                "__alloc_pages_direct_reclaim", "try_to_free_pages:done", "zone_watermark_ok", "wake_all_kswapds",
                "__zone_watermark_ok:free_area[o].nr_free", "congestion_wait");
        this.config = config;
        this.pageAllocator = pageAllocator;
        this.zones = zones;
        this.freePagesEstimate = freePagesEstimate;
        this.wakeupKswapd = wakeupKswapd;
        this.bios = bios;
        this.shrinkZone = shrinkZone;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int gfp = c.local(GFP);
        int order = c.local(ORDER);
        PageAllocator a = pageAllocator;
        int top = config.nrZones();
        switch (pc) {
            case CHECK -> {
                if (c.local(STAGE) == 0 && c.local(ZONE) == 0 && c.local(ALLOC_FLAGS) == 0) {
                    c.set(ALLOC_FLAGS, Gfp.ALLOC_WMARK_LOW);
                }
                int zone = (c.local(ZONE) == 0 ? top : c.local(ZONE)) - 1;
                c.set(ZONE, zone + 1);
                if ((c.local(ALLOC_FLAGS) & Gfp.ALLOC_NO_WATERMARKS) != 0) {
                    return c.next(TAKE);
                }
                c.set(TRUTH, zones.freePagesTruth(zone));
                return c.call(freePagesEstimate, CHECKED, zone, 1);
            }
            case CHECKED -> {
                int zone = c.local(ZONE) - 1;
                int flags = c.local(ALLOC_FLAGS);
                int mark = zones.wmarkPages(zone, flags & Gfp.ALLOC_WMARK_MASK);
                if (!zones.watermarkFreeOk(order, mark, flags, Math.max(0, c.result()))) {
                    c.set(TRUTH, 0);
                    return nextZone(c, gfp, zone);
                }
                if (order > 0) {
                    c.set(SCAN_ORDER, order);
                    return c.yieldTo(ORDER_SCAN);
                }
                return admitted(c, zone, order);
            }
            case ORDER_SCAN -> {
                return orderScan(c, gfp, order);
            }
            case TAKE -> {
                int zone = c.local(ZONE) - 1;
                int pfn = a.rmqueue(zone, order, gfp);
                if (pfn >= 0) {
                    return c.ret(pfn);
                }
                return nextZone(c, gfp, zone);
            }
            default -> {
                return slowpath(c, pc, gfp);
            }
        }
    }

    /**
     * {@code __alloc_pages_slowpath()} (mm/page_alloc.c, Linux 4.9): wake kswapd on every zone, retry
     * with the minimum watermark, reclaim each zone directly ({@code __alloc_pages_direct_reclaim}), and
     * wait for write-back to drain ({@code congestion_wait}) before failing. Context: may sleep.
     */
    private Flow slowpath(Ctx c, int pc, int gfp) {
        int top = config.nrZones();
        switch (pc) {
            case SLOWPATH -> {
                c.set(STAGE, 1);
                c.set(ZONE, (gfp & Gfp.__GFP_KSWAPD_RECLAIM) != 0 ? top : 0);
                return c.next(WAKE_KSWAPD);
            }
            case WAKE_KSWAPD -> {
                if (c.local(ZONE) > 0) {
                    c.set(ZONE, c.local(ZONE) - 1);
                    return c.call(wakeupKswapd, WAKE_KSWAPD, c.local(ZONE));
                }
                c.set(ALLOC_FLAGS, Gfp.gfpToAllocFlags(gfp));
                return c.yieldTo(CHECK);
            }
            case RECLAIM -> {
                return c.call(shrinkZone, RECLAIMED, c.local(ZONE) - 1, 0);
            }
            case RECLAIMED -> {
                if (c.local(ZONE) > 1) {
                    c.set(ZONE, c.local(ZONE) - 1);
                    return c.yieldTo(RECLAIM);
                }
                c.set(STAGE, c.local(STAGE) + 1);
                c.set(ZONE, 0);
                return c.yieldTo(CHECK);
            }
            case CONGESTION_WAIT -> {
                // stage 2: one look at the queue (nothing in flight: give up); stage 3: wait until it drains
                if (c.local(STAGE) == 2) {
                    if (bios.count() == 0) {
                        return c.ret(-1);
                    }
                    c.set(STAGE, 3);
                    return c.yieldTo(CONGESTION_WAIT);
                }
                if (bios.count() > 0) {
                    return c.block(BlockKind.REQUEST_QUEUE, -1, 0);
                }
                c.set(ZONE, config.nrZones());
                return c.yieldTo(RECLAIM);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 4, pc);
        }
    }

    /**
     * {@code __zone_watermark_ok()}'s search for a free block of the order or above, one racy read of a
     * {@code free_area[o].nr_free} per action.
     */
    private Flow orderScan(Ctx c, int gfp, int order) {
        int zone = c.local(ZONE) - 1;
        int o = c.local(SCAN_ORDER);
        if (zones.nrFree(zone, o) > 0) {
            c.set(SCAN_ORDER, 0);
            return admitted(c, zone, order);
        }
        if (o + 1 < config.maxOrder()) {
            c.set(SCAN_ORDER, o + 1);
            return c.yieldTo(ORDER_SCAN);
        }
        c.set(SCAN_ORDER, 0);
        c.set(TRUTH, 0);
        return nextZone(c, gfp, zone);
    }

    /** The watermark check passed: the ghost judges it, and the block is taken next. */
    private Flow admitted(Ctx c, int zone, int order) {
        zones.judgeAdmitted(zone, order, c.local(ALLOC_FLAGS), c.tid(), c.local(TRUTH));
        c.set(TRUTH, 0);
        return c.yieldTo(TAKE);
    }

    /** This zone could not serve the allocation: the next lower zone, or the next stage. */
    private Flow nextZone(Ctx c, int gfp, int zone) {
        if (zone == 0) {
            c.set(ZONE, 0);
            return noZone(c, gfp);
        }
        c.set(ZONE, zone);
        return c.yieldTo(CHECK);
    }

    /** No zone could serve this attempt: move on to the next stage of the allocation. */
    private Flow noZone(Ctx c, int gfp) {
        switch (c.local(STAGE)) {
            case 0 -> {
                return c.yieldTo(SLOWPATH);
            }
            case 1 -> {
                if (!Gfp.allowBlocking(gfp)) {
                    return c.ret(-1);
                }
                c.set(ZONE, config.nrZones());
                return c.yieldTo(RECLAIM);
            }
            case 2 -> {
                return c.yieldTo(CONGESTION_WAIT);
            }
            default -> {
                return c.ret(-1);
            }
        }
    }

    @Override
    protected String detail(FrameView f) {
        return "order=" + f.local(ORDER) + (f.local(ZONE) > 0 ? " zone=" + (f.local(ZONE) - 1) : "");
    }
}
