package org.mmspec.checker.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.mmspec.checker.scenario.SuiteRow;

/** The suite's verdict table, printed row by row as results come in. */
final class SuiteTable {

    /** Narrowest scenario column. */
    static final int MIN_SCENARIO_WIDTH = 28;

    private final PrintWriter out;
    private final String format;

    /** A table whose scenario column fits names of up to {@code scenarioWidth} characters. */
    SuiteTable(PrintWriter out, int scenarioWidth) {
        this.out = out;
        this.format = "%-" + Math.max(MIN_SCENARIO_WIDTH, scenarioWidth) + "s %-26s %-28s %-34s %9s %6s %8s %6s  %s%n";
    }

    void header() {
        out.printf(Locale.ROOT, format, "scenario", "bug", "expected", "actual", "distinct", "depth", "seconds", "trace", "");
        out.flush();
    }

    void row(SuiteRow r) {
        out.printf(Locale.ROOT, format, r.scenario(), r.bug(), clip(r.expected(), 28), clip(r.actual(), 34),
                r.statistics().distinctStates(), r.statistics().maxDepth(),
                String.format(Locale.ROOT, "%.3f", r.statistics().seconds()),
                r.traceLength() == 0 ? "-" : Integer.toString(r.traceLength()), r.asExpected() ? "ok" : "UNEXPECTED");
        out.flush();
    }

    void footer(int rows, long unexpected) {
        out.println();
        out.println(unexpected == 0 ? "all " + rows + " verdicts as expected"
                : unexpected + " of " + rows + " verdicts NOT as expected");
        out.flush();
    }

    private static String clip(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }
}
