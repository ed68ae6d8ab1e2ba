package org.mmspec.checker.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.mmspec.checker.explore.Checks.passed;
import static org.mmspec.checker.explore.Checks.violated;
import static org.mmspec.checker.explore.Checks.with;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.Deadlock;
import org.mmspec.checker.result.InvariantViolation;
import org.mmspec.checker.toy.NaiveExplorer;
import org.mmspec.checker.toy.Toys;
import org.mmspec.checker.trace.Schedule;

class DepthFirstSearchTest {

    @Test
    void findsTheLostUpdate() {
        CheckResult.Violated v = violated(Toys.lostUpdate(), with(Strategy.DFS));
        assertEquals("no_lost_update", assertInstanceOf(InvariantViolation.class, v.violation()).invariantId());
        assertEquals(Schedule.of(0, 1, 0, 1), v.trace().schedule());
    }

    @Test
    void followsThreadOrderNotShortness() {
        CheckResult.Violated v = violated(Toys.shortcut(), with(Strategy.DFS));
        assertEquals(Schedule.of(0, 0, 0), v.trace().schedule());
    }

    @Test
    void findsTheDeadlock() {
        CheckResult.Violated v = violated(Toys.abba(), with(Strategy.DFS));
        assertEquals(2, assertInstanceOf(Deadlock.class, v.violation()).threads().size());
        assertEquals(Schedule.of(0, 1), v.trace().schedule());
    }

    @Test
    void visitsExactlyTheReachableStates() {
        for (Toys.Case c : List.of(Toys.independent(3), Toys.peterson(false), Toys.lockedCounter())) {
            CheckResult.Passed p = passed(c, with(Strategy.DFS));
            NaiveExplorer.Reach reach = NaiveExplorer.reach(c.system());
            assertEquals(reach.states(), p.statistics().distinctStates());
            assertEquals(reach.edges(), p.statistics().transitions());
        }
    }
}
