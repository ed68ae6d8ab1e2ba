package org.mmspec.checker.report;

import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.Statistics;
import org.mmspec.checker.run.CheckRun;
import org.mmspec.checker.trace.Trace;
import org.mmspec.checker.trace.TraceStep;
import org.mmspec.spec.semantics.Change;

/**
 * A self-contained HTML page (inline CSS, no script, no external resource) showing each check of a
 * command: its verdict and judgement, statistics, flags and, for a counterexample, the threads as swim
 * lanes — one column per thread, one row per step, the step in its thread's lane with its code point,
 * source link and changes — and the violation at the end (with the page dump of a kernel BUG).
 * Each lane has its own colour ({@link #LANE_COLOURS}); a violation box is {@value #VIOLATION_COLOUR}.
 */
public final class HtmlReport {

    /** Header colours of the lanes, by thread id (cycling). */
    public static final List<String> LANE_COLOURS = List.of("#2563eb", "#d97706", "#059669", "#7c3aed", "#db2777",
            "#0891b2", "#65a30d");
    /** Background of the bar that heads a violation. */
    public static final String VIOLATION_COLOUR = "#dc2626";
    /** Background of the bar that heads a pass. */
    public static final String PASS_COLOUR = "#16a34a";

    private HtmlReport() {
    }

