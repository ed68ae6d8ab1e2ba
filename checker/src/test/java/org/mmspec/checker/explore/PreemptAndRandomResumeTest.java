package org.mmspec.checker.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.IncompleteReason;
import org.mmspec.checker.scenario.InvariantSource;
import org.mmspec.checker.scenario.Scenario;
import org.mmspec.checker.scenario.ScenarioCatalog;
import org.mmspec.checker.toy.Toy;
import org.mmspec.checker.toy.ToyBuilder;
import org.mmspec.ref.bugs.BugId;
import org.mmspec.ref.system.KernelSystem;

/**
 * Preemption-bounded and random searches checkpoint and resume: stopped at several points and resumed,
 * they end with the verdict, the trace and the counts of a search that was never interrupted.
 */
class PreemptAndRandomResumeTest {

    /** Three counters of 0..4 (125 states). */
    static Toy small() {
        ToyBuilder b = Toy.builder();
        for (int t = 0; t < 3; t++) {
            String mine = "c" + t;
            b.variable(mine, 0);
            b.thread("T" + t, p -> {
                for (int i = 0; i < 4; i++) {
                    p.step("count", v -> v.set(mine, v.get(mine) + 1));
                }
            });
        }
        return b.build();
    }

    private static CheckRequest<?> dirtyCow(SearchOptions options) {
        Scenario s = ScenarioCatalog.standard().forBug(BugId.DIRTY_COW).orElseThrow();
        KernelSystem system = s.instantiate(Set.of(BugId.DIRTY_COW));
        return new CheckRequest<>(system, InvariantSource.resolve(system.config(), s.invariants()), options);
    }

    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"PREEMPT", "RANDOM"})
    void aSearchStoppedAnywhereResumesToTheSameVerdictTraceAndCounts(Strategy strategy, @TempDir Path dir) {
        SearchOptions base = SearchOptions.defaults().withStrategy(strategy).withRandomWalks(40).withSeed(7);
        List<Function<SearchOptions, CheckRequest<?>>> cases = List.of(
                PreemptAndRandomResumeTest::dirtyCow, o -> new CheckRequest<>(small(), List.of(), o));
        int n = 0;
        for (Function<SearchOptions, CheckRequest<?>> c : cases) {
            CheckResult whole = Explorer.check(c.apply(base));
            long total = whole.statistics().distinctStates();
            for (long stopAt : new long[] {2, total - 2}) {
                Path cp = dir.resolve("cp" + n++);
                SearchOptions first = base.withBudget(Budget.defaults().withMaxStates(stopAt))
                        .withFiles(SearchFiles.defaults().withCheckpoint(cp, Duration.ZERO));
                CheckResult stopped = Explorer.check(c.apply(first));
                assertEquals(IncompleteReason.STATE_BUDGET,
                        assertInstanceOf(CheckResult.Incomplete.class, stopped).reason(), stopped.toString());
                assertTrue(Files.isDirectory(cp.resolve("current")), "a checkpoint was written");
                SearchOptions resumed = base.withFiles(SearchFiles.defaults().withResume(cp));
                Checks.assertSameSearch(whole, Explorer.check(c.apply(resumed)));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"PREEMPT", "RANDOM"})
    void aSearchStoppedByTheClockResumesFromWhereItStopped(Strategy strategy, @TempDir Path dir) {
        SearchOptions base = SearchOptions.defaults().withStrategy(strategy).withRandomWalks(40);
        CheckResult whole = Explorer.check(new CheckRequest<>(SpillAndResumeTest.counters(), List.of(), base));
        SearchOptions first = base.withBudget(Budget.defaults().withMaxTime(Duration.ofNanos(1)))
                .withFiles(SearchFiles.defaults().withCheckpoint(dir, Duration.ofHours(1)));
        CheckResult stopped = Explorer.check(new CheckRequest<>(SpillAndResumeTest.counters(), List.of(), first));
        assertEquals(IncompleteReason.TIME_BUDGET, assertInstanceOf(CheckResult.Incomplete.class, stopped).reason());
        SearchOptions resumed = base.withFiles(SearchFiles.defaults().withResume(dir));
        Checks.assertSameSearch(whole, Explorer.check(new CheckRequest<>(SpillAndResumeTest.counters(), List.of(), resumed)));
    }

    @Test
    void aRandomSearchWithItsFingerprintsOnDiskResumes(@TempDir Path dir) {
        SearchOptions base = SearchOptions.defaults().withStrategy(Strategy.RANDOM).withRandomWalks(30);
        base = base.withFiles(base.files().withSpillDirectory(dir.resolve("spill")).withFingerprintMemoryBytes(2048));
        CheckResult whole = Explorer.check(new CheckRequest<>(SpillAndResumeTest.counters(), List.of(), base));
        assertTrue(whole.statistics().diskBytes() > 0, "the fingerprints went to disk: " + whole.statistics());
        long total = whole.statistics().distinctStates();
        Path cp = dir.resolve("cp");
        SearchOptions first = base.withBudget(Budget.defaults().withMaxStates(total / 2))
                .withFiles(base.files().withCheckpoint(cp, Duration.ZERO));
        assertInstanceOf(CheckResult.Incomplete.class,
                Explorer.check(new CheckRequest<>(SpillAndResumeTest.counters(), List.of(), first)));
        SearchOptions resumed = base.withFiles(base.files().withResume(cp));
        Checks.assertSameSearch(whole, Explorer.check(new CheckRequest<>(SpillAndResumeTest.counters(), List.of(), resumed)));
    }

    @Test
    void aRandomCheckpointResumesOnlyTheSameSeedAndWalks(@TempDir Path dir) {
        SearchOptions base = SearchOptions.defaults().withStrategy(Strategy.RANDOM).withRandomWalks(40);
        SearchOptions first = base.withBudget(Budget.defaults().withMaxStates(30))
                .withFiles(SearchFiles.defaults().withCheckpoint(dir, Duration.ZERO));
        Explorer.check(new CheckRequest<>(small(), List.of(), first));
        for (SearchOptions other : List.of(base.withSeed(1), base.withRandomWalks(41),
                base.withStrategy(Strategy.PREEMPT))) {
            SearchOptions resumed = other.withFiles(SearchFiles.defaults().withResume(dir));
            CheckpointException e = assertThrows(CheckpointException.class,
                    () -> Explorer.check(new CheckRequest<>(small(), List.of(), resumed)));
            assertTrue(e.getMessage().contains("another search"), e.getMessage());
        }
    }
}
