package org.mmspec.ref.mem;

import org.mmspec.ref.Kernel;
import org.mmspec.ref.reclaim.ShrinkZone;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code __alloc_pages_nodemask(gfp_mask, order, zonelist, nodemask)} (mm/page_alloc.c), which
 * {@code alloc_pages()} and {@code __get_free_pages()} call: the fast path at the low watermark; then
 * the slow path: wake kswapd, retry at the min watermark with the reserves the GFP flags grant
 * ({@code GFP_ATOMIC} may dip below min), and, if the flags allow blocking, direct reclaim of each zone
 * followed by one more attempt. There is no OOM killer in the model: a failed allocation returns -1
 * ({@code NULL}). Context: may sleep only with {@code __GFP_DIRECT_RECLAIM}.
 *
 * <p>Arguments: gfp, order. Returns the pfn of the block, or -1.
 */
public final class AllocPages extends Procedure {

    public static final AllocPages INSTANCE = new AllocPages();

    private static final int GFP = 0;
    private static final int ORDER = 1;
    private static final int ZONE = 2;

    private static final int FAST = 0;
    private static final int SLOW = 1;
    private static final int RECLAIM = 2;
    private static final int RECLAIMED = 3;
    private static final int RETRY = 4;

    private AllocPages() {
        super("__alloc_pages_nodemask", "get_page_from_freelist", "__alloc_pages_slowpath",
                "__alloc_pages_direct_reclaim", "try_to_free_pages", "retry");
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        Kernel k = c.k();
        int gfp = c.local(GFP);
        int order = c.local(ORDER);
        PageAllocator a = k.pageAllocator();
        switch (pc) {
            case FAST -> {
                int pfn = a.getPageFromFreelist(gfp, order, Gfp.ALLOC_WMARK_LOW);
                return pfn >= 0 ? c.ret(pfn) : c.yieldTo(SLOW);
            }
            case SLOW -> {
                if ((gfp & Gfp.__GFP_KSWAPD_RECLAIM) != 0) {
                    a.wakeAllKswapds();
                }
                int pfn = a.getPageFromFreelist(gfp, order, Gfp.gfpToAllocFlags(gfp));
                if (pfn >= 0) {
                    return c.ret(pfn);
                }
                if (!Gfp.allowBlocking(gfp)) {
                    return c.ret(-1);
                }
                c.set(ZONE, k.config().nrZones() - 1);
                return c.yieldTo(RECLAIM);
            }
            case RECLAIM -> {
                return c.call(ShrinkZone.INSTANCE, RECLAIMED, c.local(ZONE), 0);
            }
            case RECLAIMED -> {
                if (c.local(ZONE) > 0) {
                    c.set(ZONE, c.local(ZONE) - 1);
                    return c.yieldTo(RECLAIM);
                }
                return c.yieldTo(RETRY);
            }
            case RETRY -> {
                return c.ret(a.getPageFromFreelist(gfp, order, Gfp.gfpToAllocFlags(gfp)));
            }
            default -> throw k.bug(org.mmspec.ref.sync.OopsKind.MODEL_MISUSE, 4, pc);
        }
    }

    @Override
    protected String detail(FrameView f) {
        return "order=" + f.local(ORDER);
    }
}
