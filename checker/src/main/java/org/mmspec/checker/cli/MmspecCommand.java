package org.mmspec.checker.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.checker.report.CommandReport;
import org.mmspec.checker.run.CheckRun;
import org.mmspec.checker.run.Runs;
import org.mmspec.checker.scenario.Scenario;
import org.mmspec.checker.scenario.ScenarioCatalog;
import org.mmspec.checker.specs.ScenarioBounds;
import org.mmspec.checker.specs.SpecSuite;
import org.mmspec.checker.specs.SpecExpectations.Judgement;
import org.mmspec.ref.bugs.BugId;
import org.mmspec.spec.diag.DiagnosticRenderer;
import org.mmspec.ref.audit.AuditMode;
import org.mmspec.ref.system.KernelSystem;
import org.mmspec.spec.load.SpecScenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code mmspec}: with no subcommand, runs the standard suite and prints one verdict table: the reference
 * implementation's scenarios — each with the historic bugs off (each must pass) and each bug's scenario
 * with it on (each must be found) — and then every scenario of every file of the bundled specification
 * ({@code spec/mm}, see {@link SpecSuite#bundled()}) against its {@code expect} clause, under its own
 * bounds. Exit 0 only when every verdict is as expected (a spec file that does not load counts as a
 * verdict not as expected; its diagnostics go to stderr).
 */
@Command(name = "mmspec", mixinStandardHelpOptions = true, version = "mmspec 0.1.0",
        description = "Model checker for Linux memory management: runs the standard scenario suite (no arguments),"
                + " or one scenario, a spec file's scenarios, a replay, the benchmarks.",
        footer = {"", "Examples:",
            "  mmspec                                       the standard suite: every verdict as expected?",
            "  mmspec --report junit:mmspec.xml             the same, with a JUnit XML report for CI",
            "  mmspec explore --bug dirty-cow --view columns     Dirty COW's race, one column per thread",
            "  mmspec check my.mmspec my.scenario          your own spec and scenario files",
            "  mmspec help check                            the options of a command",
            "",
            "Exit codes: 0 passed (or every verdict as expected), 1 violation (or a verdict not as expected),"
                + " 2 bad usage or input, 3 incomplete (a budget ran out), 4 internal error."})
final class MmspecCommand implements Callable<Integer> {

    /** The subcommands, in the order the usage help lists them (added by {@link #addSubcommands}). */
    static final List<Class<?>> SUBCOMMANDS = List.of(HelpCommand.class, ListCommand.class, ExploreCommand.class,
            CheckCommand.class, ReplayCommand.class, BenchCommand.class);

    private final boolean terminal;

    @Mixin
    OutputMixin output;

    @Option(names = "--audit", description = "Audit the atomicity of every step of every scenario (docs/model.md,"
            + " Atomicity; docs/language.md, The atomicity audit): a step that is not reducible, an access that breaks"
            + " its discipline or a blocking acquisition in mid-step is a model error. Before `explore` or `check` it"
            + " audits those scenarios.")
    boolean audit;

    @Spec
    CommandSpec spec;

    /** @param terminal whether stderr is a terminal */
    MmspecCommand(boolean terminal) {
        this.terminal = terminal;
    }

    /**
     * Adds the subcommands to the root command line: only the one the first argument names when it names one
     * (other than {@code help}, which shows the others), since then no other can run; otherwise all of them.
     * Picocli builds a command's model by reflecting on its annotated fields and mixins, interpreted at start-up:
     * the whole tree took about 0.1 s more than the root with {@code check} alone, at every start of a check.
     * Called before the command line's settings (converters, streams, handlers), which picocli applies to the
     * subcommands added so far.
     */
    static void addSubcommands(picocli.CommandLine root, String[] args, boolean all) {
        String first = args.length > 0 ? args[0] : "";
        boolean one = !all && !first.equals("help")
                && SUBCOMMANDS.stream().anyMatch(c -> c.getAnnotation(Command.class).name().equals(first));
        for (Class<?> c : SUBCOMMANDS) {
            if (!one || c.getAnnotation(Command.class).name().equals(first)) {
                root.addSubcommand(c);
            }
        }
    }

    /** The progress listener for a command: redrawn on a terminal, heartbeat lines otherwise. */
    ProgressPrinter progress(PrintWriter err, double heartbeatSeconds) {
        return new ProgressPrinter(err, terminal, heartbeatSeconds);
    }

    @Override
    public Integer call() {
        output.reports();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = output.reportOnStdout() ? new PrintWriter(java.io.Writer.nullWriter()) : spec.commandLine().getOut();
        ScenarioCatalog catalog = ScenarioCatalog.standard();
        SpecSuite specs = bundledSpecs();
        int width = Stream.concat(catalog.all().stream().map(Scenario::name), specs.rowNames().stream())
                .mapToInt(String::length).max().orElse(0);
        SuiteTable table = new SuiteTable(out, width);
        table.header();
        ProgressPrinter progress = progress(err, output.heartbeat);
        List<CheckRun> runs = new ArrayList<>();
        List<CommandReport.LoadFailure> failures = new ArrayList<>();
        reference(catalog, progress, table, runs);
        specs(specs, progress, table, runs, failures);
        long bad = runs.stream().filter(r -> r.judgement() != Judgement.AS_EXPECTED).count() + failures.size();
        table.footer(runs.size() + failures.size(), bad);
        if (audit) {
            long steps = 0;
            long accesses = 0;
            for (CheckRun r : runs) {
                if (r.system() instanceof KernelSystem k && k.audit().isPresent()) {
                    steps += k.audit().get().steps();
                    accesses += k.audit().get().accesses();
                }
            }
            out.printf(java.util.Locale.ROOT, "audit: %,d steps, %,d accesses checked in the reference-implementation"
                    + " scenarios; every step of the spec scenarios%n", steps, accesses);
        }
        failures.forEach(f -> err.print(f.diagnostics()));
        int code = bad == 0 ? ExitCodes.PASSED : ExitCodes.VIOLATION;
        ReportFiles.write(output, new CommandReport("suite", runs, failures, code), spec.commandLine().getOut(),
                SourceLinks.none());
        return code;
    }

    /** The reference implementation's scenarios: each with its bugs off, and with its own bug on. */
    private void reference(ScenarioCatalog catalog, ProgressPrinter progress, SuiteTable table, List<CheckRun> runs) {
        for (Scenario s : catalog.all()) {
            for (Set<BugId> bugs : s.checkedBugSets()) {
                runs.add(Runs.reference(s, bugs, List.of(), s.search(), progress.searching(s.name()), output.coverage,
                        s.name(), "", audit ? AuditMode.CHECK : AuditMode.OFF));
                table.row(runs.getLast().row());
            }
        }
    }

    /** Every scenario of the bundled spec files against its expect clause; a file that does not load is a row. */
    private void specs(SpecSuite specs, ProgressPrinter progress, SuiteTable table, List<CheckRun> runs,
            List<CommandReport.LoadFailure> failures) {
        for (SpecSuite.File f : specs.files()) {
            switch (f) {
                case SpecSuite.Loaded l -> {
                    for (SpecScenario s : l.program().scenarios()) {
                        runs.add(Runs.spec(l.name(), "spec/mm/" + l.name(), s.audited(audit),
                                ScenarioBounds.apply(s.bounds(), SearchOptions.defaults()),
                                progress.searching(l.name() + ":" + s.name()), output.coverage));
                        table.row(runs.getLast().row());
                    }
                }
                case SpecSuite.Rejected r -> {
                    table.row(SpecSuite.rejectedRow(r));
                    failures.add(new CommandReport.LoadFailure(r.name(), DiagnosticRenderer.renderAll(r.diagnostics())));
                }
            }
        }
    }

    private static SpecSuite bundledSpecs() {
        try {
            return SpecSuite.bundled();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot list the bundled specification", e);
        }
    }
}
