package org.mmspec.checker.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.mmspec.checker.bench.ScaleRun;
import org.mmspec.checker.bench.SyntheticCounters;
import org.mmspec.checker.explore.Budget;
import org.mmspec.checker.explore.CheckRequest;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.Statistics;
import org.mmspec.checker.bench.BenchScenarios;
import org.mmspec.checker.scenario.InvariantSource;
import org.mmspec.checker.scenario.Scenario;
import org.mmspec.checker.scenario.ScenarioCatalog;
import org.mmspec.checker.specs.ScenarioBounds;
import org.mmspec.ref.system.KernelSystem;
import org.mmspec.spec.load.LoadResult;
import org.mmspec.spec.load.SpecLoader;
import org.mmspec.spec.load.SpecProgram;
import org.mmspec.spec.load.SpecScenario;

/**
 * {@code mmspec bench --scale MODEL}: one big search, measured from the process. MODEL is a
 * reference-implementation scenario (standard or {@code bench-*}), {@code FILE.mmspec:SCENARIO}, or
 * {@code synthetic:N} (four counters, at least N states). A warm-up search of at most
 * {@value #WARMUP_STATES} states comes first (same process), unless told not to.
 */
final class ScaleBench {

    static final long WARMUP_STATES = 200_000;

    private ScaleBench() {
    }

    /** Runs the scale benchmark and prints one {@code key=value} line. */
    static int run(PrintWriter out, String model, SearchOptions base, boolean warmup) {
        CheckRequest<?> request = request(model, base);
        if (warmup) {
            SearchOptions w = request.options().withBudget(request.options().budget().withMaxStates(WARMUP_STATES));
            ScaleRun.measure(new CheckRequest<>(cast(request).system(), cast(request).invariants(), w));
        }
        ScaleRun run = ScaleRun.measure(request);
        Statistics s = run.result().statistics();
        Runtime rt = Runtime.getRuntime();
        StringBuilder line = new StringBuilder("scale model=").append(model)
                .append(" verdict=").append(verdict(run.result()))
                .append(" threads=").append(request.system().threadCount())
                .append(" vector_words=").append(request.system().vectors() == null ? -1
                        : request.system().vectors().vectorLength())
                .append(String.format(Locale.ROOT, " distinct_states=%d generated=%d depth=%d seconds=%.1f"
                        + " states_per_sec=%.0f", s.distinctStates(), s.statesGenerated(), s.maxDepth(), s.seconds(),
                        s.distinctStatesPerSecond()));
        for (int i = 0; i < ScaleRun.DECADES.length; i++) {
            if (run.windowRates()[i] > 0) {
                String at = String.format(Locale.ROOT, "%.0e", (double) ScaleRun.DECADES[i]).replace("+0", "");
                line.append(String.format(Locale.ROOT, " rate_at_%s=%.0f generated_rate_at_%s=%.0f", at,
                        run.windowRates()[i], at, run.windowGenerated()[i]));
            }
        }
        if (run.lastHalf()[0] > 0) {
            line.append(String.format(Locale.ROOT, " rate_last_half=%.0f generated_rate_last_half=%.0f",
                    run.lastHalf()[0], run.lastHalf()[1]));
        }
        line.append(String.format(Locale.ROOT, " peak_rss_bytes=%d peak_rss_bytes_per_state=%.1f"
                + " peak_huge_page_bytes=%d store_bytes=%d disk_bytes=%d collision_probability=%.1e max_heap=%d"
                + " cpus=%d jdk=%s", run.peakResidentBytes(), run.peakBytesPerState(), run.peakHugePageBytes(),
                s.storeBytes(), s.diskBytes(), s.collisionProbability(), rt.maxMemory(), rt.availableProcessors(),
                Runtime.version()));
        out.println(line);
        out.flush();
        return ExitCodes.PASSED;
    }

    @SuppressWarnings("unchecked")
    private static CheckRequest<Object> cast(CheckRequest<?> r) {
        return (CheckRequest<Object>) r;
    }

    private static String verdict(CheckResult r) {
        return switch (r) {
            case CheckResult.Passed p -> "passed";
            case CheckResult.Violated v -> "violated";
            case CheckResult.Incomplete i -> "incomplete:" + i.reason().name().toLowerCase(Locale.ROOT);
        };
    }

    private static CheckRequest<?> request(String model, SearchOptions base) {
        if (model.startsWith("synthetic:")) {
            long n;
            try {
                n = Long.parseLong(model.substring("synthetic:".length()).replace("_", ""));
            } catch (NumberFormatException e) {
                throw new UsageError("--scale synthetic:N needs a number of states, e.g. synthetic:100000000");
            }
            return new CheckRequest<>(SyntheticCounters.atLeast(n), List.of(), base);
        }
        int mmspec = model.indexOf(".mmspec");
        if (mmspec >= 0) {
            return spec(Path.of(model.substring(0, mmspec + 7)),
                    model.length() > mmspec + 8 ? model.substring(mmspec + 8) : null, base);
        }
        Optional<Scenario> s = Stream.concat(ScenarioCatalog.standard().all().stream(), BenchScenarios.all().stream())
                .filter(x -> x.name().equals(model)).findFirst();
        Scenario scenario = s.orElseThrow(() -> new UsageError("--scale: unknown model '" + model + "'; give a scenario"
                + " (see `mmspec list`, or bench-2-faults-vs-reclaim .. bench-4-faults-vs-reclaim),"
                + " FILE.mmspec:SCENARIO or synthetic:N"));
        KernelSystem system = scenario.instantiate(Set.of());
        return new CheckRequest<>(system, InvariantSource.resolve(system.config(), scenario.invariants()), base);
    }

    private static CheckRequest<?> spec(Path file, String name, SearchOptions base) {
        SpecProgram program = switch (SpecLoader.load(file)) {
            case LoadResult.Loaded l -> l.program();
            case LoadResult.Rejected r -> throw new UsageError(file + " has errors; run `mmspec check " + file + "`");
        };
        List<SpecScenario> all = program.scenarios();
        SpecScenario chosen = name == null && all.size() == 1 ? all.get(0)
                : program.scenario(name == null ? "" : name).orElseThrow(() -> new UsageError("--scale: name one scenario"
                        + " of " + file + " as FILE.mmspec:SCENARIO; its scenarios: "
                        + String.join(", ", all.stream().map(SpecScenario::name).toList())));
        return new CheckRequest<>(chosen.system(), chosen.invariants(), ScenarioBounds.apply(chosen.bounds(), base));
    }

    /** The options of a scale run: no time limit unless one is given. */
    static SearchOptions defaults() {
        return SearchOptions.defaults().withBudget(Budget.unlimited());
    }
}
