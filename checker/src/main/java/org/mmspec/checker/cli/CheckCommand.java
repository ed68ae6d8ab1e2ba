package org.mmspec.checker.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.checker.explore.Strategy;
import org.mmspec.checker.report.CommandReport;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.run.CheckRun;
import org.mmspec.checker.run.Runs;
import org.mmspec.checker.scenario.Names;
import org.mmspec.checker.scenario.Scenario;
import org.mmspec.checker.specs.ScenarioBounds;
import org.mmspec.checker.specs.SpecCheck;
import org.mmspec.checker.specs.SpecExpectations;
import org.mmspec.checker.specs.SpecExpectations.Judgement;
import org.mmspec.ref.audit.AuditMode;
import org.mmspec.ref.bugs.BugId;
import org.mmspec.spec.load.SpecScenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mmspec check FILE... [--scenario NAME]}: checks the scenarios of spec files ({@code .mmspec})
 * and scenario files of the reference implementation ({@code .scenario}), all of them in file order or
 * the one named, each against what it expects: a spec scenario's {@code expect} clause (none: pass) under
 * its own {@code bounds} and {@code strategy} unless the command line overrides them
 * ({@link ScenarioBounds}); a reference-implementation scenario's {@code expect} with the historic bugs
 * off and, if it has a {@code bug} clause, that bug's expectation with the bug on. One block per check,
 * then a summary.
 *
 * <p>Exit code: 2 when a file does not load (its diagnostics are printed; nothing is checked), when the
 * files declare no scenario at all, or the usage is bad; else 1 when some verdict is not as expected (a
 * flagged pass included); else 3 when some search stopped early; else 0.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check the scenarios of spec files (.mmspec) and scenario files (.scenario) against what they"
                + " expect (spec scenarios under their own bounds unless options here override them).",
        footer = {"", "Examples:",
            "  mmspec check my_faults.mmspec                       every scenario of a spec file",
            "  mmspec check two-writers.scenario --view columns     a scenario file; traces in columns",
            "  mmspec check a.mmspec b.scenario --report junit:mmspec.xml    several files, JUnit XML for CI",
            "  mmspec check mine.mmspec --lib ~/specs               import <x.mmspec> from ~/specs too",
            "",
            "Exit codes: 0 every verdict as expected, 1 some verdict not as expected, 2 a file has"
                + " errors or bad usage, 3 some search incomplete (and none unexpected)."})
