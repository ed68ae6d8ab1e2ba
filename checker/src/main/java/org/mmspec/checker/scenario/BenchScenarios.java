package org.mmspec.checker.scenario;

import static org.mmspec.checker.scenario.Setups.PAGE;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.proc.UserAccess;
import org.mmspec.ref.reclaim.ShrinkZone;

/**
 * Scenarios for the scale benchmark ({@code mmspec bench --scale}), not part of the standard suite: they
 * pass, but take minutes. Each has anonymous write faults racing a read of an inactive anonymous page and
 * direct reclaim (swap-out and swap-in), on a machine of {@link Config#small()} size with eight-entry page
 * tables (room for five pages) and six frames per thread stack.
 */
public final class BenchScenarios {

    /**
     * Frames per thread: six, not the standard scenarios' ten, so that the state vector holds no frames
     * these scenarios cannot use (the set-up's write fault needs five; four fail the set-up; six to ten give
     * the same states). The vector of the four-writer scenario is 788 words instead of 1,096. A thread that
     * needed more would stop with a model error, not pass.
     */
    static final int STACK_DEPTH = 6;

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
    static Scenario faultsVsReclaim(int writers) {
        int threads = writers + 2;
        Config config = Config.small().toBuilder().nrThreads(threads).stackDepth(STACK_DEPTH)
                .waitQueueSlots(Math.max(4, threads)).ptrsPerPte(8).build();
        String name = "bench-" + writers + "-faults-vs-reclaim";
        return new Scenario(name, writers + " anonymous write faults and a read of an inactive page race direct reclaim",
                config, k -> {
                    int mm = k.mms().mmAlloc();
                    int a = Setups.anon(k, mm, writers + 1);
                    Setups.write(k, mm, a, 1);
                    Setups.deactivate(k, true);
                    List<ThreadSpec> out = new ArrayList<>();
                    for (int w = 0; w < writers; w++) {
                        out.add(ThreadSpec.of("W" + w, UserAccess.class, mm, a + (w + 1) * PAGE, 1, 2 + w));
                    }
                    out.add(ThreadSpec.of("reader", UserAccess.class, mm, a, 0, 0));
                    out.add(ThreadSpec.of("reclaim", ShrinkZone.class, 0, 0));
                    return out;
                }, Optional.empty(), Expectation.pass(), List.of(), SearchOptions.defaults());
    }
}
