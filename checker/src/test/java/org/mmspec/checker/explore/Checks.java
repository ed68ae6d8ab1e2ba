package org.mmspec.checker.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.Statistics;
import org.mmspec.checker.trace.TextTraceWriter;
import org.mmspec.checker.toy.Toys;

/** Shortcuts for explorer tests. */
final class Checks {

    private Checks() {}

    static SearchOptions with(Strategy strategy) {
        return SearchOptions.defaults().withStrategy(strategy);
    }

    static CheckResult check(Toys.Case c, SearchOptions options) {
        return Explorer.check(new CheckRequest<>(c.system(), c.invariants(), options));
    }

    static CheckResult.Violated violated(Toys.Case c, SearchOptions options) {
        return assertInstanceOf(CheckResult.Violated.class, check(c, options));
    }

    static CheckResult.Passed passed(Toys.Case c, SearchOptions options) {
        return assertInstanceOf(CheckResult.Passed.class, check(c, options));
    }

    /**
     * The same search: the same verdict (and reason, for an incomplete one), the same counts, preemption bound
     * and collision estimate, and the same trace, byte for byte (spilled, on-disk and resumed searches
     * against the one kept in memory and never interrupted).
     */
    static void assertSameSearch(CheckResult expected, CheckResult actual) {
        assertEquals(expected.getClass(), actual.getClass(), actual.toString());
        Statistics e = expected.statistics();
        Statistics a = actual.statistics();
        assertEquals(e.distinctStates(), a.distinctStates(), "distinct states");
        assertEquals(e.statesGenerated(), a.statesGenerated(), "states generated");
        assertEquals(e.transitions(), a.transitions(), "transitions");
        assertEquals(e.maxDepth(), a.maxDepth(), "depth");
        assertEquals(e.preemptionBound(), a.preemptionBound(), "preemption bound");
        assertEquals(e.collisionProbability(), a.collisionProbability(), "collision probability");
        if (expected instanceof CheckResult.Violated v && actual instanceof CheckResult.Violated w) {
            assertEquals(TextTraceWriter.write(v.trace(), v.violation()), TextTraceWriter.write(w.trace(), w.violation()));
        }
        if (expected instanceof CheckResult.Incomplete i && actual instanceof CheckResult.Incomplete j) {
            assertEquals(i.reason(), j.reason(), "why incomplete");
        }
    }
}
