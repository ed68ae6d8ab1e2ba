package org.mmspec.ref.reclaim;

import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.PageLists;
import org.mmspec.ref.swap.Swap;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code shrink_node()} / {@code shrink_zone()} → {@code shrink_lruvec()} (mm/vmscan.c, Linux 4.9) in one
 * small pass, action by action: for the anonymous lists (when swap has room: {@code get_nr_swap_pages}, a
 * racy read) and then the file lists, {@code inactive_list_is_low()} — simplified to "the inactive list is
 * empty and the active one is not", each list size a racy read of its own — refills the inactive list from
 * the active one ({@code shrink_active_list}), then one page of the inactive list is scanned ({@code
 * shrink_inactive_list}). Used by direct reclaim ({@code try_to_free_pages}) and kswapd. Context: process or
 * kswapd; may sleep (page locks, I/O).
 *
 * <p>Arguments: zone, is_kswapd. Returns the number of pages reclaimed.
 */
public final class ShrinkZone extends Procedure {

    private static final int ZONE = 0;
    private static final int KSWAPD = 1;
    private static final int RECLAIMED = 2;

    private static final int FREE_SWAP = 0;
    /** The anonymous lists' program points start here, the file lists' at {@link #FILE}. */
    private static final int ANON = 1;
    private static final int FILE = 7;
    private static final int INACTIVE = 0;
    private static final int ACTIVE = 1;
    private static final int REFILL = 2;
    private static final int REFILLED = 3;
    private static final int SCAN = 4;
    private static final int SCANNED = 5;

    private final Lru lru;
    private final Swap swap;
    private final PageLists lists;
    private final ShrinkActiveList shrinkActiveList;
    private final ShrinkInactiveList shrinkInactiveList;

    public ShrinkZone(PageLists lists, Lru lru, Swap swap, ShrinkActiveList shrinkActiveList,
            ShrinkInactiveList shrinkInactiveList) {
        super("shrink_zone", "get_nr_swap_pages",
                "lruvec_lru_size(inactive_anon)", "lruvec_lru_size(active_anon)", "shrink_active_list(anon)",
                "anon:refilled", "shrink_inactive_list(anon)", "anon:done",
                "lruvec_lru_size(inactive_file)", "lruvec_lru_size(active_file)", "shrink_active_list(file)",
                "file:refilled", "shrink_inactive_list(file)", "file:done");
        this.lists = lists;
        this.lru = lru;
        this.swap = swap;
        this.shrinkActiveList = shrinkActiveList;
        this.shrinkInactiveList = shrinkInactiveList;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        if (pc == FREE_SWAP) {
            return c.yieldTo(swap.hasFreeSwap() ? ANON + INACTIVE : FILE + INACTIVE);
        }
        boolean anon = pc < FILE;
        int base = anon ? ANON : FILE;
        int zone = c.local(ZONE);
        int inactive = anon ? Lru.LRU_INACTIVE_ANON : Lru.LRU_INACTIVE_FILE;
        return switch (pc - base) {
            case INACTIVE -> c.yieldTo(base + (lists.isEmpty(lru.head(zone, inactive)) ? ACTIVE : SCAN));
            case ACTIVE -> c.yieldTo(base + (lists.isEmpty(lru.head(zone, inactive + Lru.LRU_ACTIVE)) ? SCAN : REFILL));
            case REFILL -> c.call(shrinkActiveList, base + REFILLED, zone, anon ? 1 : 0);
            case REFILLED -> c.yieldTo(base + SCAN);
            case SCAN -> c.call(shrinkInactiveList, base + SCANNED, zone, anon ? 1 : 0, c.local(KSWAPD));
            case SCANNED -> {
                int reclaimed = c.local(RECLAIMED) + c.result();
                if (!anon) {
                    yield c.ret(reclaimed);
                }
                c.set(RECLAIMED, reclaimed);
                yield c.yieldTo(FILE + INACTIVE);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 14, pc);
        };
    }

    @Override
    protected String detail(FrameView f) {
        return "zone=" + f.local(ZONE) + (f.local(KSWAPD) != 0 ? " kswapd" : " direct");
    }
}
