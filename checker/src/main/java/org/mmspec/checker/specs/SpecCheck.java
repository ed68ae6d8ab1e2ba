package org.mmspec.checker.specs;

import java.util.Objects;
import org.mmspec.checker.explore.CheckRequest;
import org.mmspec.checker.explore.Explorer;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.checker.observe.SearchListener;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.scenario.SuiteRow;
import org.mmspec.spec.load.SpecScenario;

/**
 * One check of one spec scenario: the options it was searched with, the result, and how that compares
 * with the scenario's {@code expect} clause. Built with {@link #run}.
 *
 * @param file the spec file's name as the loader shows it ({@code dirty_cow.mmspec})
 * @param scenario the scenario
 * @param options the search options used
 * @param result the verdict
 */
public record SpecCheck(String file, SpecScenario scenario, SearchOptions options, CheckResult result) {

    public SpecCheck {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(result, "result");
    }

    /** Checks {@code scenario} (its own {@code check} invariants) with {@code options}. */
    public static SpecCheck run(String file, SpecScenario scenario, SearchOptions options, SearchListener listener) {
        CheckResult result = Explorer.check(new CheckRequest<>(scenario.system(), scenario.invariants(), options), listener);
        return new SpecCheck(file, scenario, options, result);
    }

    /** {@code file:scenario}, e.g. {@code dirty_cow.mmspec:dirty_cow_bug}. */
    public String name() {
        return qualifiedName(file, scenario.name());
    }

    /** {@code file:scenario}. */
    public static String qualifiedName(String file, String scenario) {
        return file + ":" + scenario;
    }

    /** How the result compares with the scenario's {@code expect} clause. */
    public SpecExpectations.Judgement judgement() {
        return SpecExpectations.judge(scenario.expectation(), result);
    }

    /** The expectation in words. */
    public String expected() {
        return SpecExpectations.describe(scenario.expectation());
    }

    /** The check as a row of the standard suite's table (no bug column: "-"). */
    public SuiteRow row() {
        return new SuiteRow(name(), "-", expected(), SuiteRow.verdict(result),
                judgement() == SpecExpectations.Judgement.AS_EXPECTED, result.statistics(), SuiteRow.traceLength(result));
    }
}
