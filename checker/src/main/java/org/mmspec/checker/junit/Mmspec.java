package org.mmspec.checker.junit;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assertions;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.checker.observe.SearchListener;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.Deadlock;
import org.mmspec.checker.result.InvariantViolation;
import org.mmspec.checker.result.KernelBug;
import org.mmspec.checker.scenario.Scenario;
import org.mmspec.checker.scenario.ScenarioCatalog;
import org.mmspec.checker.scenario.ScenarioRun;
import org.mmspec.checker.trace.TextTraceWriter;
import org.mmspec.ref.bugs.BugId;

/**
 * JUnit 5 integration: run a scenario from a test and assert on the result value. Failures carry the
 * counterexample as text.
 *
 * <pre>{@code
 * CheckResult r = Mmspec.check("gup-vs-madvise", BugId.DIRTY_COW);
 * Mmspec.assertViolates(r, "cow_isolation");
 * }</pre>
 */
public final class Mmspec {

    private Mmspec() {
    }

    /** Checks a standard scenario (BFS, default budget, all invariants) with the given bugs on. */
    public static CheckResult check(String scenario, BugId... bugs) {
        return run(scenario, SearchOptions.defaults(), bugs).result();
    }

    /**
     * Checks a scenario built in Java ({@link org.mmspec.checker.scenario.build.ScenarioBuilder}) or loaded
     * from a scenario file, with its own search options and the given bugs on.
     */
    public static CheckResult check(Scenario scenario, BugId... bugs) {
        Set<BugId> on = bugs.length == 0 ? EnumSet.noneOf(BugId.class) : EnumSet.of(bugs[0], bugs);
        return ScenarioRun.check(scenario, on, List.of(), scenario.search(), SearchListener.NONE).result();
    }

    /** Checks a standard scenario with the given search options and bugs. */
    public static ScenarioRun run(String scenario, SearchOptions options, BugId... bugs) {
        Scenario s = ScenarioCatalog.standard().byName(scenario)
                .orElseThrow(() -> new IllegalArgumentException("no scenario " + scenario));
        Set<BugId> on = bugs.length == 0 ? EnumSet.noneOf(BugId.class) : EnumSet.of(bugs[0], bugs);
        return ScenarioRun.check(s, on, List.of(), options, SearchListener.NONE);
    }

    /** Asserts an exhaustive pass. */
    public static CheckResult.Passed assertPasses(CheckResult result) {
        if (result instanceof CheckResult.Passed p && p.exhaustive()) {
            return p;
        }
        return Assertions.fail("expected an exhaustive pass, got " + describe(result));
    }

    /** Asserts a violation of the invariant {@code id}; returns it. */
    public static CheckResult.Violated assertViolates(CheckResult result, String id) {
        if (result instanceof CheckResult.Violated v && v.violation() instanceof InvariantViolation iv
                && iv.invariantId().equals(id)) {
            return v;
        }
        return Assertions.fail("expected a violation of " + id + ", got " + describe(result));
    }

    /** Asserts a deadlock; returns it. */
    public static CheckResult.Violated assertDeadlock(CheckResult result) {
        if (result instanceof CheckResult.Violated v && v.violation() instanceof Deadlock) {
            return v;
        }
        return Assertions.fail("expected a deadlock, got " + describe(result));
    }

    /** Asserts a kernel BUG; returns it. */
    public static CheckResult.Violated assertKernelBug(CheckResult result) {
        if (result instanceof CheckResult.Violated v && v.violation() instanceof KernelBug) {
            return v;
        }
        return Assertions.fail("expected a kernel BUG, got " + describe(result));
    }

    /** The trace of a violation as text, for assertions on its steps. */
    public static String traceText(CheckResult.Violated v) {
        return TextTraceWriter.write(v.trace(), v.violation());
    }

    private static String describe(CheckResult result) {
        return switch (result) {
            case CheckResult.Passed p -> "a pass (" + p.coverage() + ")";
            case CheckResult.Incomplete i -> "incomplete: " + i.reason().describe();
            case CheckResult.Violated v -> "a violation:\n" + TextTraceWriter.write(v.trace(), v.violation());
        };
    }
}
