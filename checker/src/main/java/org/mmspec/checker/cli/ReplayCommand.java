package org.mmspec.checker.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.mmspec.checker.explore.StateVerdict;
import org.mmspec.checker.result.Violation;
import org.mmspec.checker.scenario.InvariantSource;
import org.mmspec.checker.scenario.Names;
import org.mmspec.checker.scenario.Scenario;
import org.mmspec.checker.trace.JsonTraceReader;
import org.mmspec.checker.trace.Replay;
import org.mmspec.checker.trace.Replayer;
import org.mmspec.checker.trace.TextTraceWriter;
import org.mmspec.checker.trace.TraceDocument;
import org.mmspec.checker.trace.TraceReadResult;
import org.mmspec.checker.trace.TraceStep;
import org.mmspec.ref.audit.AuditMode;
import org.mmspec.ref.bugs.BugId;
import org.mmspec.ref.system.KernelSystem;
import org.mmspec.spec.diag.DiagnosticRenderer;
import org.mmspec.spec.load.InputFile;
import org.mmspec.spec.load.LoadResult;
import org.mmspec.spec.load.SpecLoader;
import org.mmspec.spec.load.SpecProgram;
import org.mmspec.spec.load.SpecScenario;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.TransitionSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mmspec replay FILE}: rebuilds a JSON trace's system from its header, replays the recorded
 * schedule (threads and choices) step by step through it, checks each step against the recording, and
 * judges the final state. The header names the model: {@code reference-impl} (a scenario with its bugs,
 * written by {@code explore --json}) or {@code spec} (a scenario of a spec file, written by
 * {@code check --json}; the file is read again from the recorded path, relative to the working
 * directory). Exit 1 when the recorded violation is reproduced, 2 when the file is unreadable or the replay
 * departs from the recording — a step differs, or the final state's verdict is not the recorded violation
 * (both verdicts are printed).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay a JSON trace written by `explore --json` or `check --json`.",
        footer = {"", "Examples:",
            "  mmspec explore --bug dirty-cow --json cow.json && mmspec replay cow.json",
            "  mmspec replay cow.json --state 12          the whole state after step #12 (0: the initial state)",
            "  mmspec replay cow.json --view columns --html cow.html"})
