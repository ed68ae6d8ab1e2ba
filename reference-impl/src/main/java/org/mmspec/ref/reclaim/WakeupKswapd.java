package org.mmspec.ref.reclaim;

import org.mmspec.ref.mem.Zones;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code wakeup_kswapd(zone, order, classzone_idx)} (mm/vmscan.c, Linux 4.9), action by action: record the
 * request ({@code pgdat->kswapd_classzone_idx}, {@code kswapd_order}: racy stores); {@code
 * waitqueue_active(&pgdat->kswapd_wait)}, a racy look — if kswapd is not queued it will see the request
 * before it sleeps; else {@code wake_up_interruptible()}. (The check that every zone is unbalanced before
 * waking is not modelled: the model's kswapd decides from the request alone.) Context: any.
 *
 * <p>Arguments: zone.
 */
public final class WakeupKswapd extends Procedure {

    private static final int ZONE = 0;

    private static final int REQUEST = 0;
    private static final int ACTIVE = 1;
    private static final int WAKE = 2;

    private final Zones zones;

    public WakeupKswapd(Zones zones) {
        super("wakeup_kswapd", "kswapd_classzone_idx", "waitqueue_active", "wake_up_interruptible");
        this.zones = zones;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int zone = c.local(ZONE);
        switch (pc) {
            case REQUEST -> {
                zones.requestKswapd(zone);
                return c.yieldTo(ACTIVE);
            }
            case ACTIVE -> {
                return zones.kswapdWaitActive(zone) ? c.yieldTo(WAKE) : c.ret(0);
            }
            default -> {
                zones.wakeUpKswapdWait(zone);
                return c.ret(0);
            }
        }
    }

    @Override
    protected String detail(FrameView f) {
        return "zone=" + f.local(ZONE);
    }
}
