package org.mmspec.checker.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.checker.report.CommandReport;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.Coverage;
import org.mmspec.checker.result.Statistics;
import org.mmspec.checker.result.Violation;
import org.mmspec.checker.run.CheckRun;
import org.mmspec.checker.scenario.Names;
import org.mmspec.checker.scenario.Scenario;
import org.mmspec.checker.scenario.file.ScenarioFiles;
import org.mmspec.checker.scenario.file.ScenarioLoad;
import org.mmspec.checker.specs.SpecExpectations.Judgement;
import org.mmspec.checker.trace.ColumnTraceWriter;
import org.mmspec.checker.trace.Replay;
import org.mmspec.checker.trace.Replayer;
import org.mmspec.checker.trace.Schedule;
import org.mmspec.checker.trace.TextTraceWriter;
import org.mmspec.checker.trace.Trace;
import org.mmspec.checker.trace.TraceDocument;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * What {@code replay} shows besides checking the recording: the trace in the chosen view, the whole
 * state after a step ({@code --state N}), and the reports ({@code --report}, {@code --html}) of the
 * replayed trace.
 */
final class ReplayViews {

    private final OutputMixin output;
    private final Integer state;
    private final PrintWriter stdout;
    private final PrintWriter out;

    ReplayViews(OutputMixin output, Integer state, PrintWriter stdout) {
        this.output = output;
        this.state = state;
        this.stdout = stdout;
        this.out = output.reportOnStdout() ? new PrintWriter(java.io.Writer.nullWriter()) : stdout;
    }

    /** Where the text goes: standard output, unless a report replaces it. */
    PrintWriter out() {
        return out;
    }

    <S> String trace(TransitionSystem<S> system, Trace trace, Violation violation) {
        return output.view == OutputMixin.View.COLUMNS
                ? ColumnTraceWriter.write(trace, names(system), violation) : TextTraceWriter.write(trace, violation);
    }

    /** With {@code --state N}: every object of the state after step N. */
    <S> void state(TransitionSystem<S> system, Schedule schedule) {
        if (state == null) {
            return;
        }
        if (state < 0 || state > schedule.length()) {
            throw new UsageError("--state " + state + ": the trace has steps 1 to " + schedule.length()
                    + " (0 is the initial state)");
        }
        Replay<S> prefix = Replayer.replay(system, schedule.prefix(state));
        if (!(prefix instanceof Replay.Fits<S> fits)) {
            throw new UsageError("--state " + state + ": the schedule does not fit");
        }
        List<String> lines = system.describeState(fits.finalState());
        out.println();
        out.println(state == 0 ? "the initial state:" : "the state after step #" + state + ":");
        if (lines.isEmpty()) {
            out.println("  (this model cannot show its whole state)");
        }
        lines.forEach(l -> out.println("  " + l));
        out.flush();
    }

    /** The replay as a report: one check whose verdict is the replayed one. */
    <S> void reports(TransitionSystem<S> system, TraceDocument doc, Trace trace, Violation violation, int code) {
        if (output.reports().isEmpty() && output.html == null) {
            return;
        }
        Statistics none = new Statistics(0, 0, trace.length(), 0, 0, 0, -1);
        CheckResult result = violation == null ? new CheckResult.Passed(Coverage.RANDOM_SAMPLE, none)
                : new CheckResult.Violated(violation, trace, none);
        String scenario = doc.header().getOrDefault("scenario", "");
        String bugs = doc.header().getOrDefault("bugs", "");
        CheckRun run = new CheckRun(scenario, doc.header().getOrDefault("model", ""), doc.header().getOrDefault("file", ""),
                scenario, bugs.isEmpty() ? List.of() : List.of(bugs.split(",")), SearchOptions.defaults(),
                "the recorded " + doc.violation().describe(), result,
                violation != null && violation.equals(doc.violation()) ? Judgement.AS_EXPECTED : Judgement.NOT_AS_EXPECTED,
                java.util.Optional.empty(), List.of(), system);
        ReportFiles.write(output, new CommandReport("replay", List.of(run), List.of(), code), stdout, SourceLinks.none());
    }

    private static List<String> names(TransitionSystem<?> system) {
        return IntStream.range(0, system.threadCount()).mapToObj(system::threadName).toList();
    }

    /** The reference-implementation scenario {@code name} of the scenario file {@code scenarios}. */
    static Scenario scenarioFromFile(Path trace, Path scenarios, String name) {
        return switch (ScenarioFiles.load(scenarios)) {
            case ScenarioLoad.Rejected r -> throw new UsageError(trace + ": the scenario file " + scenarios
                    + " it was recorded on does not load:\n" + r.render().stripTrailing());
            case ScenarioLoad.Loaded l -> l.scenarios().stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow(() -> new UsageError(trace + ": " + scenarios + " has no scenario '" + name + "'"
                            + Names.closest(name, l.scenarios().stream().map(Scenario::name).toList())
                                    .map(n -> " (did you mean '" + n + "'?)").orElse("")));
        };
    }
}
