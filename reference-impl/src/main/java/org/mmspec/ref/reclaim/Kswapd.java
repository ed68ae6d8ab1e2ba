package org.mmspec.ref.reclaim;

import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.mem.Zones;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code kswapd()} (mm/vmscan.c): sleeps on {@code kswapd_wait} until an allocation that fell below the
 * low watermark wakes it, then reclaims ({@code balance_pgdat}) until the zone is above its high
 * watermark ({@code zone_watermark_ok_safe}) or a pass reclaims nothing, and sleeps again. Asleep with
 * no wakeup pending it is idle, not blocked.
 *
 * <p>Arguments: zone.
 */
public final class Kswapd extends Procedure {

    private static final int ZONE = 0;

    private static final int SLEEP = 0;
    private static final int BALANCE = 1;
    private static final int RECLAIMED = 2;

    private final Zones zones;
    private final ShrinkZone shrinkZone;

    public Kswapd(Zones zones, ShrinkZone shrinkZone) {
        super("kswapd", "kswapd_try_to_sleep", "balance_pgdat", "shrink_zone:done");
        this.zones = zones;
        this.shrinkZone = shrinkZone;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int zone = c.local(ZONE);
        switch (pc) {
            case SLEEP -> {
                if (!zones.kswapdWakePending(zone)) {
                    return c.idle(SLEEP);
                }
                zones.clearKswapdWake(zone);
                return c.yieldTo(BALANCE);
            }
            case BALANCE -> {
                int high = zones.wmarkPages(zone, Gfp.WMARK_HIGH);
                if (zones.zoneWatermarkOkSafe(zone, 0, high, zone, 0)) {
                    return c.yieldTo(SLEEP);
                }
                return c.call(shrinkZone, RECLAIMED, zone, 1);
            }
            case RECLAIMED -> {
                return c.yieldTo(c.result() > 0 ? BALANCE : SLEEP);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 15, pc);
        }
    }

    @Override
    protected String detail(FrameView f) {
        return "zone=" + f.local(ZONE);
    }
}
