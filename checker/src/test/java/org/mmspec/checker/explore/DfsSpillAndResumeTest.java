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
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.IncompleteReason;
import org.mmspec.checker.scenario.InvariantSource;
import org.mmspec.checker.scenario.Scenario;
import org.mmspec.checker.scenario.ScenarioCatalog;
import org.mmspec.checker.toy.Branching;
import org.mmspec.checker.toy.Toy;
import org.mmspec.checker.toy.ToyBuilder;
import org.mmspec.checker.toy.ToyInvariant;
import org.mmspec.ref.bugs.BugId;
import org.mmspec.ref.state.KernelState;
import org.mmspec.ref.system.KernelSystem;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.Witness;

/** The DFS stack on disk and DFS checkpoints change nothing a search finds; running out of disk is a budget. */
class DfsSpillAndResumeTest {

    private static final SearchOptions DFS = SearchOptions.defaults().withStrategy(Strategy.DFS);

    /** Two counters of 0..150 (22,801 states): a depth-first stack of up to 301 frames. */
    static Toy deep() {
        ToyBuilder b = Toy.builder();
        for (int t = 0; t < 2; t++) {
            String mine = "c" + t;
            b.variable(mine, 0);
            b.thread("T" + t, p -> {
                for (int i = 0; i < 150; i++) {
                    p.step("count", v -> v.set(mine, v.get(mine) + 1));
                }
            });
        }
        return b.build();
    }

    /** Fails deep in the search: when T0 is done and T1 has counted to 140 (at depth 290). */
    static Invariant<Toy.State> notDeep(Toy toy) {
        return new ToyInvariant<>("not_deep", "c0 = 150 and c1 = 140 never hold together",
                s -> toy.value(s, "c0") == 150 && toy.value(s, "c1") == 140 ? Witness.of("deep") : null);
    }

    private static CheckResult deep(SearchOptions options, boolean withInvariant) {
        Toy toy = deep();
        return Explorer.check(new CheckRequest<>(toy, withInvariant ? List.of(notDeep(toy)) : List.of(), options));
    }

    /** T0 ticks 200 times, then picks one of 6 values (the last breaks the invariant); T1 ticks 201 times. */
    private static CheckResult branching(SearchOptions options) {
        Branching b = new Branching(200, 6);
        return Explorer.check(new CheckRequest<>(b, List.of(b.vNotLast()), options));
    }

    private static SearchOptions onDisk(Path spill) {
        return DFS.withFiles(SearchFiles.defaults().withSpillDirectory(spill).withFrontierMemoryBytes(0));
    }

