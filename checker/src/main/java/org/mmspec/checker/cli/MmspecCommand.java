package org.mmspec.checker.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.mmspec.checker.scenario.ScenarioCatalog;
import org.mmspec.checker.scenario.Suite;
import org.mmspec.checker.scenario.SuiteRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code mmspec}: with no subcommand, runs the standard suite — every scenario with the historic bugs
 * off (each must pass) and each bug's scenario with it on (each must be found) — and prints the
 * verdict table. Exit 0 only when every verdict is as expected.
 */
@Command(name = "mmspec", mixinStandardHelpOptions = true, version = "mmspec 0.1.0",
        description = "Model checker for Linux memory management: runs the standard scenario suite (no arguments),"
                + " or one scenario, a replay, the benchmarks.",
        subcommands = {ListCommand.class, ExploreCommand.class, ReplayCommand.class, BenchCommand.class},
        footer = {"", "Exit codes: 0 passed (or every verdict as expected), 1 violation (or a verdict not as expected),"
                + " 2 bad usage or input, 3 incomplete (a budget ran out), 4 internal error."})
final class MmspecCommand implements Callable<Integer> {

    private final boolean interactive;

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
        SuiteTable table = new SuiteTable(out);
        table.header();
        List<SuiteRow> rows = new Suite(ScenarioCatalog.standard()).run(table::row, new ProgressPrinter(err, interactive));
        long bad = rows.stream().filter(r -> !r.asExpected()).count();
        table.footer(rows.size(), bad);
        return bad == 0 ? ExitCodes.PASSED : ExitCodes.VIOLATION;
    }
}
