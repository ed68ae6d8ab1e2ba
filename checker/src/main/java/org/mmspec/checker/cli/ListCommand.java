package org.mmspec.checker.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.mmspec.checker.scenario.Scenario;
import org.mmspec.checker.scenario.ScenarioCatalog;
import org.mmspec.checker.scenario.InvariantSource;
import org.mmspec.ref.bugs.BugId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mmspec list}: the scenarios, the historic bugs and the invariants. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List scenarios, historic bugs and invariants.")
final class ListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ScenarioCatalog catalog = ScenarioCatalog.standard();
        out.println("scenarios:");
        for (Scenario s : catalog.all()) {
            out.printf("  %-28s %s%s%n", s.name(), s.summary(), s.bug().map(b -> " [bug: " + b.id() + "]").orElse(""));
        }
        out.println();
        out.println("historic bugs (switch on with --bug ID):");
        for (BugId b : BugId.values()) {
            String scenario = catalog.forBug(b).map(Scenario::name).orElse("-");
            out.printf("  %-28s %-4s scenario %s%n", b.id(), b.catalogEntry(), scenario);
        }
        out.println();
        out.println("spec scenarios (spec/mm, check with `mmspec check spec/mm/FILE`):");
        try {
            for (String row : org.mmspec.checker.specs.SpecSuite.bundled().rowNames()) {
                out.println("  " + row);
            }
        } catch (java.io.IOException e) {
            throw new UsageError("cannot read the bundled spec/mm files: " + e.getMessage());
        }
        out.println();
        out.println("invariants:");
        for (String id : InvariantSource.ids()) {
            out.println("  " + id);
        }
        return ExitCodes.PASSED;
    }
}
