package org.mmspec.checker.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.toy.CounterGrid;
import org.mmspec.checker.toy.ToyInvariant;
import org.mmspec.checker.toy.Toys;
import org.mmspec.checker.trace.JsonTraceWriter;
import org.mmspec.spec.eval.SpecSystem;
import org.mmspec.spec.load.LoadResult;
import org.mmspec.spec.load.SpecLoader;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.ThreadPhase;
import org.mmspec.spec.semantics.TransitionSystem;
import org.mmspec.spec.semantics.Witness;

/**
 * A BFS that ramps up ({@link RampUpSearch}: one worker, then the shared engine on N from the first level of at
 * least so many states) gives the one-worker search's verdict, trace (byte for byte) and counts with the
 * hand-over forced early, late and never: on toys, on a counter grid with a violation, state budgets and a
 * depth limit, on the bench model's {@code tiny} reduced (partial order, symmetry) or not and its
 * {@code seeded_bug}, and with a frontier that spills; a short search never leaves one thread, a forced
 * hand-over does; and a hand-over that loses a visited fingerprint, a parent link or a state of the level
 * handed over gives another result, which the comparison catches.
 */
class RampUpSearchTest {

    /** Hand-over levels: at the first level (1), early, late, and never. */
    private static final long[] LEVELS = {1, 2, 3, 8, 40, 300, Long.MAX_VALUE};

    /** Verdict, counts, reason, and the trace as its JSON file. */
    static String result(CheckResult r) {
        var s = r.statistics();
        String counts = s.distinctStates() + " " + s.statesGenerated() + " " + s.transitions() + " " + s.maxDepth();
        return switch (r) {
            case CheckResult.Violated v -> "violated " + counts + " " + JsonTraceWriter.write(Map.of(), v.trace(), v.violation());
            case CheckResult.Incomplete i -> "incomplete " + i.reason() + " " + counts;
            case CheckResult.Passed p -> "passed " + p.coverage() + " " + counts;
        };
    }

    private static <S> String ramped(TransitionSystem<S> system, List<? extends Invariant<? super S>> invariants,
            SearchOptions o, int workers, long level, RampUpSearch.Loss loss) {
        return result(Explorer.check(new CheckRequest<>(system, invariants, o.withWorkers(workers).withRampUp(true)),
                new RampUpSearch.Tuning(level, loss)));
    }

    private static <S> void assertSameAtEveryLevel(TransitionSystem<S> system,
            List<? extends Invariant<? super S>> invariants, SearchOptions o, String what) {
        assertSameAt(system, invariants, o, what, LEVELS);
    }

    /** The one-worker result with the hand-over at each of {@code levels}, on 2 and 3 workers in turn. */
    private static <S> void assertSameAt(TransitionSystem<S> system,
            List<? extends Invariant<? super S>> invariants, SearchOptions o, String what, long... levels) {
        String one = result(Explorer.check(new CheckRequest<>(system, invariants, o.withWorkers(1))));
        for (int i = 0; i < levels.length; i++) {
            int workers = 2 + i % 2;
            assertEquals(one, ramped(system, invariants, o, workers, levels[i], RampUpSearch.Loss.NONE),
                    what + ", hand-over at " + levels[i] + " states, " + workers + " workers");
        }
        // and the shared engine from the first level (--workers 2: no ramp-up) gives it too
        assertEquals(one, result(Explorer.check(new CheckRequest<>(system, invariants, o.withWorkers(2)))), what);
    }

    @Test
    void toysGiveTheOneWorkerResultWhereverTheHandOverIs() {
        for (Toys.Case c : List.of(Toys.lostUpdate(), Toys.abba(), Toys.peterson(false), Toys.peterson(true),
                Toys.preemptionChoice(), Toys.shortcut(), Toys.independent(6), Toys.history(4))) {
            assertSameAtEveryLevel(c.system(), c.invariants(), SearchOptions.defaults(), c.system().toString());
        }
    }

