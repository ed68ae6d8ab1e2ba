package org.mmspec.checker.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmspec.checker.explore.Checks.passed;
import static org.mmspec.checker.explore.Checks.violated;
import static org.mmspec.checker.explore.Checks.with;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmspec.checker.observe.SearchListener;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.Coverage;
import org.mmspec.checker.result.Deadlock;
import org.mmspec.checker.result.InvariantViolation;
import org.mmspec.checker.toy.NaiveExplorer;
import org.mmspec.checker.toy.Toys;
import org.mmspec.checker.trace.Schedule;

class PreemptionBoundedSearchTest {

    private static final SearchOptions PREEMPT = with(Strategy.PREEMPT).withMaxPreemptions(2);

    @Test
    void prefersFewerPreemptionsOverAShorterTrace() {
        CheckResult.Violated shortest = violated(Toys.preemptionChoice(), with(Strategy.BFS));
        assertEquals(Schedule.of(0, 1, 0), shortest.trace().schedule());
        assertEquals(2, shortest.trace().contextSwitches());

        CheckResult.Violated fewest = violated(Toys.preemptionChoice(), PREEMPT);
        assertEquals(Schedule.of(0, 0, 1, 1, 1), fewest.trace().schedule());
        assertEquals(1, fewest.trace().contextSwitches());
        assertEquals(1, fewest.statistics().preemptionBound());
        assertInstanceOf(InvariantViolation.class, fewest.violation());
    }

    @Test
    void saysAPassIsBoundedWhenStatesWereLeftOut() {
        // No violation needs 0 preemptions.
        CheckResult.Passed p = passed(Toys.preemptionChoice(), PREEMPT.withMaxPreemptions(0));
        assertEquals(Coverage.PREEMPTION_BOUNDED, p.coverage());
        assertFalse(p.exhaustive());
        assertEquals(0, p.statistics().preemptionBound());
    }

    @Test
    void findsTheLostUpdateWithOnePreemption() {
        CheckResult.Violated v = violated(Toys.lostUpdate(), PREEMPT);
        assertEquals(1, v.statistics().preemptionBound());
        assertEquals(4, v.trace().length());
    }

    @Test
    void findsTheDeadlockWithOnePreemption() {
        CheckResult.Violated v = violated(Toys.abba(), PREEMPT);
        assertInstanceOf(Deadlock.class, v.violation());
        assertEquals(Schedule.of(0, 1), v.trace().schedule());
        assertEquals(1, v.statistics().preemptionBound());
    }

    @Test
    void isExhaustiveWhenEveryPrunedStepLeadsToAStoredNode() {
        // Every (state, last thread) of independent threads is reachable with one preemption, so bound 2
        // drops steps but misses nothing.
        CheckResult.Passed p = passed(Toys.independent(3), PREEMPT);
        assertTrue(p.exhaustive());
        // Nodes: the initial state, 12 states last moved by T0, 12 by T1.
        assertEquals(25, p.statistics().distinctStates());
    }

    @Test
    void isExhaustiveWhenTheBoundIsHighEnough() {
        // Every history is a distinct state; 0,1,0,1,0,1 needs the most preemptions: 4 (the last switch
        // is free, T0 has finished).
        Toys.Case history = Toys.history(3);
        CheckResult.Passed p = passed(history, PREEMPT.withMaxPreemptions(4));
        assertTrue(p.exhaustive());
        assertEquals(NaiveExplorer.reach(history.system()).states(), p.statistics().distinctStates());
        assertEquals(Coverage.PREEMPTION_BOUNDED, passed(history, PREEMPT.withMaxPreemptions(3)).coverage());
    }

    @Test
    void searchesBoundsInOrderAndStopsAtTheMaximum() {
        List<Integer> bounds = new ArrayList<>();
        SearchListener listener = new SearchListener() {
            @Override
            public void onBoundStart(int preemptionBound) {
                bounds.add(preemptionBound);
            }
        };
        CheckResult result = Explorer.check(new CheckRequest<>(
                Toys.history(3).system(), List.of(), PREEMPT), listener);
        CheckResult.Passed p = assertInstanceOf(CheckResult.Passed.class, result);
        assertEquals(List.of(0, 1, 2), bounds);
        assertEquals(Coverage.PREEMPTION_BOUNDED, p.coverage());
        assertEquals(2, p.statistics().preemptionBound());
    }

    @Test
    void passesPetersonWithinTheBound() {
        CheckResult.Passed p = passed(Toys.peterson(false), PREEMPT.withMaxPreemptions(3));
        assertEquals(3, p.statistics().preemptionBound());
    }
}
