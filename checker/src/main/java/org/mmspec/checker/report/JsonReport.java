package org.mmspec.checker.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.mmspec.checker.coverage.CoverageReport;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.Statistics;
import org.mmspec.checker.run.CheckRun;
import org.mmspec.checker.trace.JsonTraceWriter;
import org.mmspec.checker.trace.TraceStep;

/**
 * The machine-readable report of a command: every check, passes included, with what was expected, the
 * verdict and its judgement, statistics, flags, coverage and — for a violation — the counterexample in
 * the trace file's step format. Fields in a fixed order, {@code \n} line ends; only the statistics'
 * times vary from run to run.
 *
 * <pre>{@code
 * { "format" : "mmspec-report", "version" : 1, "command" : "check", "exitCode" : 0,
 *   "summary" : { "checks" : 2, "asExpected" : 2, "notAsExpected" : 0, "undecided" : 0 },
 *   "checks" : [ { "name" : "dirty_cow.mmspec:dirty_cow_bug", "model" : "spec", "file" : ..., "scenario" : ...,
 *                  "bugs" : [ ], "strategy" : "preempt", "expected" : "cow_isolation", "verdict" : "violation",
 *                  "description" : "invariant cow_isolation violated: ...", "judgement" : "as_expected",
 *                  "flags" : [ ], "statistics" : { ... }, "violation" : { ... }, "trace" : [ ... ] }, ... ] }
 * }</pre>
 */
public final class JsonReport {

    /** The value of {@code "format"}. */
    public static final String FORMAT = "mmspec-report";
    /** The value of {@code "version"}. */
    public static final int VERSION = 1;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectWriter WRITER = new ObjectMapper().writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n")));

    private JsonReport() {
    }

    /** The report of a command. */
    public static String write(CommandReport report) {
        List<CheckRun> runs = report.runs();
        ObjectNode root = NODES.objectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("command", report.command());
        root.put("exitCode", report.exitCode());
        ObjectNode summary = root.putObject("summary");
        summary.put("checks", runs.size());
        for (Verdicts.Count c : Verdicts.count(runs)) {
            summary.put(c.key(), c.count());
        }
        summary.put("filesRejected", report.failures().size());
        ArrayNode rejected = root.putArray("rejected");
        for (CommandReport.LoadFailure f : report.failures()) {
            ObjectNode fn = rejected.addObject();
            fn.put("file", f.file());
            fn.put("diagnostics", f.diagnostics());
        }
        ArrayNode checks = root.putArray("checks");
        runs.forEach(r -> checks.add(check(r)));
        try {
            return WRITER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot serialise a JSON tree built in memory", e);
        }
    }

    private static ObjectNode check(CheckRun r) {
        ObjectNode n = NODES.objectNode();
        n.put("name", r.name());
        n.put("model", r.model());
        n.put("file", r.file());
        n.put("scenario", r.scenario());
        ArrayNode bugs = n.putArray("bugs");
        r.bugs().forEach(bugs::add);
        n.put("strategy", r.options().strategy().name().toLowerCase(Locale.ROOT));
        n.put("expected", r.expected());
        n.put("verdict", Verdicts.kind(r.result()));
        n.put("description", Verdicts.describe(r.result()));
        n.put("judgement", r.judgement().name().toLowerCase(Locale.ROOT));
        ArrayNode flags = n.putArray("flags");
        r.flags().forEach(flags::add);
        n.set("statistics", statistics(r.result().statistics()));
        if (r.result() instanceof CheckResult.Violated v) {
            n.set("violation", JsonTraceWriter.violation(v.violation()));
            ArrayNode schedule = n.putArray("schedule");
            for (int t : v.trace().schedule().threads()) {
                schedule.add(t);
            }
            ArrayNode steps = n.putArray("trace");
            for (TraceStep s : v.trace().steps()) {
                steps.add(JsonTraceWriter.step(s));
            }
        }
        r.coverage().ifPresent(c -> n.set("coverage", coverage(c)));
        return n;
    }

    private static ObjectNode statistics(Statistics s) {
        ObjectNode n = NODES.objectNode();
        n.put("distinctStates", s.distinctStates());
        n.put("statesGenerated", s.statesGenerated());
        n.put("transitions", s.transitions());
        n.put("maxDepth", s.maxDepth());
        n.put("seconds", s.seconds());
        n.put("bytesPerState", Math.round(s.bytesPerState() * 100) / 100.0);
        n.put("preemptionBound", s.preemptionBound());
        return n;
    }

    private static ObjectNode coverage(CoverageReport c) {
        ObjectNode n = NODES.objectNode();
        n.put("states", c.states());
        ArrayNode threads = n.putArray("threads");
        for (CoverageReport.ThreadCoverage t : c.threads()) {
            ObjectNode tn = threads.addObject();
            tn.put("thread", t.thread());
            ArrayNode reached = tn.putArray("reached");
            t.reached().forEach(reached::add);
        }
        ArrayNode pairs = n.putArray("racing");
        for (CoverageReport.Pair p : c.pairs()) {
            ObjectNode pn = pairs.addObject();
            pn.put("threads", p.first() + " " + p.second());
            ArrayNode at = pn.putArray("at");
            p.racingAt().forEach(at::add);
        }
        ArrayNode never = n.putArray("neverReached");
        c.neverReached().forEach(never::add);
        ArrayNode cover = n.putArray("cover");
        c.cover().forEach(cover::add);
        ArrayNode missed = n.putArray("missed");
        c.missed().forEach(missed::add);
        ArrayNode flags = n.putArray("flags");
        c.flags().forEach(flags::add);
        return n;
    }
}