    @Test
    void aViolationAndStateBudgetsGiveTheOneWorkerResultWhereverTheHandOverIs() {
        CounterGrid grid = new CounterGrid(3, 12);
        var bad = new ToyInvariant<Long>("sum", "the counters' sum stays below 20",
                s -> sum(s) >= 20 ? Witness.of("sum " + sum(s)) : null);
        assertSameAtEveryLevel(grid, List.of(bad), SearchOptions.defaults(), "violation");
        for (long limit : new long[] {1, 2, 50, 400, 1_234}) {
            SearchOptions o = SearchOptions.defaults().withBudget(SearchOptions.defaults().budget().withMaxStates(limit));
            assertSameAtEveryLevel(grid, List.of(), o, "state budget " + limit);
        }
        SearchOptions shallow = SearchOptions.defaults().withMaxDepth(9);
        assertSameAtEveryLevel(grid, List.of(bad), shallow, "depth limit");
    }

    @Test
    void specModelsReducedOrNotGiveTheOneWorkerResultWhereverTheHandOverIs() {
        SpecSystem tiny = bench("tiny");
        for (SearchOptions o : List.of(SearchOptions.defaults().withReduction(false),
                SearchOptions.defaults().withSymmetry(false), SearchOptions.defaults())) {
            assertSameAt(tiny, tiny.invariants(), o, "tiny reduced " + o.reduction() + " symmetry " + o.usesSymmetry(),
                    1, 3, 40, 300, 3_000);
        }
        SpecSystem bug = bench("seeded_bug");       // a violation at depth 29, past 540,000 states reduced
        String one = result(Explorer.check(new CheckRequest<>(bug, bug.invariants(), SearchOptions.defaults())));
        assertTrue(one.startsWith("violated"), one);
        assertSameAt(bug, bug.invariants(), SearchOptions.defaults(), "seeded_bug", 40, 3_000);
    }

    @Test
    void aSpillingFrontierGivesTheOneWorkerResult(@TempDir Path spill) {
        SpecSystem spec = bench("tiny");
        SearchOptions o = SearchOptions.defaults().withReduction(false)
                .withFiles(SearchFiles.defaults().withSpillDirectory(spill).withFrontierMemoryBytes(0));
        assertSameAt(spec, spec.invariants(), o, "spilled", 1, 40, 300);
    }

