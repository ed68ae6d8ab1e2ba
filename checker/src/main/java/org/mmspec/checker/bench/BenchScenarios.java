package org.mmspec.checker.bench;

import java.util.List;
import java.util.Set;
import org.mmspec.checker.scenario.Scenario;
import org.mmspec.checker.scenario.build.Handles.Addr;
import org.mmspec.checker.scenario.build.Handles.Mm;
import org.mmspec.checker.scenario.build.KernelCall;
import org.mmspec.checker.scenario.build.ScenarioBuilder;
import org.mmspec.ref.state.Config;

/**
 * Scenarios for the scale benchmark ({@code mmspec bench --scale}), not part of the standard suite: they
 * pass, but take minutes. Each has anonymous write faults racing a read of an inactive anonymous page and
 * direct reclaim (swap-out and swap-in), on a machine of {@link Config#small()} size with eight-entry page
 * tables (room for five pages) and eight frames of nine locals per thread stack.
 */
public final class BenchScenarios {

    /**
     * Frames per thread: eight, not the standard scenarios' nine, so that the state vector holds fewer frames
     * these scenarios cannot use. Since the re-cut of the atomicity audit (h9a) a reader sleeping in {@code
     * lock_page} needs more than six frames ({@code wait_on_page_bit_common} overflowed): with six, the
     * three-writer scenario stopped with a model error (stack capacity) at depth 40 instead of passing; with
     * eight it passes (2,976,261 states on main b3b253b and since). A thread that needed more would stop with a
     * model error that names stack_depth, not pass.
     */
    private static final int STACK_DEPTH = 8;

    private BenchScenarios() {
    }

    /** The bench scenarios, by number of writers: two, three and four. */
    public static List<Scenario> all() {
        return List.of(faultsVsReclaim(2), faultsVsReclaim(3), faultsVsReclaim(4));
    }

    /**
     * {@code writers} threads write-fault fresh pages of one anonymous mapping while a reader faults in an
     * inactive page and direct reclaim runs: {@code writers + 2} threads.
     */
    public static Scenario faultsVsReclaim(int writers) {
        int threads = writers + 2;
        ScenarioBuilder b = ScenarioBuilder.scenario("bench-" + writers + "-faults-vs-reclaim",
                writers + " anonymous write faults and a read of an inactive page race direct reclaim");
        b.machine("stack_depth", STACK_DEPTH).machine("wait_queue_slots", Math.max(4, threads)).machine("ptrs_per_pte", 8);
        Mm mm = b.mmAlloc();
        Addr a = b.mmap(mm, (writers + 1) * ScenarioBuilder.PAGE_SIZE, KernelCall.Prot.readWrite(),
                Set.of(KernelCall.Map.PRIVATE, KernelCall.Map.ANONYMOUS));
        b.run(KernelCall.userWrite(mm, a, 1));
        b.run(KernelCall.shrinkActiveList(0, true));
        for (int w = 0; w < writers; w++) {
            b.thread("W" + w, KernelCall.userWrite(mm, a.plus((w + 1) * ScenarioBuilder.PAGE_SIZE), 2 + w));
        }
        b.thread("reader", KernelCall.userRead(mm, a));
        b.thread("reclaim", KernelCall.shrinkZone(0, false));
        return b.expectPass().build();
    }
}