final class ReplayCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The trace file.")
    Path file;

    @picocli.CommandLine.Option(names = "--state", paramLabel = "N", description = "Also show the whole state after"
            + " step N (0: the initial state).")
    Integer state;

    @picocli.CommandLine.Option(names = "--lib", paramLabel = "DIR", description = "Also look for `import <path>;` of"
            + " the spec file in DIR.")
    List<Path> libs = new java.util.ArrayList<>();

    @picocli.CommandLine.Mixin
    OutputMixin output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TraceDocument doc = read();
        String model = doc.header().getOrDefault("model", "");
        return switch (model) {
            case "reference-impl" -> replayReference(doc);
            case "spec" -> replaySpec(doc);
            default -> throw new UsageError(file + ": the header names no model mmspec can replay ('model' is '"
                    + model + "'; written by `mmspec explore --json` or `mmspec check --json`?)");
        };
    }

    private int replayReference(TraceDocument doc) {
        String scenarioName = doc.header().get("scenario");
        if (scenarioName == null) {
            throw new UsageError(file + ": header names no reference-impl scenario (written by `mmspec explore --json`?)");
        }
        String bugList = doc.header().getOrDefault("bugs", "");
        Set<BugId> bugs = ExploreCommand.parseBugs(bugList.isEmpty() ? List.of() : Arrays.asList(bugList.split(",")));
        Scenario scenario = doc.header().containsKey("file")
                ? ReplayViews.scenarioFromFile(file, Path.of(doc.header().get("file")), scenarioName)
                : ExploreCommand.resolveScenario(scenarioName, bugs);
        AuditMode audit = "check".equals(doc.header().get("audit")) ? AuditMode.CHECK : AuditMode.OFF;
        KernelSystem system = scenario.instantiate(bugs, audit);
        return replay(system, InvariantSource.resolve(system.config(), List.of(), InvariantSource.threadNames(system)), doc,
                "scenario " + scenario.name() + ExploreCommand.describeBugs(bugs));
    }

    private int replaySpec(TraceDocument doc) {
        String specFile = doc.header().get("file");
        String scenarioName = doc.header().get("scenario");
        if (specFile == null || scenarioName == null) {
            throw new UsageError(file + ": header names no spec file and scenario (written by `mmspec check --json`?)");
        }
        Path specPath;
        try {
            specPath = Path.of(specFile);
        } catch (java.nio.file.InvalidPathException e) {
            throw new UsageError(file + ": the header's spec file is not a valid path: " + e.getReason());
        }
        SpecProgram program = switch (SpecLoader.load(specPath, libs)) {
            case LoadResult.Loaded l -> l.program();
            case LoadResult.Rejected r -> {
                spec.commandLine().getErr().print(DiagnosticRenderer.renderAll(r.diagnostics()));
                throw new UsageError(file + ": the spec " + specFile + " it was recorded on does not load");
            }
        };
        SpecScenario scenario = program.scenario(scenarioName).orElseThrow(() -> new UsageError(file
                + ": " + specFile + " has no scenario '" + scenarioName + "'"
                + Names.closest(scenarioName, program.scenarios().stream().map(SpecScenario::name).toList())
                        .map(n -> " (did you mean '" + n + "'?)").orElse("")));
        boolean audited = "check".equals(doc.header().get("audit"));
        return replay(scenario.audited(audited).system(), scenario.invariants(), doc,
                "spec " + specFile + ", scenario " + scenario.name() + (audited ? ", audited" : ""));
    }

    private <S> int replay(TransitionSystem<S> system, List<? extends Invariant<? super S>> invariants,
            TraceDocument doc, String what) {
        output.reports();
        ReplayViews views = new ReplayViews(output, state, spec.commandLine().getOut());
        PrintWriter out = views.out();
        out.println("replaying " + file + ": " + what + ", " + doc.schedule().length() + " steps");
        Replay<S> replay = Replayer.replay(system, doc.schedule());
        if (replay instanceof Replay.DoesNotFit<S> d) {
            out.print(TextTraceWriter.write(d.trace(), null));
            throw new UsageError(file + ": the schedule does not fit " + what + " at " + d.describe());
        }
        Replay.Fits<S> fits = (Replay.Fits<S>) replay;
        List<TraceStep> replayed = fits.trace().steps();
        for (int i = 0; i < replayed.size(); i++) {
            if (!replayed.get(i).equals(doc.steps().get(i))) {
                out.print(TextTraceWriter.write(fits.trace(), null));
                throw new UsageError(file + ": step #" + (i + 1) + " differs from the recording: recorded '"
                        + doc.steps().get(i).label() + "', replayed '" + replayed.get(i).label() + "'");
            }
        }
        Violation violation = StateVerdict.of(system, invariants, fits.finalState());
        out.print(views.trace(system, fits.trace(), violation));
        out.println();
        if (!java.util.Objects.equals(doc.violation(), violation)) {
            throw new UsageError(file + ": replayed " + replayed.size() + " steps, but the verdict differs from the"
                    + " recording: recorded " + (doc.violation() == null ? "no violation" : doc.violation().describe())
                    + "; replayed " + (violation == null ? "no violation at the end" : violation.describe()));
        }
        out.println(violation == null ? "replayed " + replayed.size() + " steps, as recorded: no violation at the end"
                : "replayed " + replayed.size() + " steps, as recorded: " + violation.describe());
        views.state(system, doc.schedule());
        int code = violation == null ? ExitCodes.PASSED : ExitCodes.VIOLATION;
        views.reports(system, doc, fits.trace(), violation, code);
        return code;
    }

    /** Largest trace file read (a trace of the deepest search the store allows is a few MiB). */
    static final long MAX_TRACE_BYTES = 256L << 20;

    private TraceDocument read() {
        String text = switch (InputFile.read(file, MAX_TRACE_BYTES)) {
            case InputFile.Read r -> new String(r.bytes(), StandardCharsets.UTF_8);
            case InputFile.Refused r -> throw new UsageError(file + " " + r.reason());
        };
        return switch (JsonTraceReader.read(text)) {
            case TraceReadResult.Read r -> r.document();
            case TraceReadResult.Malformed m -> throw new UsageError(file + (Character.isDigit(m.problem().charAt(0)) ? ":" : ": ") + m.problem());
        };
    }
}
