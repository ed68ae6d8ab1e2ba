package org.mmspec.checker.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.checker.explore.Strategy;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.scenario.Names;
import org.mmspec.checker.specs.ScenarioBounds;
import org.mmspec.checker.specs.SpecCheck;
import org.mmspec.checker.specs.SpecExpectations;
import org.mmspec.checker.specs.SpecExpectations.Judgement;
import org.mmspec.spec.diag.DiagnosticRenderer;
import org.mmspec.spec.load.LoadResult;
import org.mmspec.spec.load.SpecLoader;
import org.mmspec.spec.load.SpecProgram;
import org.mmspec.spec.load.SpecScenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mmspec check FILE.mmspec [--scenario NAME]}: checks the scenarios of a spec file (all, in file
 * order, or the one named) with the explorer, each under its own {@code bounds} and {@code strategy}
 * unless the command line overrides them ({@link ScenarioBounds}), and compares each verdict with the
 * scenario's {@code expect} clause (none: expected to pass). One block per scenario (header, verdict,
 * trace, statistics, judgement), then a summary.
 *
 * <p>Exit code: 2 when the file does not load (its diagnostics are printed), declares no scenario, or the
 * usage is bad; else 1
 * when some verdict is not as expected; else 3 when some search stopped early (a budget ran out); else
 * 0. For a scenario without an {@code expect} clause these are {@code explore}'s codes.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check the scenarios of a spec file against their expect clauses (each under its own bounds"
                + " unless options here override them).",
        footer = {"", "Exit codes: 0 every verdict as expected, 1 some verdict not as expected, 2 the file has"
                + " errors or bad usage, 3 some search incomplete (and none unexpected)."})
final class CheckCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The spec file (imports may reach its directory).")
    Path file;

    @Option(names = "--scenario", paramLabel = "NAME", description = "Only this scenario (default: all of the file's).")
    String scenarioName;

    @Option(names = "--json", paramLabel = "FILE", description = "Write one trace as JSON (replay it with `mmspec replay`):"
            + " that of the first scenario whose violation is not as expected, else of the first violation.")
    Path json;

    @Mixin
    SearchMixin search;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SpecProgram program = load();
        List<SpecScenario> scenarios = select(program);
        PrintWriter out = spec.commandLine().getOut();
        boolean interactive = ((MmspecCommand) spec.parent().userObject()).interactive();
        if (scenarios.isEmpty()) {
            throw new UsageError(program.file() + " declares no scenario, so nothing was checked (an empty or"
                    + " half-saved file?); a `scenario NAME { thread ...; }` block says what to check");
        }
        if (scenarios.size() > 1 && search.checkpoints()) {
            throw new UsageError("--checkpoint and --resume follow one search: name the scenario with --scenario");
        }
        List<SpecCheck> checks = new ArrayList<>();
        for (SpecScenario s : scenarios) {
            SearchOptions options = search.options(ScenarioBounds.apply(s.bounds(), SearchOptions.defaults()));
            out.println("scenario " + SpecCheck.qualifiedName(program.file(), s.name()) + ", " + describe(options)
                    + ", " + SpecExpectations.clause(s.expectation()));
            SpecCheck check = SpecCheck.run(program.file(), s, options,
                    new ProgressPrinter(spec.commandLine().getErr(), interactive));
            Reports.print(out, check.result());
            out.println(judgement(check));
            out.println();
            checks.add(check);
        }
        out.println(summary(checks));
        out.flush();
        if (json != null) {
            writeJson(checks);
        }
        return exitCode(checks);
    }

    private SpecProgram load() {
        return switch (SpecLoader.load(file)) {
            case LoadResult.Loaded l -> l.program();
            case LoadResult.Rejected r -> {
                spec.commandLine().getErr().print(DiagnosticRenderer.renderAll(r.diagnostics()));
                throw new UsageError(file + " has errors; nothing was checked");
            }
        };
    }

    private List<SpecScenario> select(SpecProgram program) {
        if (scenarioName == null) {
            return program.scenarios();
        }
        return List.of(program.scenario(scenarioName).orElseThrow(() -> {
            List<String> names = program.scenarios().stream().map(SpecScenario::name).toList();
            return new UsageError("unknown scenario '" + scenarioName + "' in " + program.file()
                    + Names.closest(scenarioName, names).map(n -> " (did you mean '" + n + "'?)").orElse("")
                    + (names.isEmpty() ? "; it declares no scenario" : "; its scenarios: " + String.join(", ", names)));
        }));
    }

    /** {@code strategy preempt (at most 2 preemptions)}, with the depth bound when it is not the default. */
    static String describe(SearchOptions o) {
        String strategy = "strategy " + o.strategy().name().toLowerCase(Locale.ROOT);
        if (o.strategy() == Strategy.PREEMPT) {
            strategy += " (at most " + o.maxPreemptions() + " preemption" + (o.maxPreemptions() == 1 ? "" : "s") + ")";
        } else if (o.strategy() == Strategy.RANDOM) {
            strategy += " (" + o.randomWalks() + " walks, seed " + o.seed() + ")";
        }
        return o.maxDepth() == SearchOptions.defaults().maxDepth() ? strategy : strategy + ", depth " + o.maxDepth();
    }

    private static String judgement(SpecCheck check) {
        return switch (check.judgement()) {
            case AS_EXPECTED -> "as expected";
            case NOT_AS_EXPECTED -> "NOT as expected: " + SpecExpectations.clause(check.scenario().expectation());
            case UNDECIDED -> "undecided: the search stopped early (" + SpecExpectations.clause(check.scenario().expectation()) + ")";
        };
    }

    private static String summary(List<SpecCheck> checks) {
        long as = count(checks, Judgement.AS_EXPECTED);
        long not = count(checks, Judgement.NOT_AS_EXPECTED);
        long undecided = count(checks, Judgement.UNDECIDED);
        String what = checks.size() + " scenario" + (checks.size() == 1 ? "" : "s") + ": " + as + " as expected";
        return what + (not > 0 ? ", " + not + " NOT as expected" : "") + (undecided > 0 ? ", " + undecided + " undecided" : "");
    }

    static int exitCode(List<SpecCheck> checks) {
        if (count(checks, Judgement.NOT_AS_EXPECTED) > 0) {
            return ExitCodes.VIOLATION;
        }
        return count(checks, Judgement.UNDECIDED) > 0 ? ExitCodes.INCOMPLETE : ExitCodes.PASSED;
    }

    private static long count(List<SpecCheck> checks, Judgement j) {
        return checks.stream().filter(c -> c.judgement() == j).count();
    }

    private void writeJson(List<SpecCheck> checks) {
        SpecCheck chosen = checks.stream()
                .filter(c -> c.result() instanceof CheckResult.Violated && c.judgement() == Judgement.NOT_AS_EXPECTED)
                .findFirst()
                .or(() -> checks.stream().filter(c -> c.result() instanceof CheckResult.Violated).findFirst())
                .orElse(null);
        if (chosen == null) {
            spec.commandLine().getErr().println("mmspec: no trace to write to " + json + " (no violation)");
            return;
        }
        Map<String, String> header = new LinkedHashMap<>();
        header.put("model", "spec");
        header.put("file", file.toString().replace('\\', '/'));
        header.put("scenario", chosen.scenario().name());
        header.put("strategy", chosen.options().strategy().name().toLowerCase(Locale.ROOT));
        TraceFiles.write(json, header, (CheckResult.Violated) chosen.result());
        if (checks.size() > 1) {
            spec.commandLine().getErr().println("mmspec: wrote the trace of " + chosen.name() + " to " + json);
        }
    }
}
