package org.mmspec.ref.reclaim;

import org.mmspec.ref.Kernel;
import org.mmspec.ref.lru.Lru;
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

    public static final ShrinkZone INSTANCE = new ShrinkZone();

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

    private ShrinkZone() {
        super("shrink_zone", "shrink_active_list(anon)", "anon:refilled", "shrink_inactive_list(anon)", "anon:done",
                "shrink_active_list(file)", "file:refilled", "shrink_inactive_list(file)", "file:done");
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        Kernel k = c.k();
        Lru lru = k.lru();
        int zone = c.local(ZONE);
        switch (pc) {
            case ANON_ACTIVE -> {
                if (!hasFreeSwap(k)) {
                    return c.next(FILE_ACTIVE);
                }
                if (needsRefill(k, zone, Lru.LRU_INACTIVE_ANON, Lru.LRU_ACTIVE_ANON)) {
                    return c.call(ShrinkActiveList.INSTANCE, ANON_REFILLED, zone, 1);
                }
                return c.next(ANON_SCAN);
            }
            case ANON_REFILLED -> {
                return c.yieldTo(ANON_SCAN);
            }
            case ANON_SCAN -> {
                return c.call(ShrinkInactiveList.INSTANCE, AFTER_ANON, zone, 1, c.local(KSWAPD));
            }
            case AFTER_ANON -> {
                c.set(RECLAIMED, c.local(RECLAIMED) + c.result());
                return c.yieldTo(FILE_ACTIVE);
            }
            case FILE_ACTIVE -> {
                if (needsRefill(k, zone, Lru.LRU_INACTIVE_FILE, Lru.LRU_ACTIVE_FILE)) {
                    return c.call(ShrinkActiveList.INSTANCE, FILE_REFILLED, zone, 0);
                }
                return c.next(FILE_SCAN);
            }
            case FILE_REFILLED -> {
                return c.yieldTo(FILE_SCAN);
            }
            case FILE_SCAN -> {
                return c.call(ShrinkInactiveList.INSTANCE, AFTER_FILE, zone, 0, c.local(KSWAPD));
            }
            case AFTER_FILE -> {
                return c.ret(c.local(RECLAIMED) + c.result());
            }
            default -> throw k.bug(org.mmspec.ref.sync.OopsKind.MODEL_MISUSE, 14, pc);
        }
    }

    /** {@code inactive_list_is_low()}, simplified: the inactive list is empty and the active one is not. */
    private static boolean needsRefill(Kernel k, int zone, int inactive, int active) {
        Lru lru = k.lru();
        return k.lists().isEmpty(lru.head(zone, inactive)) && !k.lists().isEmpty(lru.head(zone, active));
    }

    private static boolean hasFreeSwap(Kernel k) {
        for (int offset = 1; offset <= k.config().nrSwapSlots(); offset++) {
            if (k.swap().swapMap(offset) == 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected String detail(FrameView f) {
        return "zone=" + f.local(ZONE) + (f.local(KSWAPD) != 0 ? " kswapd" : " direct");
    }
}