    /**
     * The page for {@code command}'s checks; {@code links} turns a step's source ({@code gup.mmspec:41:5},
     * {@code org/mmspec/ref/fault/DoFault.java:120}) into an {@code href}, or null for no link.
     */
    public static String write(CommandReport report, UnaryOperator<String> links) {
        String command = report.command();
        List<CheckRun> runs = report.runs();
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>mmspec ")
                .append(esc(command)).append("</title>\n<style>\n").append(css()).append("</style>\n</head>\n<body>\n");
        out.append("<h1>mmspec ").append(esc(command)).append("</h1>\n");
        for (CommandReport.LoadFailure f : report.failures()) {
            out.append("<section class=\"check\"><div class=\"bar\" style=\"background: ").append(VIOLATION_COLOUR)
                    .append("\"><h2>").append(esc(f.file())).append(" does not load</h2></div><pre>")
                    .append(esc(f.diagnostics())).append("</pre></section>\n");
        }
        for (int i = 0; i < runs.size(); i++) {
            check(out, runs.get(i), i + 1, links);
        }
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    private static String css() {
        StringBuilder css = new StringBuilder("""
                body { font-family: sans-serif; margin: 24px; color: #111827; background: #ffffff; }
                h1 { font-size: 22px; } h2 { font-size: 18px; margin: 0; }
                section.check { border: 1px solid #d1d5db; margin: 0 0 24px 0; }
                .bar { padding: 8px 12px; color: #ffffff; }
                .body { padding: 8px 12px; }
                table.lanes { border-collapse: collapse; width: 100%; table-layout: fixed; }
                table.lanes th, table.lanes td { border-left: 1px solid #e5e7eb; padding: 4px 8px; vertical-align: top; }
                table.lanes th { color: #ffffff; text-align: left; }
                td.step, th.step { width: 48px; color: #6b7280; border-left: none; }
                th.step { color: #111827; background: #ffffff; }
                td.active { background: #f9fafb; }
                .label { font-family: monospace; font-weight: bold; }
                .detail { font-weight: normal; color: #374151; }
                a.src { font-family: monospace; font-size: 12px; color: #6b7280; }
                ul.changes { margin: 2px 0 0 0; padding-left: 16px; font-family: monospace; font-size: 12px; }
                .at { color: #6b7280; font-style: italic; font-size: 12px; margin-top: 2px; }
                .violation { margin-top: 8px; border: 2px solid %VIOLATION%; }
                .violation .bar { background: %VIOLATION%; }
                pre { margin: 4px 12px; }
                .flag { color: %VIOLATION%; font-weight: bold; }
                """.replace("%VIOLATION%", VIOLATION_COLOUR));
        for (int i = 0; i < LANE_COLOURS.size(); i++) {
            css.append("th.lane-").append(i).append(" { background: ").append(LANE_COLOURS.get(i)).append("; }\n");
            css.append("td.lane-").append(i).append(".active { border-left: 4px solid ").append(LANE_COLOURS.get(i))
                    .append("; }\n");
        }
        return css.toString();
    }

    private static void check(StringBuilder out, CheckRun r, int n, UnaryOperator<String> links) {
        String colour = r.result() instanceof CheckResult.Violated ? VIOLATION_COLOUR : PASS_COLOUR;
        out.append("<section class=\"check\" id=\"check-").append(n).append("\">\n<div class=\"bar\" style=\"background: ")
                .append(colour).append("\"><h2>").append(esc(r.name()))
                .append(r.bugs().isEmpty() ? "" : " with " + esc(String.join(", ", r.bugs())) + " on").append("</h2></div>\n");
        out.append("<div class=\"body\">\n<p class=\"verdict\">").append(esc(Verdicts.describe(r.result()))).append("</p>\n");
        out.append("<p class=\"judgement\">expected ").append(esc(r.expected())).append(": ")
                .append(esc(r.judgement().name().toLowerCase(Locale.ROOT).replace('_', ' '))).append("</p>\n");
        r.flags().forEach(f -> out.append("<p class=\"flag\">flagged: ").append(esc(f)).append("</p>\n"));
        out.append("<p class=\"stats\">").append(esc(statistics(r))).append("</p>\n");
        if (r.result() instanceof CheckResult.Violated v) {
            lanes(out, v.trace(), threadNames(r), n, links);
            out.append("<div class=\"violation\"><div class=\"bar\">").append(esc(v.violation().describe()))
                    .append("</div>\n<pre>").append(esc(violationText(v))).append("</pre></div>\n");
        }
        out.append("</div>\n</section>\n");
    }

    private static String statistics(CheckRun r) {
        Statistics s = r.result().statistics();
        return String.format(Locale.ROOT, "%,d distinct states, depth %d, strategy %s, %.3f s", s.distinctStates(),
                s.maxDepth(), r.options().strategy().name().toLowerCase(Locale.ROOT), s.seconds());
    }

    private static List<String> threadNames(CheckRun r) {
        return java.util.stream.IntStream.range(0, r.system().threadCount()).mapToObj(t -> r.system().threadName(t)).toList();
    }

    private static void lanes(StringBuilder out, Trace trace, List<String> threads, int n, UnaryOperator<String> links) {
        out.append("<table class=\"lanes\">\n<thead><tr><th class=\"step\">step</th>");
        for (int t = 0; t < threads.size(); t++) {
            out.append("<th class=\"lane lane-").append(t % LANE_COLOURS.size()).append("\">").append(esc(threads.get(t)))
                    .append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (TraceStep step : trace.steps()) {
            out.append("<tr id=\"c").append(n).append("-s").append(step.index()).append("\"><td class=\"step\">#")
                    .append(step.index()).append("</td>");
            for (int t = 0; t < threads.size(); t++) {
                if (t == step.label().thread()) {
                    out.append("<td class=\"lane lane-").append(t % LANE_COLOURS.size()).append(" active\">");
                    stepCell(out, step, links);
                    out.append("</td>");
                } else {
                    out.append("<td class=\"lane lane-").append(t % LANE_COLOURS.size()).append("\"></td>");
                }
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    private static void stepCell(StringBuilder out, TraceStep step, UnaryOperator<String> links) {
        out.append("<div class=\"label\">").append(esc(step.label().step()));
        if (!step.label().detail().isEmpty()) {
            out.append(" <span class=\"detail\">").append(esc(step.label().detail())).append("</span>");
        }
        if (step.choices() > 1) {
            out.append(" <span class=\"detail\">[choice ").append(step.choice() + 1).append(" of ").append(step.choices())
                    .append("]</span>");
        }
        out.append("</div>");
        source(out, step.label().source(), links);
        if (step.changes().isEmpty()) {
            return;
        }
        String at = "";
        out.append("<ul class=\"changes\">");
        for (Change c : step.changes()) {
            if (!c.at().equals(at)) {
                at = c.at();
                out.append("</ul><div class=\"at\">in ").append(esc(at.isEmpty() ? step.label().step() : at));
                source(out, at.isEmpty() ? step.label().source() : c.source(), links);
                out.append("</div><ul class=\"changes\">");
            }
            out.append("<li>").append(esc(c.toString())).append("</li>");
        }
        out.append("</ul>");
    }

    private static void source(StringBuilder out, String source, UnaryOperator<String> links) {
        if (source.isEmpty()) {
            return;
        }
        String shown = org.mmspec.spec.semantics.ActionLabel.shortSource(source);
        String href = links.apply(source);
        out.append(" <a class=\"src\"").append(href == null ? "" : " href=\"" + esc(href) + "\"").append(">")
                .append(esc(shown)).append("</a>");
    }

    private static String violationText(CheckResult.Violated v) {
        String text = org.mmspec.checker.trace.TextTraceWriter.write(Trace.empty(), v.violation());
        return text.substring(text.indexOf('\n') + 1);
    }

    /** {@code s} escaped for HTML text and attribute values. */
    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
