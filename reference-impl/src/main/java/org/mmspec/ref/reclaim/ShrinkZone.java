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
 * {@code shrink_node()} / {@code shrink_zone()} → {@code shrink_lruvec()} (mm/vmscan.c) in one small
 * pass: for the anonymous lists (when swap has room) and then the file lists, refill an empty inactive
 * list from the active one ({@code shrink_active_list}) and scan one page of the inactive list
 * ({@code shrink_inactive_list}). Used by direct reclaim ({@code try_to_free_pages}) and kswapd.
 *
 * <p>Arguments: zone, is_kswapd. Returns the number of pages reclaimed.
 */
public final class ShrinkZone extends Procedure {

    private static final int ZONE = 0;
    private static final int KSWAPD = 1;
    private static final int RECLAIMED = 2;

    private static final int ANON_ACTIVE = 0;
    private static final int ANON_REFILLED = 1;
    private static final int ANON_SCAN = 2;
    private static final int AFTER_ANON = 3;
    private static final int FILE_ACTIVE = 4;
    private static final int FILE_REFILLED = 5;
    private static final int FILE_SCAN = 6;
    private static final int AFTER_FILE = 7;

    private final PageLists lists;
    private final Lru lru;
    private final Swap swap;
    private final ShrinkActiveList shrinkActiveList;
    private final ShrinkInactiveList shrinkInactiveList;

    public ShrinkZone(PageLists lists, Lru lru, Swap swap, ShrinkActiveList shrinkActiveList,
            ShrinkInactiveList shrinkInactiveList) {
        super("shrink_zone", "shrink_active_list(anon)", "anon:refilled", "shrink_inactive_list(anon)", "anon:done",
                "shrink_active_list(file)", "file:refilled", "shrink_inactive_list(file)", "file:done");
        this.lists = lists;
        this.lru = lru;
        this.swap = swap;
        this.shrinkActiveList = shrinkActiveList;
        this.shrinkInactiveList = shrinkInactiveList;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int zone = c.local(ZONE);
        switch (pc) {
            case ANON_ACTIVE -> {
                if (!hasFreeSwap()) {
                    return c.next(FILE_ACTIVE);
                }
                if (needsRefill(zone, Lru.LRU_INACTIVE_ANON, Lru.LRU_ACTIVE_ANON)) {
                    return c.call(shrinkActiveList, ANON_REFILLED, zone, 1);
                }
                return c.next(ANON_SCAN);
            }
            case ANON_REFILLED -> {
                return c.yieldTo(ANON_SCAN);
            }
            case ANON_SCAN -> {
                return c.call(shrinkInactiveList, AFTER_ANON, zone, 1, c.local(KSWAPD));
            }
            case AFTER_ANON -> {
                c.set(RECLAIMED, c.local(RECLAIMED) + c.result());
                return c.yieldTo(FILE_ACTIVE);
            }
            case FILE_ACTIVE -> {
                if (needsRefill(zone, Lru.LRU_INACTIVE_FILE, Lru.LRU_ACTIVE_FILE)) {
                    return c.call(shrinkActiveList, FILE_REFILLED, zone, 0);
                }
                return c.next(FILE_SCAN);
            }
            case FILE_REFILLED -> {
                return c.yieldTo(FILE_SCAN);
            }
            case FILE_SCAN -> {
                return c.call(shrinkInactiveList, AFTER_FILE, zone, 0, c.local(KSWAPD));
            }
            case AFTER_FILE -> {
                return c.ret(c.local(RECLAIMED) + c.result());
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 14, pc);
        }
    }

    /** {@code inactive_list_is_low()}, simplified: the inactive list is empty and the active one is not. */
    private boolean needsRefill(int zone, int inactive, int active) {
        return lists.isEmpty(lru.head(zone, inactive)) && !lists.isEmpty(lru.head(zone, active));
    }

    private boolean hasFreeSwap() {
        return swap.nrSwapPages() > 0;
    }

    @Override
    protected String detail(FrameView f) {
        return "zone=" + f.local(ZONE) + (f.local(KSWAPD) != 0 ? " kswapd" : " direct");
    }
}
