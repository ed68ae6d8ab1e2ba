package org.mmspec.checker.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import org.mmspec.ref.bugs.BugId;
import org.mmspec.ref.system.KernelSystem;
import org.mmspec.spec.load.LoadResult;
import org.mmspec.spec.load.SpecLoader;
import org.mmspec.spec.load.SpecScenario;

/**
 * Fingerprints kept on disk ({@code --fp-memory}, {@link org.mmspec.checker.store.DiskFingerprintSet}) change
 * nothing a search finds: with an in-memory table of a few hundred fingerprints, merged into the file on
 * disk again and again, every strategy gives the same verdict, trace and counts as with all of them in
 * memory; running out of disk ends the search as incomplete; checkpoints carry the set over.
 */
class FingerprintsOnDiskTest {

    /** A table of about 450 fingerprints: the searches below merge it into the file many times. */
    private static final long TINY = 4096;

    private static CheckRequest<?> bug(BugId bug, SearchOptions options) {
        Scenario s = ScenarioCatalog.standard().forBug(bug).orElseThrow();
        KernelSystem system = s.instantiate(Set.of(bug));
        return new CheckRequest<>(system, InvariantSource.resolve(system.config(), s.invariants()), options);
    }

    private static CheckRequest<?> standard(String name, SearchOptions options) {
        Scenario s = ScenarioCatalog.standard().byName(name).orElseThrow();
        KernelSystem system = s.instantiate(Set.of());
        return new CheckRequest<>(system, InvariantSource.resolve(system.config(), s.invariants()), options);
    }

    private static CheckRequest<?> spec(String file, SearchOptions options) {
        LoadResult.Loaded loaded = assertInstanceOf(LoadResult.Loaded.class, SpecLoader.load(Path.of(file)));
        SpecScenario s = loaded.program().scenarios().get(0);
        return new CheckRequest<>(s.system(), s.invariants(), options);
    }

    private static SearchOptions onDisk(SearchOptions options, Path spill, long bytes) {
        return options.withFiles(options.files().withSpillDirectory(spill).withFingerprintMemoryBytes(bytes));
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void aTinyTableMergedToDiskManyTimesFindsWhatTheInMemorySetFinds(Strategy strategy, @TempDir Path spill) {
        SearchOptions inMemory = SearchOptions.defaults().withStrategy(strategy).withWorkers(1).withRandomWalks(200);
        SearchOptions disk = onDisk(inMemory, spill, TINY);
        List<java.util.function.Function<SearchOptions, CheckRequest<?>>> cases = List.of(
                o -> bug(BugId.DIRTY_COW, o), o -> bug(BugId.PCP_FREE_DRIFT, o),
                o -> standard("fault-vs-fault", o), o -> spec("../spec/mm/dirty_cow.mmspec", o),
                o -> spec("../spec/mm/lock_page_killable.mmspec", o.withReduction(true)),
                o -> new CheckRequest<>(SpillAndResumeTest.counters(), List.of(), o.withFiles(
                        o.files().withFingerprintMemoryBytes(o.files().fingerprintMemoryBytes() == 0 ? 0 : 8 * TINY))));
        boolean merged = false;
        for (var c : cases) {
            CheckResult expected = Explorer.check(c.apply(inMemory));
            CheckResult actual = Explorer.check(c.apply(disk));
            Checks.assertSameSearch(expected, actual);
            merged |= actual.statistics().diskBytes() > 0;
        }
        assertTrue(merged, "some search put its fingerprints on disk");
    }

    @Test
    void theCountersToyGoesToDiskAndComesOutWhole(@TempDir Path spill) {
        SearchOptions options = onDisk(SearchOptions.defaults().withWorkers(1), spill, 64 * 1024);
        CheckResult r = Explorer.check(new CheckRequest<>(SpillAndResumeTest.counters(), List.of(), options));
        assertInstanceOf(CheckResult.Passed.class, r);
        assertEquals(161_051, r.statistics().distinctStates());
        assertTrue(r.statistics().diskBytes() >= 8 * (161_051 - 7_300), "the fingerprints went to disk: " + r.statistics());
        assertTrue(r.statistics().storeBytes() < 161_051 * 8, "the store holds less than the fingerprints in memory");
    }

    @Test
    void runningOutOfDiskEndsTheSearchAsIncomplete(@TempDir Path spill) throws IOException {
        SearchOptions budget = onDisk(SearchOptions.defaults().withWorkers(1)
                .withBudget(Budget.unlimited().withMaxDiskBytes(64 * 1024)), spill, TINY);
        CheckResult.Incomplete i = assertInstanceOf(CheckResult.Incomplete.class,
                Explorer.check(new CheckRequest<>(SpillAndResumeTest.counters(), List.of(), budget)));
        assertEquals(IncompleteReason.DISK_BUDGET, i.reason());
        assertTrue(i.statistics().distinctStates() > 4096 && i.statistics().distinctStates() < 161_051, i.toString());

        Path notADirectory = Files.writeString(spill.resolve("a-file"), "x");
        SearchOptions full = onDisk(SearchOptions.defaults().withWorkers(1)
                .withBudget(Budget.unlimited().withMaxDiskBytes(1L << 30)), notADirectory, TINY);
        CheckResult.Incomplete f = assertInstanceOf(CheckResult.Incomplete.class,
                Explorer.check(new CheckRequest<>(SpillAndResumeTest.counters(), List.of(), full)));
        assertEquals(IncompleteReason.DISK_FULL, f.reason());
        assertTrue(f.statistics().distinctStates() > 0, f.toString());
    }

    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"BFS", "DFS"})
    void aCheckpointedSearchWithFingerprintsOnDiskResumesToTheSameResult(Strategy strategy, @TempDir Path dir) {
        SearchOptions base = onDisk(SearchOptions.defaults().withStrategy(strategy).withWorkers(1),
                dir.resolve("spill"), 512);
        CheckResult whole = Explorer.check(bug(BugId.DIRTY_COW, base));
        assertInstanceOf(CheckResult.Violated.class, whole);
        long total = whole.statistics().distinctStates();
        assertTrue(total > 2 * 55, "the search merges its table (55 fingerprints) at least twice: " + total);
        for (long stopAt : new long[] {total / 2}) {
            Path cp = dir.resolve("cp" + stopAt);
            SearchOptions first = base.withBudget(Budget.defaults().withMaxStates(stopAt))
                    .withFiles(base.files().withCheckpoint(cp, Duration.ZERO));
            CheckResult stopped = Explorer.check(bug(BugId.DIRTY_COW, first));
            assertEquals(IncompleteReason.STATE_BUDGET, assertInstanceOf(CheckResult.Incomplete.class, stopped).reason());
            SearchOptions resumed = base.withFiles(base.files().withResume(cp));
            Checks.assertSameSearch(whole, Explorer.check(bug(BugId.DIRTY_COW, resumed)));
            SearchOptions inMemory = base.withFiles(base.files().withFingerprintMemoryBytes(0).withResume(cp));
            Checks.assertSameSearch(whole, Explorer.check(bug(BugId.DIRTY_COW, inMemory)));
        }
    }
}
