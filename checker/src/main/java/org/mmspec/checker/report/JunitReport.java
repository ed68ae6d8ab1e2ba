package org.mmspec.checker.report;

import java.util.List;
import java.util.Locale;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.run.CheckRun;
import org.mmspec.checker.specs.SpecExpectations.Judgement;
import org.mmspec.checker.trace.TextTraceWriter;

/**
 * The JUnit XML report of a command, as CI servers read it: one {@code <testsuite>}, one
 * {@code <testcase>} per check (passes included) named after the scenario and the bugs switched on,
 * classed by the file it came from; a verdict not as expected is a {@code <failure>} whose body is the
 * counterexample, a search that stopped early an {@code <error type="incomplete">}.
 */
public final class JunitReport {

    private JunitReport() {
    }

    /** The XML text of a command's checks; a file that did not load is a failing test case too. */
    public static String write(CommandReport report) {
        String command = report.command();
        List<CheckRun> runs = report.runs();
        long failures = Verdicts.count(runs, Judgement.NOT_AS_EXPECTED) + report.failures().size();
        long errors = Verdicts.count(runs, Judgement.UNDECIDED);
        double time = runs.stream().mapToDouble(r -> r.result().statistics().seconds()).sum();
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append(String.format(Locale.ROOT, "<testsuites name=\"mmspec\" tests=\"%d\" failures=\"%d\" errors=\"%d\" time=\"%.3f\">%n",
                runs.size() + report.failures().size(), failures, errors, time));
        out.append(String.format(Locale.ROOT, "  <testsuite name=\"mmspec %s\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"0\" time=\"%.3f\">%n",
                xml(command), runs.size() + report.failures().size(), failures, errors, time));
        for (CommandReport.LoadFailure f : report.failures()) {
            out.append("    <testcase classname=\"").append(xml(f.file())).append("\" name=\"loads\" time=\"0.000\">\n")
                    .append("      <failure type=\"rejected\" message=\"the file has errors\">").append(xml(f.diagnostics()))
                    .append("</failure>\n    </testcase>\n");
        }
        runs.forEach(r -> testcase(out, r));
        out.append("  </testsuite>\n</testsuites>\n");
        return out.toString().replace("\r\n", "\n");
    }

    private static void testcase(StringBuilder out, CheckRun r) {
        String name = r.scenario() + (r.bugs().isEmpty() ? "" : " [" + String.join(",", r.bugs()) + "]");
        String classname = r.file().isEmpty() ? "mmspec." + r.model() : r.file();
        out.append(String.format(Locale.ROOT, "    <testcase classname=\"%s\" name=\"%s\" time=\"%.3f\">%n", xml(classname),
                xml(name), r.result().statistics().seconds()));
        String verdict = Verdicts.describe(r.result());
        switch (r.judgement()) {
            case NOT_AS_EXPECTED -> out.append("      <failure type=\"not as expected\" message=\"")
                    .append(xml("expected " + r.expected() + ", got " + verdict + flags(r))).append("\">")
                    .append(xml(body(r))).append("</failure>\n");
            case UNDECIDED -> out.append("      <error type=\"incomplete\" message=\"").append(xml(verdict))
                    .append("\"/>\n");
            case AS_EXPECTED -> { }
        }
        out.append("      <system-out>").append(xml("expected " + r.expected() + ": " + verdict + flags(r) + "\n"))
                .append("</system-out>\n");
        out.append("    </testcase>\n");
    }

    private static String flags(CheckRun r) {
        return r.flags().isEmpty() ? "" : "; flagged: " + String.join("; ", r.flags());
    }

    private static String body(CheckRun r) {
        return r.result() instanceof CheckResult.Violated v ? TextTraceWriter.write(v.trace(), v.violation())
                : Verdicts.describe(r.result()) + flags(r) + "\n";
    }

    /** {@code s} escaped for XML text and attributes; characters XML 1.0 cannot hold become {@code ?}. */
    static String xml(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> b.append(c < 0x20 && c != '\n' && c != '\t' && c != '\r' ? '?' : c);
            }
        }
        return b.toString();
    }
}
