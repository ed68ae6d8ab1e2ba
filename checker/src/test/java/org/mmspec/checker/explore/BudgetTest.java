package org.mmspec.checker.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmspec.checker.explore.Checks.with;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mmspec.checker.observe.SearchListener;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.IncompleteReason;
import org.mmspec.checker.store.Admission;
import org.mmspec.checker.store.StateStore;
import org.mmspec.checker.toy.CounterGrid;
import org.mmspec.checker.toy.Toys;

class BudgetTest {

    private static CheckResult.Incomplete incomplete(CheckRequest<?> request) {
        return assertInstanceOf(CheckResult.Incomplete.class, Explorer.check(request));
    }

    private static CheckRequest<Long> grid(int threads, int steps, SearchOptions options) {
        return new CheckRequest<>(new CounterGrid(threads, steps), List.of(), options);
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void theStateBudgetStopsAtExactlyThatManyStates(Strategy strategy) {
        SearchOptions options = with(strategy).withBudget(Budget.defaults().withMaxStates(1000)).withMaxPreemptions(3);
        CheckResult.Incomplete i = incomplete(grid(3, 20, options));
        assertEquals(IncompleteReason.STATE_BUDGET, i.reason());
        assertEquals(1000, i.statistics().distinctStates());
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void theTimeBudgetStopsABigSearch(Strategy strategy) {
        SearchOptions options = with(strategy).withBudget(Budget.unlimited().withMaxTime(Duration.ofNanos(1)))
                .withMaxPreemptions(3).withRandomWalks(1_000_000);
        CheckResult.Incomplete i = incomplete(grid(4, 60, options));
        assertEquals(IncompleteReason.TIME_BUDGET, i.reason());
        assertTrue(i.statistics().distinctStates() < new CounterGrid(4, 60).stateCount());
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void theMemoryBudgetStopsASearch(Strategy strategy) {
        SearchOptions options = with(strategy).withBudget(Budget.unlimited().withMaxMemoryBytes(1024)).withMaxPreemptions(3);
        CheckResult.Incomplete i = incomplete(grid(3, 20, options));
        assertEquals(IncompleteReason.MEMORY_BUDGET, i.reason());
        assertTrue(i.statistics().distinctStates() < 200, "stopped late: " + i.statistics());
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void aNearlyFullHeapStopsASearch(Strategy strategy) {
        CheckResult result = Explorer.check(grid(3, 20, with(strategy).withMaxPreemptions(3)), SearchListener.NONE,
                () -> 0.95, Explorer.PROGRESS_INTERVAL_NANOS);
        assertEquals(IncompleteReason.JVM_HEAP, assertInstanceOf(CheckResult.Incomplete.class, result).reason());
    }

    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"BFS", "DFS", "PREEMPT"})
    void theDepthLimitMakesAPassIncomplete(Strategy strategy) {
        SearchOptions options = with(strategy).withMaxDepth(3);
        CheckResult.Incomplete i = assertInstanceOf(CheckResult.Incomplete.class, Checks.check(Toys.lostUpdate(), options));
        assertEquals(IncompleteReason.DEPTH_LIMIT, i.reason());
        assertEquals(3, i.statistics().maxDepth());
        assertInstanceOf(CheckResult.Violated.class, Checks.check(Toys.lostUpdate(), options.withMaxDepth(4)));
    }

    @Test
    void aStoreThatCannotLinkAChoiceIsReportedAsStoreCapacity() {
        SearchMeter meter = new SearchMeter(Budget.defaults(), SearchListener.NONE, () -> 0,
                Explorer.PROGRESS_INTERVAL_NANOS);
        StateStore store = new StateStore(2, 10);
        store.admitInitial(1);
        assertEquals(Admission.FULL, store.admit(2, 0, 0, store.choiceLimit()));
        assertEquals(IncompleteReason.STORE_CAPACITY, meter.storeFull(store));
        StateStore small = new StateStore(2, 1);
        small.admitInitial(1);
        assertEquals(Admission.FULL, small.admit(2, 0, 0));
        assertEquals(IncompleteReason.STATE_BUDGET, meter.storeFull(small));
    }

    @Test
    void theMeterReadsTheResidentMemoryNotAnEstimate() {
        SearchOptions options = SearchOptions.defaults().withBudget(Budget.unlimited().withMaxMemoryBytes(1L << 30));
        long[] resident = {0};
        SearchMeter meter = new SearchMeter(options.budget(), SearchListener.NONE, () -> 0, () -> resident[0] += 1L << 20,
                Explorer.PROGRESS_INTERVAL_NANOS);
        assertEquals(null, meter.poll(1, 0, 0));
        resident[0] = 2L << 30;
        for (int i = 0; i < 2 * SearchMeter.CHECK_INTERVAL; i++) {
            meter.successor();
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        IncompleteReason reason = null;
        while (reason == null && System.nanoTime() < deadline) {
            for (int i = 0; i < SearchMeter.CHECK_INTERVAL; i++) {
                meter.successor();
            }
            reason = meter.poll(1, 0, 0);
        }
        assertEquals(IncompleteReason.MEMORY_BUDGET, reason);
    }

    @Test
    void budgetsAndOptionsRejectNonsense() {
        assertThrows(IllegalArgumentException.class, () -> Budget.defaults().withMaxStates(0));
        assertThrows(IllegalArgumentException.class, () -> Budget.defaults().withMaxTime(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> SearchOptions.defaults().withMaxDepth(0));
        assertThrows(IllegalArgumentException.class, () -> SearchOptions.defaults().withMaxPreemptions(-1));
        assertEquals(Long.MAX_VALUE, Budget.unlimited().maxNanos());
        assertEquals(300_000_000_000L, Budget.defaults().maxNanos());
    }
}
