package org.mmspec.checker.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmspec.checker.explore.Checks.passed;
import static org.mmspec.checker.explore.Checks.violated;
import static org.mmspec.checker.explore.Checks.with;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmspec.checker.result.BlockedThread;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.Coverage;
import org.mmspec.checker.result.Deadlock;
import org.mmspec.checker.result.InvariantViolation;
import org.mmspec.checker.toy.NaiveExplorer;
import org.mmspec.checker.toy.Toys;
import org.mmspec.checker.trace.Schedule;

class BreadthFirstSearchTest {

    @Test
    void findsTheLostUpdateWithTheShortestTrace() {
        CheckResult.Violated v = violated(Toys.lostUpdate(), with(Strategy.BFS));
        InvariantViolation iv = assertInstanceOf(InvariantViolation.class, v.violation());
        assertEquals("no_lost_update", iv.invariantId());
        assertEquals(List.of("x=1"), iv.witness().objects());
        assertEquals(4, v.trace().length());
        assertEquals(4, v.statistics().maxDepth());
    }

    @Test
    void prefersTheShorterOfTwoCounterexamples() {
        CheckResult.Violated v = violated(Toys.shortcut(), with(Strategy.BFS));
        assertEquals(Schedule.of(1, 1), v.trace().schedule());
    }

    @Test
    void reportsTheAbbaDeadlockWithWhatEachThreadWaitsFor() {
        CheckResult.Violated v = violated(Toys.abba(), with(Strategy.BFS));
        Deadlock d = assertInstanceOf(Deadlock.class, v.violation());
        assertEquals(Schedule.of(0, 1), v.trace().schedule());
        assertEquals(List.of(
                new BlockedThread(0, "T0", "waits for lockB (held by T1)"),
                new BlockedThread(1, "T1", "waits for lockA (held by T0)")), d.threads());
    }

    @Test
    void passesIndependentThreadsWithTheExactStateCount() {
        CheckResult.Passed p = passed(Toys.independent(3), with(Strategy.BFS));
        assertTrue(p.exhaustive());
        assertEquals(16, p.statistics().distinctStates());
        assertEquals(24, p.statistics().transitions());
        assertEquals(25, p.statistics().statesGenerated());
        assertEquals(6, p.statistics().maxDepth());
        assertEquals(-1, p.statistics().preemptionBound());
    }

    @Test
    void passesCorrectMutexesWithTheStateCountOfAnIndependentOracle() {
        for (Toys.Case c : List.of(Toys.peterson(false), Toys.lockedCounter())) {
            CheckResult.Passed p = passed(c, with(Strategy.BFS));
            NaiveExplorer.Reach reach = NaiveExplorer.reach(c.system());
            assertEquals(Coverage.EXHAUSTIVE, p.coverage());
            assertEquals(reach.states(), p.statistics().distinctStates());
            assertEquals(reach.edges(), p.statistics().transitions());
        }
    }

    @Test
    void findsBrokenPeterson() {
        CheckResult.Violated v = violated(Toys.peterson(true), with(Strategy.BFS));
        assertEquals("mutual_exclusion", ((InvariantViolation) v.violation()).invariantId());
    }
}
