package org.mmspec.checker.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.checker.report.CommandReport;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.run.CheckRun;
import org.mmspec.checker.run.Runs;
import org.mmspec.checker.scenario.InvariantSource;
import org.mmspec.checker.scenario.Names;
import org.mmspec.checker.scenario.Scenario;
import org.mmspec.checker.scenario.ScenarioCatalog;
import org.mmspec.checker.specs.ScenarioBounds;
import org.mmspec.checker.specs.SpecCheck;
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
 * {@code mmspec explore SCENARIO|FILE [--bug ID]...}: checks a standard scenario, or the scenarios of a
 * scenario file ({@code .scenario}) or spec file ({@code .mmspec}), and prints each verdict and
 * counterexample. Exit code: 1 when some check found a violation (or passed flagged), else 3 when some
 * search stopped early, else 0.
 */
@Command(name = "explore", mixinStandardHelpOptions = true,
        description = "Check one scenario of the reference implementation (a standard one by name, or the scenarios"
                + " of a .scenario or .mmspec file). With only --bug ID, check that bug's own scenario with the bug on.",
        footer = {"", "Examples:",
            "  mmspec explore --bug dirty-cow                        Dirty COW, found as a violation of cow_isolation",
            "  mmspec explore gup-vs-madvise --bug dirty-cow --view columns     the race in CPU columns",
            "  mmspec explore two-writers.scenario --coverage        your own scenario file, with coverage",
            "  mmspec explore ttu-vs-munmap --bug ttu-sync --html ttu.html      the trace as an HTML page",
            "",
            "Exit codes: 0 passed, 1 violation found, 2 bad usage or input, 3 incomplete (a budget ran out)."})
final class ExploreCommand implements Callable<Integer> {

