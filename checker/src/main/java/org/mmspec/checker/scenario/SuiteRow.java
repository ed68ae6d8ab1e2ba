package org.mmspec.checker.scenario;

import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.Statistics;

/**
 * One line of the standard suite's verdict table.
 *
 * @param scenario the scenario (or {@code file:scenario} for a spec scenario)
 * @param bug the historic bug switched on, or "-"
 * @param expected the expected verdict, in words
 * @param actual the actual verdict, in words
 * @param asExpected whether they agree
 * @param statistics the search statistics
 * @param traceLength steps in the counterexample (0 when none)
 */
public record SuiteRow(String scenario, String bug, String expected, String actual, boolean asExpected,
        Statistics statistics, int traceLength) {

    /** The actual verdict of a result, in words: {@code pass}, the violation, or {@code incomplete (why)}. */
    public static String verdict(CheckResult result) {
        return switch (result) {
            case CheckResult.Passed p -> p.exhaustive() ? "pass" : "pass (" + p.coverage().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ")";
            case CheckResult.Violated v -> v.violation().describe();
            case CheckResult.Incomplete i -> "incomplete (" + i.reason().describe() + ")";
        };
    }

    /** The counterexample length of a result. */
    public static int traceLength(CheckResult result) {
        return result instanceof CheckResult.Violated v ? v.trace().steps().size() : 0;
    }
}
