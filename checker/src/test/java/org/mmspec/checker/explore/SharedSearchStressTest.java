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
import org.mmspec.checker.frontier.SpillSpace;
import org.mmspec.checker.observe.SearchListener;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.IncompleteReason;
import org.mmspec.checker.toy.CounterGrid;
import org.mmspec.checker.toy.ToyInvariant;
import org.mmspec.checker.trace.JsonTraceWriter;
import org.mmspec.spec.semantics.Witness;

/**
 * The shared parallel engine under stress: with many workers and chunks of one state, successors shared
 * by parents of different chunks are offered to the shared table in an order that depends on timing, so keys
 * are lowered (LOWER) and stale copies dropped all the time; the parents, and so the traces, must still be
 * the sequential search's. Claiming a level's chunks from the last to the first (a test tuning) offers
 * every successor in descending key order, deterministically even on one worker: the right tie-break must
 * still give the sequential traces, and a deliberately wrong one (the first key offered wins) must change
 * some — so the LOWER path is exercised and the comparison can fail. And every budget stops a parallel
 * search, on both engines, as incomplete.
 */
class SharedSearchStressTest {

    /** Chunks of one state, segments of two: the most interleaving of offers the engine allows. */
    private static final SharedTuning TINY = new SharedTuning(1, 2, false);

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
    void racingWorkersOnOneStateChunksKeepTheSequentialTraces() {
        for (long target : targets()) {
            assertEquals(trace(Explorer.check(reach(target, 1))), trace(Explorer.check(reach(target, 4), TINY)));
        }
    }

    @Test
    void chunksClaimedLastFirstLowerEveryKeyAndTheFirstKeyTieBreakIsCaughtDeterministically() {
        SharedTuning reversed = new SharedTuning(1, 2, false, true);
        SharedTuning reversedWrong = new SharedTuning(1, 2, true, true);
        int differing = 0;
        for (long target : targets()) {
            String expected = trace(Explorer.check(reach(target, 1)));
            for (int workers : new int[] {1, 2}) {
                // one worker: every successor is offered in descending key order, so each state with two
                // parents in the level before is lowered; the least key must still win
                assertEquals(expected, trace(Explorer.check(reach(target, workers), reversed)), workers + " workers");
            }
            if (!expected.equals(trace(Explorer.check(reach(target, 1), reversedWrong)))) {
                differing++;
            }
        }
        assertTrue(differing > 0, "keeping the first key offered, with the last chunk claimed first, must change"
                + " some trace");
    }

    /**
     * A table of 1024 slots at first grows many times while the workers insert into it (each growth a
     * rendezvous in the middle of a level, with chunks of one state racing): the traces, counts and verdicts
     * stay the sequential search's, and the growths did happen.
     */
    @Test
    void aTableThatGrowsInTheMiddleOfLevelsKeepsTheSequentialResults() {
        SharedTuning growing = new SharedTuning(1, 2, false, false, 1024, 0);
        for (long target : targets()) {
            CheckResult one = Explorer.check(reach(target, 1));
            for (int workers : new int[] {2, 3}) {
                CheckResult more = Explorer.check(reach(target, workers), growing);
                ParallelSearchTest.assertSame(one, more, "target " + Long.toHexString(target) + ", " + workers + " workers");
                assertEquals(trace(one), trace(more));
            }
        }
        CounterGrid grid = new CounterGrid(3, 40);
        SearchOptions options = SearchOptions.defaults().withWorkers(2);
        CheckResult one = Explorer.check(new CheckRequest<>(grid, List.of(), SearchOptions.defaults()));
        try (SpillSpace space = new SpillSpace(null, 64L << 20, SpillSpace.MACHINE_DISK, SpillSpace.Opener.FILES)) {
            SearchContext<Long> ctx = new SearchContext<>(grid, new StateJudge<>(grid, List.of()),
                    new InterleavingSelfCheck<>(grid),
                    new SearchMeter(options.budget(), SearchListener.NONE, HeapGauge.jvm(), Long.MAX_VALUE), options,
                    space);
            SharedBreadthFirstSearch<Long> search = SharedBreadthFirstSearch.create(ctx, 2,
                    new SharedTuning(16, 64, false, false, 1024, 0));
            assertInstanceOf(SearchOutcome.Completed.class, search.run());
            assertEquals(one.statistics().distinctStates(), search.distinctStates());
            assertTrue(search.tableGrows() >= 6, "the table grew while the levels ran: " + search.tableGrows());
            search.release();
        }
    }

    /**
     * A table that cannot grow past 4096 slots (as if memory for a larger one could not be had) ends the
     * search as incomplete for the memory budget, with statistics, in the middle of a level.
     */
    @Test
    void aTableThatCannotGrowStopsTheSearchIncomplete() {
        CheckResult result = Explorer.check(new CheckRequest<>(new CounterGrid(3, 40), List.of(),
                SearchOptions.defaults().withWorkers(2)), new SharedTuning(16, 64, false, false, 1024, 4096));
        CheckResult.Incomplete i = assertInstanceOf(CheckResult.Incomplete.class, result);
        assertEquals(IncompleteReason.MEMORY_BUDGET, i.reason());
        assertTrue(i.statistics().distinctStates() > 1000 && i.statistics().distinctStates() < 4096,
                "stopped near three quarters of 4096 slots: " + i.statistics());
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
