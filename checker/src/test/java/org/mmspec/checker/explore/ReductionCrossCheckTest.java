package org.mmspec.checker.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mmspec.checker.observe.SearchListener;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.InvariantViolation;
import org.mmspec.checker.scenario.Scenario;
import org.mmspec.checker.scenario.ScenarioCatalog;
import org.mmspec.checker.scenario.ScenarioRun;
import org.mmspec.checker.specs.ScenarioBounds;
import org.mmspec.checker.specs.SpecCheck;
import org.mmspec.checker.specs.SpecSuite;
import org.mmspec.ref.bugs.BugId;
import org.mmspec.spec.load.SpecScenario;

/**
 * The soundness cross-check of state-space reduction (partial-order reduction and, where a spec scenario has
 * interchangeable threads, thread symmetry): on every standard, bug and spec scenario the reduced and the
 * unreduced search agree on the verdict and on the violation (its kind, and the invariant for an invariant
 * violation). Traces and state counts may differ. {@link SymmetryCrossCheckTest} isolates symmetry.
 */
class ReductionCrossCheckTest {

    /** The verdict and the violation's kind (and invariant), what reduction must not change. */
    static String outcome(CheckResult r) {
        return switch (r) {
            case CheckResult.Passed p -> "passed";
            case CheckResult.Incomplete i -> "incomplete " + i.reason();
            case CheckResult.Violated v -> "violated " + (v.violation() instanceof InvariantViolation iv
                    ? "invariant " + iv.invariantId() : v.violation().getClass().getSimpleName());
        };
    }

    @Test
    void everySpecScenarioGivesTheSameVerdictAndViolationWithAndWithoutReduction() throws IOException {
        int checked = 0;
        long full = 0;
        long reduced = 0;
        for (Path dir : List.of(Path.of("..", "spec", "mm"), Path.of("..", "bench", "models"))) {
            for (SpecSuite.File f : SpecSuite.of(dir).files()) {
                SpecSuite.Loaded l = assertInstanceOf(SpecSuite.Loaded.class, f);
                for (SpecScenario s : l.program().scenarios()) {
                    if (dir.endsWith("models") && !s.name().equals("tiny")) {
                        continue;
                    }
                    assertTrue(s.system().reportsLocalSteps(), s.name());
                    SearchOptions o = ScenarioBounds.apply(s.bounds(), SearchOptions.defaults());
                    CheckResult off = SpecCheck.run(l.name(), s, o.withReduction(false), SearchListener.NONE).result();
                    CheckResult on = SpecCheck.run(l.name(), s, o.withReduction(true), SearchListener.NONE).result();
                    String what = l.name() + ":" + s.name();
                    assertEquals(outcome(off), outcome(on), what);
                    assertTrue(on.statistics().distinctStates() <= off.statistics().distinctStates()
                            || !(off instanceof CheckResult.Passed), what);
                    full += off.statistics().distinctStates();
                    reduced += on.statistics().distinctStates();
                    checked++;
                }
            }
        }
        assertTrue(checked >= 22, "spec scenarios checked: " + checked);
        assertTrue(reduced < full, "reduction stored " + reduced + " states against " + full);
    }

    /** A step that returns into a global ({@code g = f();}) is shared: the reduced search finds what the full one does. */
    @Test
    void aReturnIntoAGlobalIsNotReducedAway() throws IOException {
        SpecSuite.Loaded l = assertInstanceOf(SpecSuite.Loaded.class,
                SpecSuite.of(Path.of("src", "test", "resources", "reduction")).files().get(0));
        SpecScenario s = l.program().scenarios().get(0);
        SearchOptions o = ScenarioBounds.apply(s.bounds(), SearchOptions.defaults());
        CheckResult off = SpecCheck.run(l.name(), s, o.withReduction(false), SearchListener.NONE).result();
        CheckResult on = SpecCheck.run(l.name(), s, o.withReduction(true), SearchListener.NONE).result();
        assertInstanceOf(CheckResult.Violated.class, off);
        assertEquals(outcome(off), outcome(on));
    }

    /** The reference implementation reports no local steps: reduction leaves its searches as they are. */
    @Test
    void everyStandardAndBugScenarioIsSearchedAlikeWithReductionOn() {
        int checked = 0;
        for (Scenario s : ScenarioCatalog.standard().all()) {
            for (Set<BugId> bugs : s.checkedBugSets()) {
                CheckResult off = ScenarioRun.check(s, bugs, List.of(), SearchOptions.defaults(), SearchListener.NONE)
                        .result();
                CheckResult on = ScenarioRun.check(s, bugs, List.of(), SearchOptions.defaults().withReduction(true),
                        SearchListener.NONE).result();
                ParallelSearchTest.assertSame(off, on, s.name() + " " + bugs);
                checked++;
            }
        }
        assertTrue(checked >= 15, "scenarios checked: " + checked);
        assertFalse(ScenarioCatalog.standard().all().get(0).instantiate(Set.of()).reportsLocalSteps());
    }

    @Test
    void theBenchModelIsReducedAlikeOnSeveralWorkers() throws IOException {
        SpecSuite.Loaded l = assertInstanceOf(SpecSuite.Loaded.class,
                SpecSuite.of(Path.of("..", "bench", "models")).files().get(0));
        SpecScenario tiny = l.program().scenarios().stream().filter(s -> s.name().equals("tiny")).findFirst()
                .orElseThrow();
        SearchOptions o = ScenarioBounds.apply(tiny.bounds(), SearchOptions.defaults()).withReduction(true);
        CheckResult one = SpecCheck.run(l.name(), tiny, o, SearchListener.NONE).result();
        for (Partition p : Partition.values()) {
            ParallelSearchTest.assertSame(one, SpecCheck.run(l.name(), tiny, o.withWorkers(2).withPartition(p),
                    SearchListener.NONE).result(), "tiny on two workers, " + p);
        }
    }
}
