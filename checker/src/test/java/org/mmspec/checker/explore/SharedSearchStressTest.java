package org.mmspec.checker.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmspec.checker.observe.SearchListener;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.IncompleteReason;
import org.mmspec.checker.toy.CounterGrid;
import org.mmspec.checker.toy.ToyInvariant;
import org.mmspec.checker.trace.JsonTraceWriter;
import org.mmspec.spec.semantics.Witness;

/**
 * The shared parallel engine under stress: with many workers and chunks of one state, successors shared
 * by parents of different chunks are offered to the level set in an order that depends on timing, so keys
 * are lowered (LOWER) and stale copies dropped all the time; the parents, and so the traces, must still be
 * the sequential search's. A deliberately wrong tie-break (the first key offered wins) is caught by the
 * same comparison — which also shows that offers do arrive out of key order, so the right tie-break's
 * LOWER path is exercised. And every budget stops a parallel search, on both engines, as incomplete.
 */
class SharedSearchStressTest {

    /** Chunks of one state, segments of two: the most interleaving of offers the engine allows. */
    private static final SharedTuning TINY = new SharedTuning(1, 2, false);
    private static final SharedTuning FIRST_KEY_WINS = new SharedTuning(1, 2, true);

    private static final CounterGrid GRID = new CounterGrid(3, 14);

    /** Targets spread over the levels of {@link #GRID}: each has up to three parents in the level before. */
    private static List<Long> targets() {
        List<Long> out = new ArrayList<>();
        for (int a = 2; a <= 14; a += 3) {
            for (int b = 1; b <= 14; b += 4) {
                out.add(state(a, b, (a + b) % 15));
            }
        }
        return out;
    }

    private static long state(int a, int b, int c) {
        return a | (long) b << 8 | (long) c << 16;
    }

    private static CheckRequest<Long> reach(long target, int workers) {
        var invariant = new ToyInvariant<Long>("not_target", "the target state is never reached",
                s -> s == target ? Witness.of("reached") : null);
        return new CheckRequest<>(GRID, List.of(invariant), SearchOptions.defaults().withWorkers(workers));
    }

    private static String trace(CheckResult r) {
        CheckResult.Violated v = assertInstanceOf(CheckResult.Violated.class, r);
        return JsonTraceWriter.write(Map.of(), v.trace(), v.violation());
    }

    @Test
    void racingOffersLeaveTheSequentialParentsAndTraces() {
        for (long target : targets()) {
            CheckResult one = Explorer.check(reach(target, 1));
            for (int workers = 2; workers <= 6; workers += 2) {
                CheckResult more = Explorer.check(reach(target, workers), TINY);
                ParallelSearchTest.assertSame(one, more, "target " + Long.toHexString(target) + ", " + workers + " workers");
            }
        }
        ParallelSearchTest.assertSame(Explorer.check(new CheckRequest<>(GRID, List.of(), SearchOptions.defaults())),
                Explorer.check(new CheckRequest<>(GRID, List.of(), SearchOptions.defaults().withWorkers(4)), TINY),
                "the whole grid");
    }

    @Test
    void aTieBreakThatKeepsTheFirstKeyIsCaught() {
        List<Long> targets = targets();
        List<String> expected = new ArrayList<>();
        for (long target : targets) {
            expected.add(trace(Explorer.check(reach(target, 1))));
        }
        int differing = 0;
        for (int attempt = 0; attempt < 40 && differing == 0; attempt++) {
            for (int i = 0; i < targets.size(); i++) {
                if (!expected.get(i).equals(trace(Explorer.check(reach(targets.get(i), 4), FIRST_KEY_WINS)))) {
                    differing++;
                }
            }
        }
        assertTrue(differing > 0, "the first-key tie-break gave the sequential traces in 40 rounds");
        // and the right tie-break, same tuning, never differs
        for (int i = 0; i < targets.size(); i++) {
            assertEquals(expected.get(i), trace(Explorer.check(reach(targets.get(i), 4), TINY)));
        }
    }

    @Test
    void theTimeBudgetStopsAParallelSearch() {
        for (Partition p : Partition.values()) {
            SearchOptions o = SearchOptions.defaults().withWorkers(2).withPartition(p)
                    .withBudget(Budget.unlimited().withMaxTime(Duration.ofNanos(1)));
            CheckResult.Incomplete i = assertInstanceOf(CheckResult.Incomplete.class,
                    Explorer.check(new CheckRequest<>(new CounterGrid(4, 60), List.of(), o)));
            assertEquals(IncompleteReason.TIME_BUDGET, i.reason(), p.toString());
        }
    }

    @Test
    void aNearlyFullHeapStopsAParallelSearch() {
        for (Partition p : Partition.values()) {
            CheckResult result = Explorer.check(new CheckRequest<>(new CounterGrid(3, 20), List.of(),
                    SearchOptions.defaults().withWorkers(2).withPartition(p)), SearchListener.NONE, () -> 0.95,
                    Explorer.PROGRESS_INTERVAL_NANOS);
            assertEquals(IncompleteReason.JVM_HEAP, assertInstanceOf(CheckResult.Incomplete.class, result).reason(),
                    p.toString());
        }
    }

    @Test
    void theMemoryBudgetStopsAParallelSearch() {
        for (Partition p : Partition.values()) {
            SearchOptions o = SearchOptions.defaults().withWorkers(2).withPartition(p)
                    .withBudget(Budget.unlimited().withMaxMemoryBytes(1024));
            CheckResult.Incomplete i = assertInstanceOf(CheckResult.Incomplete.class,
                    Explorer.check(new CheckRequest<>(new CounterGrid(3, 20), List.of(), o)));
            assertEquals(IncompleteReason.MEMORY_BUDGET, i.reason(), p.toString());
        }
    }

    /**
     * The frontier of the shared engine spills, finds the same, and a tiny disk budget stops it. (The toy's
     * records are a few bytes: the segments are given room for 64 Ki states here so that their blocks fill
     * and are sealed; see {@link SharedTuning#segmentStates}. The owner engine's levels of this toy, split
     * among owners, stay below one block and never spill.)
     */
    @Test
    void aParallelFrontierSpillsAndItsDiskBudgetStopsTheSearch(@TempDir Path spill) {
        SearchOptions onDisk = SearchOptions.defaults().withWorkers(2)
                .withFiles(SearchFiles.defaults().withSpillDirectory(spill).withFrontierMemoryBytes(0));
        SharedTuning sealing = new SharedTuning(0, 1 << 16, false);
        CheckResult memory = Explorer.check(new CheckRequest<>(SpillAndResumeTest.counters(), List.of(),
                SearchOptions.defaults()));
        for (Partition p : List.of(Partition.SHARED)) {
            CheckResult disk = Explorer.check(new CheckRequest<>(SpillAndResumeTest.counters(), List.of(),
                    onDisk.withPartition(p)), sealing);
            ParallelSearchTest.assertSame(memory, disk, p.toString());
            assertTrue(disk.statistics().diskBytes() > 0, p + ": the frontier went to disk: " + disk.statistics());
            CheckResult.Incomplete i = assertInstanceOf(CheckResult.Incomplete.class, Explorer.check(new CheckRequest<>(
                    SpillAndResumeTest.counters(), List.of(),
                    onDisk.withPartition(p).withBudget(Budget.unlimited().withMaxDiskBytes(4096))), sealing));
            assertEquals(IncompleteReason.DISK_BUDGET, i.reason(), p.toString());
            assertNotEquals(0, i.statistics().distinctStates());
        }
    }
}
