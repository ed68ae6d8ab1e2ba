package org.mmspec.checker.report;

import java.util.List;
import java.util.Locale;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.run.CheckRun;
import org.mmspec.checker.specs.SpecExpectations.Judgement;

/** Shared wording of verdicts for the report writers. */
final class Verdicts {

    private Verdicts() {
    }

    /** A summary count: {@code asExpected}, {@code notAsExpected}, {@code undecided}. */
    record Count(String key, long count) {
    }

    static List<Count> count(List<CheckRun> runs) {
        return List.of(new Count("asExpected", count(runs, Judgement.AS_EXPECTED)),
                new Count("notAsExpected", count(runs, Judgement.NOT_AS_EXPECTED)),
                new Count("undecided", count(runs, Judgement.UNDECIDED)));
    }

    static long count(List<CheckRun> runs, Judgement j) {
        return runs.stream().filter(r -> r.judgement() == j).count();
    }

    /** {@code pass}, {@code violation} or {@code incomplete}. */
    static String kind(CheckResult r) {
        return switch (r) {
            case CheckResult.Passed p -> "pass";
            case CheckResult.Violated v -> "violation";
            case CheckResult.Incomplete i -> "incomplete";
        };
    }

    /** One line: {@code PASSED (exhaustive)}, the violation, or why the search stopped. */
    static String describe(CheckResult r) {
        return switch (r) {
            case CheckResult.Passed p -> "no violation (" + p.coverage().name().toLowerCase(Locale.ROOT).replace('_', '-') + ")";
            case CheckResult.Violated v -> v.violation().describe();
            case CheckResult.Incomplete i -> "incomplete: " + i.reason().describe();
        };
    }
}
