package org.mmspec.invariants;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.mmspec.invariants.Machines.assertHolds;
import static org.mmspec.invariants.Machines.assertViolated;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.alloc.AllocPages;
import org.mmspec.ref.bugs.BugId;
import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.Layout;

class WatermarkConsistencyTest {

    private final WatermarkConsistency inv = new WatermarkConsistency();

    /** Allocates order-0 pages with GFP_NOWAIT until the allocator refuses, checking after each. */
    private void allocateDown(Kernel k, boolean expectBreach) {
        for (int i = 0; i < k.config().nrPages(); i++) {
            if (Machines.returned(k.run(AllocPages.class, Gfp.GFP_NOWAIT, 0)) < 0) {
                return;
            }
            if (!expectBreach) {
                assertHolds(inv, k);
            } else if (Machines.check(inv, k) != null) {
                return;
            }
        }
    }

    @Test
    void holdsWhilePerCpuDeltasAreUnfoldedAndDownToTheWatermarks() {
        Kernel k = Machines.boot();
        int pfn = Machines.returned(k.run(AllocPages.class, Gfp.GFP_KERNEL, 0));
        assertNotEquals(0, k.mem().get(k.layout().pcpDiff(0, k.sequentialTid() % k.config().nrCpus())));
        assertHolds(inv, k);
        k.freePath().freePagesBlock(pfn, 0);
        Machines.returned(k.run(AllocPages.class, Gfp.GFP_KERNEL, 2));
        allocateDown(k, false);
    }

    @Test
    void catchesACounterThatLostPages() {
        Kernel k = Machines.boot();
        Machines.returned(k.run(AllocPages.class, Gfp.GFP_KERNEL, 1));
        k.mem().add(k.layout().zone(0, Layout.Z_NR_FREE), -1);
        assertViolated(inv, k, Names.zone(0));
    }

    /** A18 with the per-cpu drift bug on: the allocator trusts the stale global counter. */
    @Test
    void catchesTheDriftBreachOfBugA18() {
        Kernel k = Kernel.boot(Config.defaults().withBugs(Set.of(BugId.PCP_FREE_DRIFT)));
        allocateDown(k, true);
        assertViolated(inv, k, Names.thread(k.sequentialTid()));
    }
}
