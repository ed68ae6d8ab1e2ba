package org.mmspec.checker.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.checker.scenario.Scenario;
import org.mmspec.checker.scenario.ScenarioCatalog;
import org.mmspec.checker.scenario.Suite;
import org.mmspec.checker.scenario.SuiteRow;
import org.mmspec.checker.specs.SpecSuite;
import org.mmspec.spec.diag.DiagnosticRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
        subcommands = {ListCommand.class, ExploreCommand.class, CheckCommand.class, ReplayCommand.class, BenchCommand.class},
        footer = {"", "Exit codes: 0 passed (or every verdict as expected), 1 violation (or a verdict not as expected),"
                + " 2 bad usage or input, 3 incomplete (a budget ran out), 4 internal error."})
final class MmspecCommand implements Callable<Integer> {

    private final boolean interactive;

    @Option(names = "--audit", description = "Audit the atomicity of every step (docs/language.md, The atomicity audit;"
            + " docs/model.md, Atomicity): a step that is not reducible, an access that breaks its discipline or a"
            + " blocking acquisition in mid-step is a model error.")
    boolean audit;

    @Spec
    CommandSpec spec;

    MmspecCommand(boolean interactive) {
        this.interactive = interactive;
    }

    boolean interactive() {
        return interactive;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ScenarioCatalog catalog = ScenarioCatalog.standard();
        SpecSuite specs = bundledSpecs();
        int width = Stream.concat(catalog.all().stream().map(Scenario::name), specs.rowNames().stream())
                .mapToInt(String::length).max().orElse(0);
        SuiteTable table = new SuiteTable(out, width);
        table.header();
        ProgressPrinter progress = new ProgressPrinter(err, interactive);
        List<SuiteRow> rows = new ArrayList<>(new Suite(catalog).run(table::row, progress));
        rows.addAll(specs.run(SearchOptions.defaults(), audit, table::row, progress));
        long bad = rows.stream().filter(r -> !r.asExpected()).count();
        table.footer(rows.size(), bad);
        for (SpecSuite.Rejected r : specs.rejected()) {
            err.print(DiagnosticRenderer.renderAll(r.diagnostics()));
        }
        return bad == 0 ? ExitCodes.PASSED : ExitCodes.VIOLATION;
    }

    private static SpecSuite bundledSpecs() {
        try {
            return SpecSuite.bundled();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot list the bundled specification", e);
        }
    }
}
