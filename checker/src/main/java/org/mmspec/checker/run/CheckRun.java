package org.mmspec.checker.run;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mmspec.checker.coverage.CoverageReport;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.scenario.SuiteRow;
import org.mmspec.checker.specs.SpecExpectations.Judgement;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * One scenario checked, of either model, with everything a report needs: what was checked and how,
 * what was expected, the verdict and how it compares, coverage and flags, and the system searched (to
 * replay or draw the counterexample).
 *
 * @param name the scenario as tables show it: {@code gup-vs-madvise}, {@code my.scenario:two-writers},
 *     {@code dirty_cow.mmspec:dirty_cow_bug}
 * @param model {@code reference-impl} or {@code spec}
 * @param file the file it was written in, as given ({@code ""} for a standard scenario)
 * @param scenario the scenario's own name
 * @param bugs the historic bugs switched on, by id
 * @param options how it was searched
 * @param expected what it had to give, in words ({@code pass}, {@code cow_isolation | dirty_not_lost})
 * @param result the verdict
 * @param judgement how the verdict compares with the expectation (a flagged pass is not as expected)
 * @param coverage where the search went, when asked for or needed by {@code cover} points
 * @param flags why a pass proves little: the threads were serialised, a {@code cover} point was never reached
 * @param system the transition system searched
 */
public record CheckRun(String name, String model, String file, String scenario, List<String> bugs,
        SearchOptions options, String expected, CheckResult result, Judgement judgement,
        Optional<CoverageReport> coverage, List<String> flags, TransitionSystem<?> system) {

    /** {@link #model} of the reference implementation. */
    public static final String REFERENCE = "reference-impl";
    /** {@link #model} of a spec. */
    public static final String SPEC = "spec";

    public CheckRun {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(scenario, "scenario");
        bugs = List.copyOf(bugs);
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(judgement, "judgement");
        Objects.requireNonNull(coverage, "coverage");
        flags = List.copyOf(flags);
        Objects.requireNonNull(system, "system");
    }

    /** The bugs as the suite table shows them: {@code -} or {@code dirty-cow}. */
    public String bugColumn() {
        return bugs.isEmpty() ? "-" : String.join(",", bugs);
    }

    /** The row of the suite's table. */
    public SuiteRow row() {
        String actual = SuiteRow.verdict(result) + (flags.isEmpty() ? "" : " (flagged)");
        return new SuiteRow(name, bugColumn(), expected, actual, judgement == Judgement.AS_EXPECTED,
                result.statistics(), SuiteRow.traceLength(result));
    }
}