    /** The standard scenarios' names, for help and completion (read from the catalog). */
    static final class ScenarioNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return ScenarioCatalog.standard().all().stream().map(Scenario::name).iterator();
        }
    }

    /** The historic bugs' ids, for help and completion (read from the catalog). */
    static final class BugIds implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(BugId.values()).map(BugId::id).iterator();
        }
    }

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO|FILE", completionCandidates = ScenarioNames.class,
            description = "A standard scenario (${COMPLETION-CANDIDATES}), or a .scenario or .mmspec file.")
    String target;

    @Option(names = "--scenario", paramLabel = "NAME", description = "Of a file, only this scenario (default: all).")
    String scenarioName;

    @Option(names = "--bug", paramLabel = "ID", completionCandidates = BugIds.class,
            description = "Switch a historic bug on (repeatable): ${COMPLETION-CANDIDATES}.")
    List<String> bugs = new ArrayList<>();

    @Option(names = "--invariants", split = ",", paramLabel = "ID", description = "Invariants to check (default: all).")
    List<String> invariants = new ArrayList<>();

    @Option(names = "--lib", paramLabel = "DIR", description = "Also look for `import <path>;` of a spec file in DIR.")
    List<Path> libs = new ArrayList<>();

    @Option(names = "--json", paramLabel = "FILE", description = "Write the trace as JSON (replay it with `mmspec replay`).")
    Path json;

    @Option(names = "--audit", description = "Audit the atomicity of every step: a step that is not reducible to one"
            + " atomic action (R* N? L*), an access that breaks its region's protection discipline, or a blocking"
            + " acquisition in mid-step is a model error with its trace (docs/model.md, Atomicity).")
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
        Set<BugId> bugIds = parseBugs(bugs);
        InvariantSource.unknown(invariants).ifPresent(id -> {
            throw new UsageError("unknown invariant '" + id + "'" + Names.closest(id, InvariantSource.ids())
                    .map(n -> " (did you mean '" + n + "'?)").orElse("") + "; see `mmspec list`");
        });
        MmspecCommand root = (MmspecCommand) spec.parent().userObject();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = output.reportOnStdout() ? new PrintWriter(java.io.Writer.nullWriter()) : spec.commandLine().getOut();
        ProgressPrinter progress = root.progress(err, output.heartbeat);
        List<CheckRun> runs = new ArrayList<>();
        List<Inputs.Input> inputs = new ArrayList<>();
        if (target != null && Inputs.isFile(target)) {
            Inputs.Input in = load(Path.of(target), err);
            inputs.add(in);
            exploreFile(in, bugIds, out, progress, runs);
        } else {
            Scenario scenario = resolveScenario(target, bugIds);
            SearchOptions options = search.options();
            out.println("scenario " + scenario.name() + describeBugs(bugIds) + ", " + CheckCommand.describe(options));
            runs.add(print(out, Runs.reference(scenario, bugIds, invariants, options, progress.searching(scenario.name()),
                    output.coverage, scenario.name(), "", auditMode())));
        }
        int code = exitCode(runs);
        ReportFiles.write(output, new CommandReport("explore", runs, List.of(), code), spec.commandLine().getOut(),
                Inputs.links(inputs));
        if (json != null) {
            writeJson(runs);
        }
        return code;
    }

    private Inputs.Input load(Path file, PrintWriter err) {
        List<CommandReport.LoadFailure> failures = new ArrayList<>();
        Inputs.Input in = Inputs.load(file, libs, err, failures);
        if (in == null) {
            ReportFiles.write(output, new CommandReport("explore", List.of(), failures, ExitCodes.USAGE),
                    spec.commandLine().getOut(), SourceLinks.none());
            throw new UsageError(file + " has errors; nothing was checked");
        }
        return in;
    }

    private void exploreFile(Inputs.Input in, Set<BugId> bugIds, PrintWriter out, ProgressPrinter progress,
            List<CheckRun> runs) {
        List<String> names = switch (in) {
            case Inputs.SpecInput s -> s.program().scenarios().stream().map(SpecScenario::name).toList();
            case Inputs.ScenarioInput s -> s.scenarios().stream().map(Scenario::name).toList();
        };
        if (scenarioName != null && !names.contains(scenarioName)) {
            throw new UsageError("unknown scenario '" + scenarioName + "' in " + in.path() + Names.closest(scenarioName, names)
                    .map(n -> " (did you mean '" + n + "'?)").orElse("") + "; its scenarios: " + String.join(", ", names));
        }
        switch (in) {
            case Inputs.SpecInput s -> {
                if (!bugIds.isEmpty() || !invariants.isEmpty()) {
                    throw new UsageError("--bug and --invariants are for the reference implementation; a spec scenario"
                            + " sets its bugs in its init block and its invariants with `check`");
                }
                for (SpecScenario sc : s.program().scenarios()) {
                    if (scenarioName == null || sc.name().equals(scenarioName)) {
                        SearchOptions options = search.options(ScenarioBounds.apply(sc.bounds(), SearchOptions.defaults()));
                        String name = SpecCheck.qualifiedName(s.name(), sc.name());
                        out.println("scenario " + name + ", " + CheckCommand.describeSpec(options, false, sc.spec()));
                        runs.add(print(out, Runs.spec(s.name(), s.path().toString().replace('\\', '/'), sc, options,
                                progress.searching(name), output.coverage)));
                    }
                }
            }
            case Inputs.ScenarioInput s -> {
                for (Scenario sc : s.scenarios()) {
                    if (scenarioName == null || sc.name().equals(scenarioName)) {
                        SearchOptions options = search.options(sc.search());
                        String name = s.name() + ":" + sc.name();
                        out.println("scenario " + name + describeBugs(bugIds) + ", " + CheckCommand.describe(options));
                        runs.add(print(out, Runs.reference(sc, bugIds, invariants, options, progress.searching(name),
                                output.coverage, name, s.path().toString().replace('\\', '/'), auditMode())));
                    }
                }
            }
        }
    }

    private CheckRun print(PrintWriter out, CheckRun run) {
        RunPrinter.print(out, run, output.view, output.coverage);
        if (run.system() instanceof org.mmspec.ref.system.KernelSystem k) {
            k.audit().ifPresent(a -> out.printf(java.util.Locale.ROOT, "audit: %,d steps, %,d accesses checked%n",
                    a.steps(), a.accesses()));
        }
        return run;
    }

    /** {@code --audit} here or before {@code explore}: the atomicity audit checks every step. */
    private AuditMode auditMode() {
        MmspecCommand root = (MmspecCommand) spec.parent().userObject();
        return audit || root.audit ? AuditMode.CHECK : AuditMode.OFF;
    }

    /** 1 when a check found a violation or passed flagged, else 3 when a search stopped early, else 0. */
    static int exitCode(List<CheckRun> runs) {
        if (runs.stream().anyMatch(r -> r.result() instanceof CheckResult.Violated || !r.flags().isEmpty())) {
            return ExitCodes.VIOLATION;
        }
        return runs.stream().anyMatch(r -> r.result() instanceof CheckResult.Incomplete) ? ExitCodes.INCOMPLETE
                : ExitCodes.PASSED;
    }

    static Set<BugId> parseBugs(List<String> ids) {
        Set<BugId> out = EnumSet.noneOf(BugId.class);
        List<String> known = Arrays.stream(BugId.values()).map(BugId::id).toList();
        for (String id : ids) {
            out.add(BugId.byId(id).orElseThrow(() -> new UsageError("unknown bug '" + id + "'"
                    + Names.closest(id, known).map(n -> " (did you mean '" + n + "'?)").orElse("")
                    + "; known: " + String.join(", ", known))));
        }
        return out;
    }

    static Scenario resolveScenario(String name, Set<BugId> bugs) {
        ScenarioCatalog catalog = ScenarioCatalog.standard();
        if (name == null) {
            if (bugs.size() != 1) {
                throw new UsageError("name a scenario or a scenario file, or give exactly one --bug ID to run that bug's"
                        + " own scenario; see `mmspec list`");
            }
            BugId bug = bugs.iterator().next();
            return catalog.forBug(bug).orElseThrow(() -> new UsageError("bug " + bug.id() + " has no scenario"));
        }
        return catalog.byName(name).orElseThrow(() -> new UsageError("unknown scenario '" + name + "'"
                + catalog.closest(name).map(n -> " (did you mean '" + n + "'?)").orElse("")
                + "; see `mmspec list` (a scenario file must end in .scenario, a spec file in .mmspec)"));
    }

    static String describeBugs(Set<BugId> bugs) {
        return bugs.isEmpty() ? "" : " with " + bugs.stream().map(BugId::id).collect(Collectors.joining(", ")) + " on";
    }

    private void writeJson(List<CheckRun> runs) {
        CheckRun chosen = runs.stream().filter(r -> r.result() instanceof CheckResult.Violated).findFirst().orElse(null);
        if (chosen == null) {
            spec.commandLine().getErr().println("mmspec: no trace to write to " + json + " (no violation)");
            return;
        }
        TraceFiles.write(json, CheckCommand.header(chosen), (CheckResult.Violated) chosen.result());
    }
}