    @Test
    void aShortSearchStaysOnOneThreadAndAForcedHandOverTakesSeveral() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        SearchOptions o = SearchOptions.defaults().withWorkers(3).withRampUp(true);
        CounterGrid grid = new CounterGrid(4, 20);      // 194,481 states, no level of 10,000
        CheckResult r = Explorer.check(new CheckRequest<>(new ParallelSearchTest.Recording(grid, threads), List.of(), o));
        assertEquals(grid.stateCount(), assertInstanceOf(CheckResult.Passed.class, r).statistics().distinctStates());
        assertEquals(1, threads.size(), "below " + RampUpSearch.LEVEL_STATES + " states a level: " + threads);
        threads.clear();
        r = Explorer.check(new CheckRequest<>(new ParallelSearchTest.Recording(grid, threads), List.of(), o),
                new RampUpSearch.Tuning(1_000, RampUpSearch.Loss.NONE));
        assertEquals(grid.stateCount(), r.statistics().distinctStates());
        assertTrue(threads.size() >= 2, "handed over at 1,000 states: " + threads);
    }

    @Test
    void aHandOverThatLosesAFingerprintALinkOrAFrontierStateIsCaught() {
        // a ring of counters (each wraps round): the initial state is reached again from the last ones
        TransitionSystem<Long> ring = new Ring(new CounterGrid(2, 9));
        var bad = new ToyInvariant<Long>("sum", "the counters' sum stays below 17",
                s -> sum(s) >= 17 ? Witness.of("sum " + sum(s)) : null);
        for (RampUpSearch.Loss loss : List.of(RampUpSearch.Loss.FINGERPRINT, RampUpSearch.Loss.LINK,
                RampUpSearch.Loss.FRONTIER_STATE)) {
            for (List<? extends Invariant<? super Long>> invariants : List.of(List.<ToyInvariant<Long>>of(), List.of(bad))) {
                String one = result(Explorer.check(new CheckRequest<>(ring, invariants, SearchOptions.defaults())));
                for (long level : new long[] {2, 5, 9}) {
                    assertEquals(one, ramped(ring, invariants, SearchOptions.defaults(), 2, level, RampUpSearch.Loss.NONE));
                    assertNotEquals(one, ramped(ring, invariants, SearchOptions.defaults(), 2, level, loss),
                            loss + " at " + level + " states with " + invariants.size() + " invariants");
                }
            }
        }
    }

    /**
     * When the shared store has no memory for the links at the hand-over, the search goes on on one worker with
     * the same result; a hand-over that went on with half the links would give another trace.
     */
    @Test
    void aHandOverWithoutMemoryForTheLinksGoesOnOnOneWorker() {
        TransitionSystem<Long> ring = new Ring(new CounterGrid(2, 9));
        var bad = new ToyInvariant<Long>("sum", "the counters' sum stays below 17",
                s -> sum(s) >= 17 ? Witness.of("sum " + sum(s)) : null);
        for (List<? extends Invariant<? super Long>> invariants : List.of(List.<ToyInvariant<Long>>of(), List.of(bad))) {
            String one = result(Explorer.check(new CheckRequest<>(ring, invariants, SearchOptions.defaults())));
            for (long level : new long[] {2, 5, 9}) {
                assertEquals(one, ramped(ring, invariants, SearchOptions.defaults(), 2, level,
                        RampUpSearch.Loss.NO_LINK_MEMORY), "at " + level + " states with " + invariants.size());
            }
        }
        Set<String> threads = ConcurrentHashMap.newKeySet();
        CounterGrid grid = new CounterGrid(3, 9);
        CheckResult r = Explorer.check(new CheckRequest<>(new ParallelSearchTest.Recording(grid, threads), List.of(),
                SearchOptions.defaults().withWorkers(2).withRampUp(true)),
                new RampUpSearch.Tuning(20, RampUpSearch.Loss.NO_LINK_MEMORY));
        assertEquals(grid.stateCount(), r.statistics().distinctStates());
        assertEquals(1, threads.size(), "stayed on one worker: " + threads);
    }

    @Test
    void aSystemWithoutReplicasStaysOnOneWorker() {
        TransitionSystem<Long> lone = new Ring(new CounterGrid(3, 5)) {
            @Override
            public TransitionSystem<Long> replica() {
                return null;
            }
        };
        String one = result(Explorer.check(new CheckRequest<>(lone, List.of(), SearchOptions.defaults())));
        assertEquals(one, ramped(lone, List.of(), SearchOptions.defaults(), 2, 4, RampUpSearch.Loss.NONE));
        assertTrue(one.startsWith("passed"), one);
    }

    @Test
    void theHandOverTableIsTheLeastThatTakesTheStatesWithoutGrowing() {
        assertEquals(1024, RampUpSearch.slotsFor(1));
        assertEquals(1024, RampUpSearch.slotsFor(768));
        assertEquals(2048, RampUpSearch.slotsFor(769));
        for (long n : new long[] {10_000, 150_000, 1 << 20}) {
            long slots = RampUpSearch.slotsFor(n);
            assertTrue(slots / 4 * 3 >= n && slots / 8 * 3 < n, n + ": " + slots);
        }
    }

    private static SpecSystem bench(String name) {
        LoadResult r = SpecLoader.load(Path.of("..", "bench", "models", "swap_faults_vs_reclaim.mmspec"));
        return assertInstanceOf(LoadResult.Loaded.class, r).program().scenarios().stream()
                .filter(s -> s.name().equals(name)).findFirst().orElseThrow().spec();
    }

    private static long sum(long s) {
        long sum = 0;
        for (int t = 0; t < 8; t++) {
            sum += (s >>> (8 * t)) & 0xFF;
        }
        return sum;
    }

    /** A counter grid whose counters wrap round to 0 after their last step: no thread ever finishes. */
    static class Ring extends ForwardingSystem<Long> {
        private final CounterGrid grid;

        Ring(CounterGrid grid) {
            super(grid);
            this.grid = grid;
        }

        @Override
        public Long step(Long s, int thread) {
            Long next = grid.step(s, thread);
            return next != null ? next : s & ~(0xFFL << (8 * thread));
        }

        /** Never 0 (a lost initial fingerprint is looked for as itself, not as the stores' stand-in for 0). */
        @Override
        public long fingerprint(Long s) {
            return grid.fingerprint(s) ^ 0x5DEECE66DL;
        }

        @Override
        public ThreadPhase phase(Long s, int thread) {
            return ThreadPhase.RUNNING;
        }

        @Override
        public TransitionSystem<Long> replica() {
            return this;
        }
    }
}
