package org.mmspec.checker.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.mmspec.checker.observe.SearchListener;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.IncompleteReason;
import org.mmspec.checker.result.Statistics;
import org.mmspec.checker.scenario.Scenario;
import org.mmspec.checker.scenario.ScenarioCatalog;
import org.mmspec.checker.scenario.ScenarioRun;
import org.mmspec.checker.specs.ScenarioBounds;
import org.mmspec.checker.specs.SpecCheck;
import org.mmspec.checker.specs.SpecSuite;
import org.mmspec.checker.toy.CounterGrid;
import org.mmspec.checker.toy.ToyInvariant;
import org.mmspec.checker.toy.Toys;
import org.mmspec.checker.trace.JsonTraceWriter;
import org.mmspec.ref.bugs.BugId;
import org.mmspec.spec.load.SpecScenario;
import org.mmspec.spec.semantics.TransitionSystem;
import org.mmspec.spec.semantics.Witness;

/**
 * The parallel BFS, on both engines ({@link Partition}), gives the sequential search's result — the verdict,
 * the trace byte for byte, the distinct and generated counts — with 2, 3 and 4 workers: on toy systems, on
 * every standard and bug scenario of the reference implementation, on every scenario of {@code spec/mm} and
 * on the benchmark model's small scenarios; and it really runs on several threads.
 */
class ParallelSearchTest {

    @Test
    void toysGiveTheSameResultWithAnyNumberOfWorkers() {
        for (Toys.Case c : List.of(Toys.lostUpdate(), Toys.abba(), Toys.peterson(false), Toys.peterson(true),
                Toys.preemptionChoice(), Toys.shortcut(), Toys.independent(6), Toys.history(4))) {
            CheckResult one = Checks.check(c, SearchOptions.defaults());
            for (Partition p : Partition.values()) {
                for (int workers = 2; workers <= 4; workers++) {
                    assertSame(one, Checks.check(c, SearchOptions.defaults().withWorkers(workers).withPartition(p)),
                            c.system() + " " + p + " " + workers);
                }
            }
        }
    }

    @Test
    void theViolationOfLeastRankIsReportedWhenSeveralStatesOfALevelViolate() {
        CounterGrid grid = new CounterGrid(3, 20);
        var bad = new ToyInvariant<Long>("sum", "the counters' sum stays below 25",
                s -> sum(s) >= 25 ? Witness.of("sum " + sum(s)) : null);
        CheckResult one = Explorer.check(new CheckRequest<>(grid, List.of(bad), SearchOptions.defaults()));
        assertInstanceOf(CheckResult.Violated.class, one);
        for (Partition p : Partition.values()) {
            for (int workers = 2; workers <= 5; workers++) {
                assertSame(one, Explorer.check(new CheckRequest<>(grid, List.of(bad),
                        SearchOptions.defaults().withWorkers(workers).withPartition(p))), p + " " + workers + " workers");
            }
        }
    }

    @Test
    void theStateBudgetStopsWithTheSequentialVerdictAndCount() {
        CounterGrid grid = new CounterGrid(3, 30);
        for (long limit : new long[] {1, 2, 100, 1_234, 20_000}) {
            SearchOptions o = SearchOptions.defaults().withBudget(SearchOptions.defaults().budget().withMaxStates(limit));
            CheckResult one = Explorer.check(new CheckRequest<>(grid, List.of(), o));
            for (Partition p : Partition.values()) {
                for (int workers = 2; workers <= 4; workers++) {
                    CheckResult more = Explorer.check(new CheckRequest<>(grid, List.of(),
                            o.withWorkers(workers).withPartition(p)));
                    CheckResult.Incomplete i = assertInstanceOf(CheckResult.Incomplete.class, more);
                    assertEquals(IncompleteReason.STATE_BUDGET, i.reason());
                    if (p == Partition.SHARED) {
                        assertSame(one, more, "limit " + limit + " " + p + " " + workers);
                    } else {
                        // the owner engine counts every successor of the refused state's parent as generated
                        assertEquals(one.statistics().distinctStates(), more.statistics().distinctStates(),
                                "limit " + limit + " " + p + " " + workers);
                    }
                }
            }
        }
    }

    @Test
    void theWorkersRunOnSeveralThreads() {
        for (Partition p : Partition.values()) {
            Set<String> threads = ConcurrentHashMap.newKeySet();
            CheckResult r = Explorer.check(new CheckRequest<>(new Recording(new CounterGrid(4, 20), threads), List.of(),
                    SearchOptions.defaults().withWorkers(3).withPartition(p)));
            assertInstanceOf(CheckResult.Passed.class, r);
            assertEquals(21L * 21 * 21 * 21, r.statistics().distinctStates());
            assertTrue(threads.size() >= 2, p + ": threads that stepped: " + threads);
        }
    }

