package org.mmspec.checker.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.mmspec.checker.coverage.CoverageReport;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.run.CheckRun;
import org.mmspec.checker.trace.ColumnTraceWriter;
import org.mmspec.checker.trace.TextTraceWriter;

/**
 * Prints one checked scenario as text: the verdict, the counterexample (one step per line, or in
 * columns), coverage when asked for, the statistics, and what flags a pass.
 */
final class RunPrinter {

    private RunPrinter() {
    }

    static void print(PrintWriter out, CheckRun run, OutputMixin.View view, boolean coverage) {
        CheckResult result = run.result();
        switch (result) {
            case CheckResult.Passed p -> out.println(p.exhaustive() ? "PASSED: no violation in the whole state space"
                    : "PASSED (" + p.coverage().name().toLowerCase(Locale.ROOT).replace('_', '-') + "): no violation found");
            case CheckResult.Violated v -> {
                out.println("VIOLATED: " + v.violation().describe());
                out.println();
                out.print(view == OutputMixin.View.COLUMNS
                        ? ColumnTraceWriter.write(v.trace(), threadNames(run), v.violation())
                        : TextTraceWriter.write(v.trace(), v.violation()));
                out.println();
            }
            case CheckResult.Incomplete i -> out.println("INCOMPLETE: " + i.reason().describe());
        }
        if (coverage) {
            run.coverage().ifPresent(c -> printCoverage(out, c));
        }
        out.println(Reports.statistics(result.statistics()));
        out.println(Reports.storage(result.statistics()));
        run.flags().forEach(f -> out.println("FLAGGED: " + f));
        out.flush();
    }

    static List<String> threadNames(CheckRun run) {
        return IntStream.range(0, run.system().threadCount()).mapToObj(t -> run.system().threadName(t)).toList();
    }

    static void printCoverage(PrintWriter out, CoverageReport c) {
        out.println(String.format(Locale.ROOT, "coverage (%,d states seen):", c.states()));
        for (CoverageReport.ThreadCoverage t : c.threads()) {
            out.println("  " + t.thread() + " reached " + t.reached().size() + " code point"
                    + (t.reached().size() == 1 ? "" : "s") + ": " + String.join(", ", t.reached()));
        }
        for (CoverageReport.Pair p : c.pairs()) {
            List<String> at = p.racingAt();
            out.println("  " + p.first() + " \u00d7 " + p.second() + (at.isEmpty() ? ": never at racing code points together"
                    : " together at " + at.size() + " pair" + (at.size() == 1 ? "" : "s") + " of code points: "
                    + String.join(", ", at.subList(0, Math.min(6, at.size()))) + (at.size() > 6 ? ", ..." : "")));
        }
        for (String p : c.cover()) {
            out.println("  cover " + p + (c.missed().contains(p) ? ": NEVER REACHED" : ": reached"));
        }
        if (!c.neverReached().isEmpty()) {
            out.println("  never reached (code points of the procedures entered): " + String.join(", ", c.neverReached()));
        }
    }
}