final class CheckCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Spec files (.mmspec; relative imports may reach"
            + " their directory) and scenario files (.scenario).")
    List<Path> files = new ArrayList<>();

    @Option(names = "--scenario", paramLabel = "NAME", description = "Only this scenario (default: all of each file's).")
    String scenarioName;

    @Option(names = "--lib", paramLabel = "DIR", description = "Also look for `import <path>;` in DIR, before the"
            + " bundled library (repeatable).")
    List<Path> libs = new ArrayList<>();

    @Option(names = "--json", paramLabel = "FILE", description = "Write one trace as JSON (replay it with `mmspec replay`):"
            + " that of the first check whose violation is not as expected, else of the first violation.")
    Path json;

    @Option(names = "--audit", description = "Audit the atomicity of every step: an access that breaks its variable's"
            + " discipline, a step that is not reducible to one atomic action (R* N? L*) or a blocking acquisition in"
            + " mid-step is a model error with its trace (docs/language.md, The atomicity audit).")
    boolean audit;

    @Mixin
    SearchMixin search;

    @Mixin
    OutputMixin output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        output.reports();
        MmspecCommand root = (MmspecCommand) spec.parent().userObject();
        PrintWriter err = spec.commandLine().getErr();
        List<CommandReport.LoadFailure> failures = new ArrayList<>();
        List<Inputs.Input> inputs = new ArrayList<>();
        for (Path f : files) {
            Inputs.Input in = Inputs.load(f, libs, err, failures);
            if (in != null) {
                inputs.add(in);
            }
        }
        if (!failures.isEmpty()) {
            ReportFiles.write(output, new CommandReport("check", List.of(), failures, ExitCodes.USAGE),
                    spec.commandLine().getOut(), SourceLinks.none());
            throw new UsageError(failures.size() == 1 ? failures.get(0).file() + " has errors; nothing was checked"
                    : failures.size() + " files have errors; nothing was checked");
        }
        requireScenario(inputs);
        requireWork(inputs);
        PrintWriter out = output.reportOnStdout() ? new PrintWriter(java.io.Writer.nullWriter()) : spec.commandLine().getOut();
        ProgressPrinter progress = root.progress(err, output.heartbeat);
        List<CheckRun> runs = new ArrayList<>();
        for (Inputs.Input in : inputs) {
            switch (in) {
                case Inputs.SpecInput s -> checkSpec(s, out, progress, runs);
                case Inputs.ScenarioInput s -> checkScenarios(s, out, progress, runs);
            }
        }
        out.println(summary(runs));
        out.flush();
        int code = exitCode(runs);
        ReportFiles.write(output, new CommandReport("check", runs, List.of(), code), spec.commandLine().getOut(),
                Inputs.links(inputs));
        if (json != null) {
            writeJson(runs);
        }
        return code;
    }

    private void checkSpec(Inputs.SpecInput in, PrintWriter out, ProgressPrinter progress, List<CheckRun> runs) {
        List<SpecScenario> scenarios = in.program().scenarios().stream()
                .filter(s -> scenarioName == null || s.name().equals(scenarioName)).toList();
        for (SpecScenario s : scenarios) {
            SearchOptions options = search.options(ScenarioBounds.apply(s.bounds(), SearchOptions.defaults()));
            String name = SpecCheck.qualifiedName(in.name(), s.name());
            out.println("scenario " + name + ", " + describeSpec(options, audited(), s.spec())
                    + (audited() ? ", audited" : "") + ", "
                    + SpecExpectations.clause(s.expectation()));
            CheckRun run = Runs.spec(in.name(), in.path().toString().replace('\\', '/'), s.audited(audited()), options,
                    progress.searching(name), output.coverage);
            block(out, run, runs);
        }
    }

    private void checkScenarios(Inputs.ScenarioInput in, PrintWriter out, ProgressPrinter progress, List<CheckRun> runs) {
        for (Scenario s : in.scenarios()) {
            if (scenarioName != null && !s.name().equals(scenarioName)) {
                continue;
            }
            String name = in.name() + ":" + s.name();
            SearchOptions options = search.options(s.search());
            for (Set<BugId> bugs : s.checkedBugSets()) {
                out.println("scenario " + name + ExploreCommand.describeBugs(bugs) + ", " + describe(options)
                        + (audited() ? ", audited" : "") + ", expect " + s.expectation(bugs).describe());
                block(out, Runs.reference(s, bugs, List.of(), options, progress.searching(name), output.coverage, name,
                        in.path().toString().replace('\\', '/'), audited() ? AuditMode.CHECK : AuditMode.OFF), runs);
            }
        }
    }

    /** {@code --audit} here or before {@code check}: the atomicity audit checks every step. */
    private boolean audited() {
        return audit || ((MmspecCommand) spec.parent().userObject()).audit;
    }

    private void block(PrintWriter out, CheckRun run, List<CheckRun> runs) {
        RunPrinter.print(out, run, output.view, output.coverage);
        out.println(judgement(run));
        out.println();
        runs.add(run);
    }

    /**
     * Every file must declare a scenario (an empty or half-saved file must not pass in CI), and a
     * checkpointed search must be the only one.
     */
    private void requireWork(List<Inputs.Input> inputs) {
        int checks = 0;
        for (Inputs.Input in : inputs) {
            int declared = switch (in) {
                case Inputs.SpecInput s -> s.program().scenarios().size();
                case Inputs.ScenarioInput s -> s.scenarios().size();
            };
            if (declared == 0) {
                throw new UsageError(in.name() + " declares no scenario, so nothing was checked (an empty or"
                        + " half-saved file?); a `scenario NAME { thread ...; }` block says what to check");
            }
            checks += scenarioName == null ? declared : 1;
        }
        if (checks > 1 && search.checkpoints()) {
            throw new UsageError("--checkpoint and --resume follow one search: name the scenario with --scenario");
        }
    }

    private void requireScenario(List<Inputs.Input> inputs) {
        if (scenarioName == null) {
            return;
        }
        List<String> names = new ArrayList<>();
        for (Inputs.Input in : inputs) {
            switch (in) {
                case Inputs.SpecInput s -> s.program().scenarios().forEach(x -> names.add(x.name()));
                case Inputs.ScenarioInput s -> s.scenarios().forEach(x -> names.add(x.name()));
            }
        }
        if (!names.contains(scenarioName)) {
            String where = inputs.size() == 1 ? inputs.get(0).name() : "the files given";
            throw new UsageError("unknown scenario '" + scenarioName + "' in " + where
                    + Names.closest(scenarioName, names).map(n -> " (did you mean '" + n + "'?)").orElse("")
                    + (names.isEmpty() ? "; it declares no scenario" : "; scenarios: " + String.join(", ", names)));
        }
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

    /**
     * {@link #describe}, for a spec scenario: it says when partial-order reduction is on, and with it whether
     * the scenario's threads are searched up to symmetry ({@code symmetry: F1, F2 interchangeable}) or why
     * not, when some threads run the same procedure with the same arguments.
     */
    static String describeSpec(SearchOptions o, boolean audited, org.mmspec.spec.eval.SpecSystem system) {
        if (!o.reducesLocalSteps() || audited) {
            return describe(o);
        }
        org.mmspec.spec.eval.Symmetry sym = system.symmetry();
        String symmetry = !o.usesSymmetry() || !sym.hasCandidates() ? "" : ", " + sym.note();
        return describe(o) + ", partial-order reduction" + symmetry;
    }

    private static String judgement(CheckRun run) {
        return switch (run.judgement()) {
            case AS_EXPECTED -> "as expected";
            case NOT_AS_EXPECTED -> "NOT as expected: expected " + run.expected()
                    + (run.flags().isEmpty() ? "" : " (a flagged pass proves little)");
            case UNDECIDED -> "undecided: the search stopped early (expected " + run.expected() + ")";
        };
    }

    private static String summary(List<CheckRun> runs) {
        long as = count(runs, Judgement.AS_EXPECTED);
        long not = count(runs, Judgement.NOT_AS_EXPECTED);
        long undecided = count(runs, Judgement.UNDECIDED);
        String what = runs.size() + " check" + (runs.size() == 1 ? "" : "s") + ": " + as + " as expected";
        return what + (not > 0 ? ", " + not + " NOT as expected" : "") + (undecided > 0 ? ", " + undecided + " undecided" : "");
    }

    /** 1 when some verdict is not as expected, else 3 when some search stopped early, else 0. */
    static int exitCode(List<CheckRun> runs) {
        if (count(runs, Judgement.NOT_AS_EXPECTED) > 0) {
            return ExitCodes.VIOLATION;
        }
        return count(runs, Judgement.UNDECIDED) > 0 ? ExitCodes.INCOMPLETE : ExitCodes.PASSED;
    }

    private static long count(List<CheckRun> runs, Judgement j) {
        return runs.stream().filter(c -> c.judgement() == j).count();
    }

    private void writeJson(List<CheckRun> runs) {
        CheckRun chosen = runs.stream()
                .filter(c -> c.result() instanceof CheckResult.Violated && c.judgement() == Judgement.NOT_AS_EXPECTED)
                .findFirst()
                .or(() -> runs.stream().filter(c -> c.result() instanceof CheckResult.Violated).findFirst())
                .orElse(null);
        if (chosen == null) {
            spec.commandLine().getErr().println("mmspec: no trace to write to " + json + " (no violation)");
            return;
        }
        TraceFiles.write(json, header(chosen), (CheckResult.Violated) chosen.result());
        if (runs.size() > 1) {
            spec.commandLine().getErr().println("mmspec: wrote the trace of " + chosen.name() + " to " + json);
        }
    }

    /** The JSON trace header that lets {@code replay} find the scenario again. */
    static Map<String, String> header(CheckRun run) {
        Map<String, String> header = new LinkedHashMap<>();
        header.put("model", run.model());
        if (!run.file().isEmpty()) {
            header.put("file", run.file());
        }
        header.put("scenario", run.scenario());
        if (run.model().equals(CheckRun.REFERENCE)) {
            header.put("bugs", String.join(",", run.bugs()));
        }
        header.put("strategy", run.options().strategy().name().toLowerCase(Locale.ROOT));
        if (run.options().reducesLocalSteps() && run.system().reportsLocalSteps()) {
            // the trace is a shortest one of the reduced graph
            boolean symmetric = run.options().usesSymmetry()
                    && run.system() instanceof org.mmspec.spec.eval.SpecSystem sp && sp.symmetry().active();
            header.put("reduction", symmetric ? "local-steps, symmetry" : "local-steps");
        }
        boolean audited = switch (run.system()) {
            case org.mmspec.ref.system.KernelSystem k -> k.audit().isPresent();
            case org.mmspec.spec.eval.SpecSystem sp -> sp.audited();
            default -> false;
        };
        if (audited) {
            header.put("audit", "check");
        }
        return header;
    }
}
