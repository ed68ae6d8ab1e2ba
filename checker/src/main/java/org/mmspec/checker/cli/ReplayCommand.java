package org.mmspec.checker.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.mmspec.checker.explore.StateVerdict;
import org.mmspec.checker.result.Violation;
import org.mmspec.checker.scenario.InvariantSource;
import org.mmspec.checker.scenario.Scenario;
import org.mmspec.checker.trace.JsonTraceReader;
import org.mmspec.checker.trace.Replay;
import org.mmspec.checker.trace.Replayer;
import org.mmspec.checker.trace.TextTraceWriter;
import org.mmspec.checker.trace.TraceDocument;
import org.mmspec.checker.trace.TraceReadResult;
import org.mmspec.checker.trace.TraceStep;
import org.mmspec.ref.bugs.BugId;
import org.mmspec.ref.state.KernelState;
import org.mmspec.ref.system.KernelSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mmspec replay FILE}: rebuilds a JSON trace's scenario (with its bugs), replays the recorded
 * schedule step by step through the same transition system, checks each step against the recording,
 * and judges the final state. Exit 1 when the recorded violation is reproduced, 0 when the schedule ends
 * without one, 2 when the file is unreadable or the replay departs from the recording.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, description = "Replay a JSON trace written by `explore --json`.")
final class ReplayCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The trace file.")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TraceDocument doc = read();
        String scenarioName = doc.header().get("scenario");
        if (scenarioName == null || !"reference-impl".equals(doc.header().get("model"))) {
            throw new UsageError(file + ": header names no reference-impl scenario (written by `mmspec explore --json`?)");
        }
        String bugList = doc.header().getOrDefault("bugs", "");
        Set<BugId> bugs = ExploreCommand.parseBugs(bugList.isEmpty() ? List.of() : Arrays.asList(bugList.split(",")));
        Scenario scenario = ExploreCommand.resolveScenario(scenarioName, bugs);
        KernelSystem system = scenario.instantiate(bugs);
        PrintWriter out = spec.commandLine().getOut();
        out.println("replaying " + file + ": scenario " + scenario.name() + ExploreCommand.describeBugs(bugs) + ", "
                + doc.schedule().length() + " steps");
        Replay<KernelState> replay = Replayer.replay(system, doc.schedule());
        if (replay instanceof Replay.DoesNotFit<KernelState> d) {
            out.print(TextTraceWriter.write(d.trace(), null));
            throw new UsageError(file + ": the schedule does not fit the scenario at " + d.describe());
        }
        Replay.Fits<KernelState> fits = (Replay.Fits<KernelState>) replay;
        List<TraceStep> replayed = fits.trace().steps();
        for (int i = 0; i < replayed.size(); i++) {
            if (!replayed.get(i).equals(doc.steps().get(i))) {
                out.print(TextTraceWriter.write(fits.trace(), null));
                throw new UsageError(file + ": step #" + (i + 1) + " differs from the recording: recorded '"
                        + doc.steps().get(i).label() + "', replayed '" + replayed.get(i).label() + "'");
            }
        }
        Violation violation = StateVerdict.of(system, InvariantSource.resolve(system.config(), List.of()), fits.finalState());
        out.print(TextTraceWriter.write(fits.trace(), violation));
        out.println();
        out.println(violation == null ? "replayed " + replayed.size() + " steps: no violation at the end"
                : "replayed " + replayed.size() + " steps, as recorded: " + violation.describe());
        return violation == null ? ExitCodes.PASSED : ExitCodes.VIOLATION;
    }

    private TraceDocument read() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new UsageError(file + ": cannot read: " + e.getMessage());
        }
        return switch (JsonTraceReader.read(text)) {
            case TraceReadResult.Read r -> r.document();
            case TraceReadResult.Malformed m -> throw new UsageError(file + ": " + m.problem());
        };
    }
}
