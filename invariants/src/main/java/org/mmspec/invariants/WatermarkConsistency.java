package org.mmspec.invariants;

import org.mmspec.ref.view.MmView;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.Witness;

/**
 * {@code watermark_consistency}: per zone, (a) the {@code NR_FREE_PAGES} counter plus every CPU's
 * pending delta equals the pages in the zone's buddy free lists, and (b) no allocation that may not dip
 * into the reserves was admitted by a watermark check while the true free count would not pass even
 * the min watermark, i.e. the allocation takes the zone below {@code min} (the ghost
 * {@code watermarkBreach}: how the per-cpu drift bug A18 shows).
 *
 * <p>Kernel: mm/vmstat.c {@code __mod_zone_page_state()} keeps per-cpu {@code vm_stat_diff} deltas and
 * folds them into the zone counter past {@code stat_threshold}; mm/page_alloc.c
 * {@code __zone_watermark_ok()} and {@code zone_watermark_ok_safe()}, which sums the deltas below
 * {@code percpu_drift_mark} (aa45484031dd, "calculate a better estimate of NR_FREE_PAGES when memory is
 * low"); only {@code ALLOC_HIGH}/{@code ALLOC_HARDER}/{@code ALLOC_NO_WATERMARKS} allocations may take
 * pages below {@code min}.
 */
public final class WatermarkConsistency implements Invariant<MmView> {

    public static final String ID = "watermark_consistency";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "per zone: NR_FREE_PAGES plus the per-cpu deltas equals the pages in the buddy free lists, and no"
                + " non-emergency allocation passed a watermark check that takes the true free count below min";
    }

    @Override
    public Witness check(MmView v) {
        int cpus = v.config().nrCpus();
        int orders = v.config().maxOrder();
        for (int zone = 0; zone < v.config().nrZones(); zone++) {
            int counter = v.nrFreePagesCounter(zone);
            int deltas = 0;
            for (int cpu = 0; cpu < cpus; cpu++) {
                deltas += v.pcpDiff(zone, cpu);
            }
            int inLists = 0;
            for (int order = 0; order < orders; order++) {
                inLists += v.nrFree(zone, order) << order;
            }
            if (counter + deltas != inLists) {
                return Witness.of(Names.zone(zone) + ": NR_FREE_PAGES " + counter + " + per-cpu deltas " + deltas
                        + " = " + (counter + deltas) + ", but the free lists hold " + inLists + " pages", Names.zone(zone));
            }
            int tid = v.watermarkBreach(zone);
            if (tid >= 0) {
                return Witness.of(Names.zone(zone) + ": " + Names.thread(tid) + "'s allocation without"
                        + " ALLOC_HARDER/ALLOC_HIGH passed a watermark check on a stale NR_FREE_PAGES; the true"
                        + " free count leaves it below min", Names.zone(zone), Names.thread(tid));
            }
        }
        return null;
    }
}