    @Test
    void aSystemWithoutReplicasIsSearchedOnOneWorkerWithTheSameResult() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        TransitionSystem<Long> lone = new Recording(new CounterGrid(2, 10), threads) {
            @Override
            public TransitionSystem<Long> replica() {
                return null;
            }
        };
        CheckResult r = Explorer.check(new CheckRequest<>(lone, List.of(), SearchOptions.defaults().withWorkers(4)));
        assertEquals(121, r.statistics().distinctStates());
        assertEquals(1, threads.size(), "one thread: " + threads);
    }

    /**
     * Each scenario on one worker and on both engines; the number of workers goes round 2, 3, 4 from one
     * scenario to the next (and differs between the engines), so every engine runs with each number on a
     * third of the scenarios.
     */
    @Test
    void everyStandardAndBugScenarioGivesTheSameResultOnSeveralWorkers() {
        int checked = 0;
        for (Scenario s : ScenarioCatalog.standard().all()) {
            for (Set<BugId> bugs : s.checkedBugSets()) {
                CheckResult one = ScenarioRun.check(s, bugs, List.of(), SearchOptions.defaults(), SearchListener.NONE)
                        .result();
                for (Partition p : Partition.values()) {
                    int workers = 2 + (checked + p.ordinal()) % 3;
                    CheckResult more = ScenarioRun.check(s, bugs, List.of(),
                            SearchOptions.defaults().withWorkers(workers).withPartition(p), SearchListener.NONE).result();
                    assertSame(one, more, s.name() + " " + bugs + " " + p + " " + workers);
                }
                checked++;
            }
        }
        assertTrue(checked >= 15, "scenarios checked: " + checked);
    }

    @Test
    void everySpecScenarioAndTheBenchModelGiveTheSameResultOnSeveralWorkers() throws IOException {
        List<SpecCheck[]> pairs = new ArrayList<>();
        for (Path dir : List.of(Path.of("..", "spec", "mm"), Path.of("..", "bench", "models"))) {
            for (SpecSuite.File f : SpecSuite.of(dir).files()) {
                SpecSuite.Loaded l = assertInstanceOf(SpecSuite.Loaded.class, f);
                for (SpecScenario s : l.program().scenarios()) {
                    if (dir.endsWith("models") && !s.name().equals("tiny")) {
                        continue;
                    }
                    SearchOptions o = ScenarioBounds.apply(s.bounds(), SearchOptions.defaults());
                    SpecCheck one = SpecCheck.run(l.name(), s, o, SearchListener.NONE);
                    for (Partition p : Partition.values()) {
                        int more = 2 + (pairs.size() / 2 + p.ordinal()) % 3;
                        pairs.add(new SpecCheck[] {one, SpecCheck.run(l.name(), s,
                                o.withWorkers(more).withPartition(p), SearchListener.NONE)});
                    }
                }
            }
        }
        assertTrue(pairs.size() >= 44, "spec scenarios checked on both engines: " + pairs.size());
        for (SpecCheck[] p : pairs) {
            assertSame(p[0].result(), p[1].result(), p[0].name());
        }
    }

    private static long sum(long s) {
        long sum = 0;
        for (int t = 0; t < 8; t++) {
            sum += (s >>> (8 * t)) & 0xFF;
        }
        return sum;
    }

    /** The same verdict, trace (as its JSON file) and counts. */
    static void assertSame(CheckResult expected, CheckResult actual, String what) {
        assertEquals(expected.getClass(), actual.getClass(), what);
        assertEquals(counts(expected.statistics()), counts(actual.statistics()), what);
        switch (expected) {
            case CheckResult.Violated v -> {
                CheckResult.Violated w = (CheckResult.Violated) actual;
                assertEquals(JsonTraceWriter.write(Map.of(), v.trace(), v.violation()),
                        JsonTraceWriter.write(Map.of(), w.trace(), w.violation()), what);
            }
            case CheckResult.Incomplete i -> assertEquals(i.reason(), ((CheckResult.Incomplete) actual).reason(), what);
            case CheckResult.Passed p -> assertEquals(p.coverage(), ((CheckResult.Passed) actual).coverage(), what);
        }
    }

    private static List<Long> counts(Statistics s) {
        return List.of(s.distinctStates(), s.statesGenerated(), s.transitions(), (long) s.maxDepth());
    }

    /** A system that notes the threads that step it; its replicas note into the same set. */
    static class Recording extends ForwardingSystem<Long> {
        private final CounterGrid grid;
        private final Set<String> threads;

        Recording(CounterGrid grid, Set<String> threads) {
            super(grid);
            this.grid = grid;
            this.threads = threads;
        }

        @Override
        public TransitionSystem<Long> replica() {
            return new Recording(grid, threads);
        }

        @Override
        public Long step(Long s, int thread) {
            threads.add(Thread.currentThread().getName() + "@" + System.identityHashCode(Thread.currentThread()));
            return grid.step(s, thread);
        }
    }
}
