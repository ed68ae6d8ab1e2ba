package org.mmspec.checker.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.IncompleteReason;
import org.mmspec.checker.scenario.InvariantSource;
import org.mmspec.checker.scenario.Scenario;
import org.mmspec.checker.scenario.ScenarioCatalog;
import org.mmspec.checker.toy.CounterGrid;
import org.mmspec.checker.toy.Toy;
import org.mmspec.checker.toy.ToyBuilder;
import org.mmspec.ref.bugs.BugId;
import org.mmspec.ref.state.KernelState;
import org.mmspec.ref.system.KernelSystem;

/** The frontier on disk and checkpoints change nothing a search finds; running out of disk is a budget. */
class SpillAndResumeTest {

    private static CheckRequest<KernelState> scenario(String name, Set<BugId> bugs, SearchOptions options) {
        Scenario s = ScenarioCatalog.standard().byName(name).orElseThrow();
        KernelSystem system = s.instantiate(bugs);
        return new CheckRequest<>(system, InvariantSource.resolve(system.config(), s.invariants()), options);
    }

    /** Five counters of 0..10 (161,051 states): a frontier of thousands of states. */
    static Toy counters() {
        ToyBuilder b = Toy.builder();
        for (int t = 0; t < 5; t++) {
            String mine = "c" + t;
            b.variable(mine, 0);
            b.thread("T" + t, p -> {
                for (int i = 0; i < 10; i++) {
                    p.step("count", v -> v.set(mine, v.get(mine) + 1));
                }
            });
        }
        return b.build();
    }

    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"BFS", "PREEMPT"})
    void aFrontierKeptOnDiskFindsTheSameAsOneInMemory(Strategy strategy, @TempDir Path spill) {
        SearchOptions inMemory = SearchOptions.defaults().withStrategy(strategy);
        SearchOptions onDisk = inMemory.withFiles(SearchFiles.defaults().withSpillDirectory(spill).withFrontierMemoryBytes(0));
        for (BugId bug : List.of(BugId.DIRTY_COW, BugId.PCP_FREE_DRIFT)) {
            String name = ScenarioCatalog.standard().forBug(bug).orElseThrow().name();
            Checks.assertSameSearch(Explorer.check(scenario(name, Set.of(bug), inMemory)),
                    Explorer.check(scenario(name, Set.of(bug), onDisk)));
        }
        CheckResult big = Explorer.check(new CheckRequest<>(counters(), List.of(), onDisk));
        assertInstanceOf(CheckResult.Passed.class, big);
        if (strategy == Strategy.BFS) {
            assertEquals(161_051, big.statistics().distinctStates());
        }
        assertTrue(big.statistics().diskBytes() > 0, "the frontier went to disk: " + big.statistics());
        Checks.assertSameSearch(Explorer.check(new CheckRequest<>(counters(), List.of(), inMemory)), big);
    }

    @Test
    void aTinyDiskBudgetEndsTheSearchAsIncomplete() {
        SearchOptions options = SearchOptions.defaults().withBudget(Budget.unlimited().withMaxDiskBytes(4096))
                .withFiles(SearchFiles.defaults().withFrontierMemoryBytes(0));
        CheckResult.Incomplete i = assertInstanceOf(CheckResult.Incomplete.class,
                Explorer.check(new CheckRequest<>(counters(), List.of(), options)));
        assertEquals(IncompleteReason.DISK_BUDGET, i.reason());
        assertTrue(i.statistics().distinctStates() > 0 && i.statistics().distinctStates() < 161_051);
    }

    @Test
    void aFullDiskEndsTheSearchAsIncomplete() {
        SearchOptions options = SearchOptions.defaults().withFiles(SearchFiles.defaults().withFrontierMemoryBytes(0)
                .withOpener(file -> {
                    throw new IOException("No space left on device");
                }));
        CheckResult.Incomplete i = assertInstanceOf(CheckResult.Incomplete.class,
                Explorer.check(new CheckRequest<>(counters(), List.of(), options)));
        assertEquals(IncompleteReason.DISK_FULL, i.reason());
    }

    @Test
    void aResumedSearchEndsWithTheSameVerdictAndTraceAsAnUninterruptedOne(@TempDir Path dir) {
        Set<BugId> bug = Set.of(BugId.DIRTY_COW);
        String name = ScenarioCatalog.standard().forBug(BugId.DIRTY_COW).orElseThrow().name();
        CheckResult uninterrupted = Explorer.check(scenario(name, bug, SearchOptions.defaults()));
        assertInstanceOf(CheckResult.Violated.class, uninterrupted);
        long total = uninterrupted.statistics().distinctStates();
        for (long stopAt : new long[] {2, total / 3, total - 2}) {
            Path cp = dir.resolve("cp" + stopAt);
            SearchOptions first = SearchOptions.defaults().withBudget(Budget.defaults().withMaxStates(stopAt))
                    .withFiles(SearchFiles.defaults().withCheckpoint(cp, Duration.ZERO));
            CheckResult stopped = Explorer.check(scenario(name, bug, first));
            assertEquals(IncompleteReason.STATE_BUDGET, assertInstanceOf(CheckResult.Incomplete.class, stopped).reason());
            assertTrue(Files.isDirectory(cp.resolve("current")), "a checkpoint was written");
            SearchOptions resumed = SearchOptions.defaults().withFiles(SearchFiles.defaults().withResume(cp));
            Checks.assertSameSearch(uninterrupted, Explorer.check(scenario(name, bug, resumed)));
        }
    }

    @Test
    void aSearchStoppedByTheClockCheckpointsWhereItStoppedAndResumes(@TempDir Path dir) {
        CheckResult uninterrupted = Explorer.check(new CheckRequest<>(counters(), List.of(), SearchOptions.defaults()));
        SearchOptions first = SearchOptions.defaults().withBudget(Budget.defaults().withMaxTime(Duration.ofNanos(1)))
                .withFiles(SearchFiles.defaults().withCheckpoint(dir, Duration.ofHours(1)));
        CheckResult stopped = Explorer.check(new CheckRequest<>(counters(), List.of(), first));
        assertEquals(IncompleteReason.TIME_BUDGET, assertInstanceOf(CheckResult.Incomplete.class, stopped).reason());
        SearchOptions resumed = SearchOptions.defaults().withFiles(SearchFiles.defaults().withResume(dir));
        Checks.assertSameSearch(uninterrupted, Explorer.check(new CheckRequest<>(counters(), List.of(), resumed)));
    }

    @Test
    void aCheckpointResumesOnlyItsOwnSearch(@TempDir Path dir) {
        SearchOptions first = SearchOptions.defaults().withBudget(Budget.defaults().withMaxStates(50))
                .withFiles(SearchFiles.defaults().withCheckpoint(dir, Duration.ZERO));
        Explorer.check(new CheckRequest<>(counters(), List.of(), first));
        SearchOptions deeper = SearchOptions.defaults().withMaxDepth(7).withFiles(SearchFiles.defaults().withResume(dir));
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> Explorer.check(new CheckRequest<>(counters(), List.of(), deeper)));
        assertTrue(e.getMessage().contains("another search"), e.getMessage());
        SearchOptions nothing = SearchOptions.defaults().withFiles(SearchFiles.defaults().withResume(dir.resolve("none")));
        assertThrows(CheckpointException.class, () -> Explorer.check(new CheckRequest<>(counters(), List.of(), nothing)));
        SearchOptions objects = SearchOptions.defaults().withFiles(SearchFiles.defaults().withCheckpoint(dir, Duration.ZERO));
        assertThrows(CheckpointException.class, () -> Explorer.check(new CheckRequest<>(new CounterGrid(2, 3), List.of(), objects)));
    }
}