    @Test
    void aStackKeptOnDiskFindsTheSameAsOneInMemory(@TempDir Path spill) {
        CheckResult passed = deep(onDisk(spill), false);
        assertInstanceOf(CheckResult.Passed.class, passed);
        assertEquals(151 * 151, passed.statistics().distinctStates());
        assertTrue(passed.statistics().diskBytes() > 0, "the stack went to disk: " + passed.statistics());
        Checks.assertSameSearch(deep(DFS, false), passed);

        CheckResult violated = deep(onDisk(spill), true);
        assertInstanceOf(CheckResult.Violated.class, violated);
        assertTrue(violated.statistics().diskBytes() > 0, "the stack went to disk: " + violated.statistics());
        Checks.assertSameSearch(deep(DFS, true), violated);

        CheckResult picked = branching(onDisk(spill));
        assertInstanceOf(CheckResult.Violated.class, picked);
        assertTrue(picked.statistics().diskBytes() > 0, "the stack went to disk: " + picked.statistics());
        Checks.assertSameSearch(branching(DFS), picked);
        try (var left = Files.list(spill)) {
            assertEquals(0, left.count(), "spill files are deleted");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aTinyDiskBudgetEndsTheDepthFirstSearchAsIncomplete() {
        SearchOptions options = DFS.withBudget(Budget.unlimited().withMaxDiskBytes(1024))
                .withFiles(SearchFiles.defaults().withFrontierMemoryBytes(0));
        CheckResult.Incomplete i = assertInstanceOf(CheckResult.Incomplete.class, deep(options, false));
        assertEquals(IncompleteReason.DISK_BUDGET, i.reason());
        assertTrue(i.statistics().distinctStates() >= 2 * 64 && i.statistics().distinctStates() < 151 * 151,
                i.statistics().toString());
    }

    @Test
    void aFullDiskEndsTheDepthFirstSearchAsIncomplete() {
        SearchOptions options = DFS.withFiles(SearchFiles.defaults().withFrontierMemoryBytes(0)
                .withOpener(file -> {
                    throw new IOException("No space left on device");
                }));
        CheckResult.Incomplete i = assertInstanceOf(CheckResult.Incomplete.class, deep(options, false));
        assertEquals(IncompleteReason.DISK_FULL, i.reason());
    }

    private static CheckRequest<KernelState> dirtyCow(SearchOptions options) {
        Scenario s = ScenarioCatalog.standard().forBug(BugId.DIRTY_COW).orElseThrow();
        KernelSystem system = s.instantiate(Set.of(BugId.DIRTY_COW));
        return new CheckRequest<>(system, InvariantSource.resolve(system.config(), s.invariants()), options);
    }

    @Test
    void aResumedDepthFirstSearchEndsWithTheSameVerdictAndTraceAsAnUninterruptedOne(@TempDir Path dir) {
        CheckResult uninterrupted = Explorer.check(dirtyCow(DFS));
        assertInstanceOf(CheckResult.Violated.class, uninterrupted);
        long total = uninterrupted.statistics().distinctStates();
        for (long stopAt : new long[] {2, total / 3, total - 2}) {
            Path cp = dir.resolve("cp" + stopAt);
            SearchOptions first = DFS.withBudget(Budget.defaults().withMaxStates(stopAt))
                    .withFiles(SearchFiles.defaults().withCheckpoint(cp, Duration.ZERO));
            CheckResult stopped = Explorer.check(dirtyCow(first));
            assertEquals(IncompleteReason.STATE_BUDGET, assertInstanceOf(CheckResult.Incomplete.class, stopped).reason());
            assertTrue(Files.isDirectory(cp.resolve("current")), "a checkpoint was written");
            SearchOptions resumed = DFS.withFiles(SearchFiles.defaults().withResume(cp));
            Checks.assertSameSearch(uninterrupted, Explorer.check(dirtyCow(resumed)));
        }
    }

    @Test
    void aSpilledStackIsCheckpointedWholeAndResumes(@TempDir Path dir) {
        CheckResult uninterrupted = branching(DFS);
        SearchOptions first = DFS.withBudget(Budget.defaults().withMaxTime(Duration.ofNanos(1)))
                .withFiles(SearchFiles.defaults().withFrontierMemoryBytes(0).withCheckpoint(dir, Duration.ofHours(1)));
        // The clock stops the search at its first poll, after a few hundred steps (deep, with frames on disk).
        CheckResult stopped = branching(first);
        assertEquals(IncompleteReason.TIME_BUDGET, assertInstanceOf(CheckResult.Incomplete.class, stopped).reason());
        SearchOptions resumed = DFS.withFiles(SearchFiles.defaults().withResume(dir));
        Checks.assertSameSearch(uninterrupted, branching(resumed));
        SearchOptions resumedOnDisk = DFS.withFiles(SearchFiles.defaults().withFrontierMemoryBytes(0).withResume(dir));
        Checks.assertSameSearch(uninterrupted, branching(resumedOnDisk));
    }

    @Test
    void aDamagedOrForeignCheckpointIsRefused(@TempDir Path dir) throws IOException {
        SearchOptions first = DFS.withBudget(Budget.defaults().withMaxStates(400))
                .withFiles(SearchFiles.defaults().withCheckpoint(dir, Duration.ZERO));
        deep(first, false);
        SearchOptions bfs = SearchOptions.defaults().withFiles(SearchFiles.defaults().withResume(dir));
        CheckpointException other = assertThrows(CheckpointException.class, () -> deep(bfs, false));
        assertTrue(other.getMessage().contains("another search"), other.getMessage());
        Path stack = dir.resolve("current").resolve(Checkpoints.FRONTIER);
        byte[] bytes = Files.readAllBytes(stack);
        Files.write(stack, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        SearchOptions resumed = DFS.withFiles(SearchFiles.defaults().withResume(dir));
        CheckpointException damaged = assertThrows(CheckpointException.class, () -> deep(resumed, false));
        assertTrue(damaged.getMessage().contains("damaged"), damaged.getMessage());
    }
}
