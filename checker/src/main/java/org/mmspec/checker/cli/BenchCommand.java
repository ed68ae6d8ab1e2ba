package org.mmspec.checker.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.checker.observe.SearchListener;
import org.mmspec.checker.result.Statistics;
import org.mmspec.checker.scenario.Scenario;
import org.mmspec.checker.scenario.ScenarioCatalog;
import org.mmspec.checker.scenario.ScenarioRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mmspec bench}: explorer throughput on each standard scenario (bugs off, BFS, all invariants),
 * single-threaded, from the explorer's own statistics: the searches are repeated for a warm-up period
 * and then for a measured period, and distinct states per second is the measured distinct states over
 * the measured search time. One {@code key=value} line per scenario.
 *
 * <p>With {@code --scale MODEL}: one big search of one model, measured from the process ({@link ScaleBench}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure distinct states/s and bytes/state;"
        + " with --scale, one big search with peak memory (VmHWM) per state, rates along the way and disk use.",
        footer = {"", "Examples:", "  mmspec bench --scenario anon-fault-vs-reclaim --warmup 4 --seconds 4",
            "  mmspec bench --report json:bench.json",
            "  mmspec bench --scale bench-4-faults-vs-reclaim"})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--scenario", paramLabel = "NAME", description = "Only this scenario.")
    String only;

    @Option(names = "--warmup", description = "Warm-up seconds per scenario (default: ${DEFAULT-VALUE}).", defaultValue = "2")
    double warmup;

    @Option(names = "--seconds", description = "Measured seconds per scenario (default: ${DEFAULT-VALUE}).", defaultValue = "3")
    double seconds;

    @Option(names = "--scale", paramLabel = "MODEL", description = "Scale mode: search MODEL once (a scenario, e.g."
            + " bench-4-faults-vs-reclaim; FILE.mmspec:SCENARIO; or synthetic:N) and report distinct states, peak"
            + " RSS per state, states/s and bytes on disk.")
    String scale;

    @Option(names = "--no-warmup", description = "Scale mode: skip the warm-up search.")
    boolean noWarmup;

    @Mixin
    SearchMixin search;
    @Option(names = "--report", paramLabel = "json[:FILE]", description = "Also write the measurements as JSON, to FILE"
            + " or, without one, to standard output in place of the lines.")
    OutputMixin.Report report;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (scale != null) {
            return ScaleBench.run(spec.commandLine().getOut(), scale, search.options(ScaleBench.defaults()), !noWarmup);
        }
        if (!(warmup >= 0) || !(seconds > 0)) {
            throw new UsageError("--warmup must be >= 0 and --seconds > 0");
        }
        if (report != null && !report.format().equals("json")) {
            throw new UsageError("--report " + report.format() + ": bench writes json only");
        }
        PrintWriter out = report != null && report.file() == null ? new PrintWriter(java.io.Writer.nullWriter())
                : spec.commandLine().getOut();
        com.fasterxml.jackson.databind.node.ArrayNode json = new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode();
        ScenarioCatalog catalog = ScenarioCatalog.standard();
        List<Scenario> scenarios = only == null ? catalog.all()
                : List.of(ExploreCommand.resolveScenario(only, Set.of()));
        out.println("# jdk=" + Runtime.version() + " cpus=" + Runtime.getRuntime().availableProcessors()
                + " os=" + System.getProperty("os.name") + "/" + System.getProperty("os.arch"));
        for (Scenario s : scenarios) {
            measure(s, false);
            Measurement m = measure(s, true);
            out.printf(Locale.ROOT, "scenario=%s distinct_states=%d depth=%d transitions=%d runs=%d measured_seconds=%.3f"
                    + " distinct_states_per_sec=%.0f bytes_per_state=%.2f%n", s.name(), m.last.distinctStates(),
                    m.last.maxDepth(), m.last.transitions(), m.runs, m.seconds, m.distinct / m.seconds,
                    m.last.bytesPerState());
            out.flush();
            json.addObject().put("scenario", s.name()).put("distinctStates", m.last.distinctStates())
                    .put("depth", m.last.maxDepth()).put("transitions", m.last.transitions()).put("runs", m.runs)
                    .put("measuredSeconds", m.seconds).put("distinctStatesPerSecond", m.distinct / m.seconds)
                    .put("bytesPerState", m.last.bytesPerState());
        }
        if (report != null) {
            String text = json.toPrettyString().replace("\r\n", "\n") + "\n";
            if (report.file() == null) {
                spec.commandLine().getOut().print(text);
                spec.commandLine().getOut().flush();
            } else {
                ReportFiles.writeFile(report.file(), text);
            }
        }
        return ExitCodes.PASSED;
    }

    private record Measurement(Statistics last, int runs, double seconds, long distinct) {
    }

    private Measurement measure(Scenario s, boolean measured) {
        double limit = measured ? seconds : warmup;
        double spent = 0;
        long distinct = 0;
        int runs = 0;
        Statistics last = null;
        long start = System.nanoTime();
        do {
            ScenarioRun run = ScenarioRun.check(s, Set.of(), List.of(), SearchOptions.defaults(), SearchListener.NONE);
            last = run.result().statistics();
            spent += last.seconds();
            distinct += last.distinctStates();
            runs++;
        } while ((System.nanoTime() - start) / 1e9 < limit);
        return new Measurement(last, runs, spent, distinct);
    }
}
