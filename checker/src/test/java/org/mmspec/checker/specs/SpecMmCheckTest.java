package org.mmspec.checker.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.checker.observe.SearchListener;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.scenario.SuiteRow;
import org.mmspec.spec.load.Expectation;
import org.mmspec.spec.load.SpecScenario;

/**
 * Every scenario of every file in {@code spec/mm} is checked by the explorer, under its own bounds and with
 * the atomicity audit on, and gets the verdict its {@code expect} clause states: the spec part of the
 * standard suite ({@code ./mmspec --audit}), run on the source tree and on the bundled copy the CLI uses.
 */
class SpecMmCheckTest {

    static final Path MM = Path.of("..", "spec", "mm");

    @Test
    void everyScenarioOfSpecMmGetsTheVerdictItExpects() throws IOException {
        SpecSuite suite = SpecSuite.of(MM);
        assertEquals(List.of(), suite.rejected(), "every file loads");
        List<SpecCheck> checks = new ArrayList<>();
        for (SpecSuite.File f : suite.files()) {
            SpecSuite.Loaded l = assertInstanceOf(SpecSuite.Loaded.class, f);
            for (SpecScenario s : l.program().scenarios()) {
                assertFalse(s.expectation() instanceof Expectation.None, s.name() + " has no expect clause");
                checks.add(SpecCheck.run(l.name(), s.audited(true),
                        ScenarioBounds.apply(s.bounds(), SearchOptions.defaults()), SearchListener.NONE));
            }
        }
        assertTrue(checks.size() >= 20, "spec/mm has the standard and historic-bug scenarios: " + checks.size());
        for (SpecCheck c : checks) {
            assertEquals(SpecExpectations.Judgement.AS_EXPECTED, c.judgement(),
                    () -> c.name() + " (" + c.expected() + "): " + SuiteRow.verdict(c.result()));
        }
        long violations = checks.stream().filter(c -> c.result() instanceof CheckResult.Violated).count();
        assertTrue(violations >= 7, "the historic bugs are found: " + violations + " violations");
    }

    @Test
    void theSuiteRunsTheBundledCopyWithTheSameRows() throws IOException {
        SpecSuite bundled = SpecSuite.bundled();
        assertEquals(SpecSuite.of(MM).rowNames(), bundled.rowNames());
        List<SuiteRow> rows = bundled.run(SearchOptions.defaults(), true, r -> { }, SearchListener.NONE);
        assertEquals(bundled.rowNames(), rows.stream().map(SuiteRow::scenario).toList());
        assertTrue(rows.stream().allMatch(SuiteRow::asExpected), () -> rows.stream().filter(r -> !r.asExpected())
                .map(r -> r.scenario() + ": " + r.actual()).toList().toString());
        SuiteRow dirtyCow = rows.stream().filter(r -> r.scenario().equals("dirty_cow.mmspec:dirty_cow_bug"))
                .findFirst().orElseThrow();
        assertEquals("cow_isolation", dirtyCow.expected());
        assertTrue(dirtyCow.traceLength() > 10, "the Dirty COW trace: " + dirtyCow);
    }
}
