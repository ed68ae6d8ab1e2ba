package org.mmspec.ref.reclaim;

import org.mmspec.ref.mem.Zones;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * The free-page count a watermark check uses (mm/page_alloc.c {@code get_page_from_freelist} and
 * {@code zone_watermark_ok_safe}, mm/vmstat.c, Linux 4.9), read action by action: {@code
 * zone_page_state(zone, NR_FREE_PAGES)}, a racy read of the global counter; below {@code
 * percpu_drift_mark} (fixed, aa45484) {@code zone_page_state_snapshot()}: the global counter again, then
 * each CPU's {@code vm_stat_diff}, every read a non-mover of its own (the current CPU's is cpu-local).
 * With {@link org.mmspec.ref.bugs.BugId#PCP_FREE_DRIFT} and {@code honour bug} set, the allocator never
 * takes the snapshot. Context: any, lockless.
 *
 * <p>Arguments: zone, honour the bug switch (1: the allocator; 0: {@code zone_watermark_ok_safe}).
 * Returns the estimate (at least 0).
 */
public final class FreePagesEstimate extends Procedure {

    private static final int ZONE = 0;
    private static final int HONOUR_BUG = 1;
    private static final int SUM = 2;
    private static final int CPU = 3;

    private static final int GLOBAL = 0;
    private static final int SNAPSHOT = 1;
    private static final int PERCPU = 2;

    private final Config config;
    private final Zones zones;

    public FreePagesEstimate(Config config, Zones zones) {
        super("zone_page_state", "zone_page_state", "zone_page_state_snapshot", "vm_stat_diff");
        this.config = config;
        this.zones = zones;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int zone = c.local(ZONE);
        switch (pc) {
            case GLOBAL -> {
                int free = zones.zonePageState(zone);
                boolean snapshot = c.local(HONOUR_BUG) != 0 ? zones.snapshotNeeded(free)
                        : free < config.percpuDriftMark();
                return snapshot ? c.yieldTo(SNAPSHOT) : c.ret(free);
            }
            case SNAPSHOT -> {
                c.set(SUM, zones.zonePageStateRaw(zone));
                c.set(CPU, 0);
                return c.yieldTo(PERCPU);
            }
            default -> {
                return perCpu(c, zone);
            }
        }
    }

    /** Adds CPU deltas; the current CPU's is read within the step, another's ends it. */
    private Flow perCpu(Ctx c, int zone) {
        int cpu = c.local(CPU);
        while (cpu < config.nrCpus()) {
            c.set(SUM, c.local(SUM) + zones.pcpDelta(zone, cpu));
            cpu++;
            c.set(CPU, cpu);
            if (cpu - 1 != c.cpu() && cpu < config.nrCpus()) {
                return c.yieldTo(PERCPU);
            }
        }
        return c.ret(Math.max(0, c.local(SUM)));
    }

    @Override
    protected String detail(FrameView f) {
        return "zone=" + f.local(ZONE);
    }
}
