package org.mmspec.ref.reclaim;

import static org.mmspec.ref.sched.Threads.TASK_INTERRUPTIBLE;
import static org.mmspec.ref.sched.Threads.TASK_RUNNING;

import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.mem.Zones;
import org.mmspec.ref.sched.Threads;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code kswapd()} with {@code kswapd_try_to_sleep()} (mm/vmscan.c, Linux 4.9), action by action:
 * {@code prepare_to_wait(&pgdat->kswapd_wait, TASK_INTERRUPTIBLE)}; if no reclaim was requested,
 * {@code schedule()} — idle until {@code wakeup_kswapd()} wakes it, unless the wakeup came first;
 * {@code finish_wait()}; take the request (read, then reset {@code kswapd_classzone_idx}); then
 * {@code balance_pgdat()}: reclaim ({@link ShrinkZone}) until {@code zone_watermark_ok_safe()} at the high
 * watermark or a pass reclaims nothing, and go back to sleep. The model decides to sleep from the
 * request alone (the kernel's {@code prepare_kswapd_sleep} checks the watermarks). Asleep it is idle,
 * not blocked. Context: the kswapd kernel thread.
 *
 * <p>Arguments: zone.
 */
public final class Kswapd extends Procedure {

    private static final int ZONE = 0;

    private static final int PREPARE = 0;
    private static final int CHECK = 1;
    private static final int SCHEDULE = 2;
    private static final int FINISH = 3;
    private static final int FINISH_CHECK = 4;
    private static final int DEQUEUE = 5;
    private static final int CONSUME = 6;
    private static final int CLEAR = 7;
    private static final int BALANCE = 8;
    private static final int BALANCED = 9;
    private static final int SHRINK = 10;
    private static final int RECLAIMED = 11;

    private final Threads threads;
    private final Zones zones;
    private final FreePagesEstimate freePagesEstimate;
    private final ShrinkZone shrinkZone;

    public Kswapd(Threads threads, Zones zones, FreePagesEstimate freePagesEstimate, ShrinkZone shrinkZone) {
        super("kswapd", "prepare_to_wait", "prepare_kswapd_sleep", "schedule", "finish_wait", "list_empty_careful",
                "list_del_init", "kswapd_classzone_idx", "kswapd_classzone_idx=MAX_NR_ZONES",
                "balance_pgdat:zone_watermark_ok_safe", "balance_pgdat", "shrink_zone", "shrink_zone:done");
        this.threads = threads;
        this.zones = zones;
        this.freePagesEstimate = freePagesEstimate;
        this.shrinkZone = shrinkZone;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int zone = c.local(ZONE);
        int tid = c.tid();
        return switch (pc) {
            case PREPARE -> {
                zones.prepareKswapdWait(zone, tid, TASK_INTERRUPTIBLE);
                yield c.yieldTo(CHECK);
            }
            case CHECK -> c.yieldTo(zones.kswapdWakePending(zone) ? FINISH : SCHEDULE);
            case SCHEDULE -> {
                threads.schedule(tid);
                yield c.yieldTo(FINISH);
            }
            case FINISH -> {
                threads.setCurrentState(tid, TASK_RUNNING);
                yield c.yieldTo(FINISH_CHECK);
            }
            case FINISH_CHECK -> c.yieldTo(zones.kswapdWaitQueued(zone, tid) ? DEQUEUE : CONSUME);
            case DEQUEUE -> {
                zones.finishKswapdWait(zone, tid);
                yield c.yieldTo(CONSUME);
            }
            case CONSUME -> c.yieldTo(zones.kswapdWakePending(zone) ? CLEAR : PREPARE);
            case CLEAR -> {
                zones.clearKswapdWake(zone);
                yield c.yieldTo(BALANCE);
            }
            case BALANCE -> c.call(freePagesEstimate, BALANCED, zone, 0);
            case BALANCED -> {
                int high = zones.wmarkPages(zone, Gfp.WMARK_HIGH);
                if (zones.watermarkOk(zone, 0, high, 0, c.result())) {
                    yield c.yieldTo(PREPARE);
                }
                yield c.yieldTo(SHRINK);
            }
            case SHRINK -> c.call(shrinkZone, RECLAIMED, zone, 1);
            case RECLAIMED -> c.yieldTo(c.result() > 0 ? BALANCE : PREPARE);
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 15, pc);
        };
    }

    @Override
    protected String detail(FrameView f) {
        return "zone=" + f.local(ZONE);
    }
}
