package org.mmspec.checker.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mmspec.checker.scenario.InvariantSource;
import org.mmspec.checker.scenario.Scenario;
import org.mmspec.checker.scenario.ScenarioCatalog;
import org.mmspec.checker.scenario.build.Operation;
import org.mmspec.checker.scenario.build.Operations;
import org.mmspec.checker.specs.SpecSuite;
import org.mmspec.ref.bugs.BugId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mmspec list}: the standard scenarios, the historic bugs, the spec scenarios, the invariants and
 * the operations a scenario file can call — all read from their catalogs. {@code --report json} gives
 * the same as JSON.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List scenarios, historic bugs, spec scenarios, invariants and scenario-file operations.",
        footer = {"", "Examples:", "  mmspec list", "  mmspec list --report json:catalog.json"})
final class ListCommand implements Callable<Integer> {

    @Option(names = "--report", paramLabel = "json[:FILE]", description = "Write the lists as JSON, to FILE or, without"
            + " one, to standard output in place of the text.")
    OutputMixin.Report report;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ScenarioCatalog catalog = ScenarioCatalog.standard();
        List<String> specRows = specRows();
        if (report != null) {
            if (!report.format().equals("json")) {
                throw new UsageError("--report " + report.format() + ": list writes json only");
            }
            String json = json(catalog, specRows);
            if (report.file() == null) {
                out.print(json);
                return ExitCodes.PASSED;
            }
            ReportFiles.writeFile(report.file(), json);
        }
        text(out, catalog, specRows);
        return ExitCodes.PASSED;
    }

    private static List<String> specRows() {
        try {
            return SpecSuite.bundled().rowNames();
        } catch (java.io.IOException e) {
            throw new UsageError("cannot read the bundled spec/mm files: " + e.getMessage());
        }
    }

    private static void text(PrintWriter out, ScenarioCatalog catalog, List<String> specRows) {
        out.println("scenarios (checker/scenarios; run with `mmspec explore NAME`):");
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
        specRows.forEach(row -> out.println("  " + row));
        out.println();
        out.println("invariants:");
        InvariantSource.ids().forEach(id -> out.println("  " + id));
        out.println();
        out.println("operations of scenario files (threads run kernel procedures; set-up actions only in `setup`):");
        for (Operation op : Operations.all()) {
            out.println("  " + op.signature() + (op.isProcedure() ? "" : "   [set-up]"));
            out.println("      " + op.summary());
        }
    }

    private static String json(ScenarioCatalog catalog, List<String> specRows) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("format", "mmspec-list");
        root.put("version", 1);
        ArrayNode scenarios = root.putArray("scenarios");
        for (Scenario s : catalog.all()) {
            ObjectNode n = scenarios.addObject();
            n.put("name", s.name());
            n.put("summary", s.summary());
            n.put("bug", s.bug().map(BugId::id).orElse(""));
        }
        ArrayNode bugs = root.putArray("bugs");
        for (BugId b : BugId.values()) {
            ObjectNode n = bugs.addObject();
            n.put("id", b.id());
            n.put("catalogEntry", b.catalogEntry());
            n.put("scenario", catalog.forBug(b).map(Scenario::name).orElse(""));
        }
        ArrayNode spec = root.putArray("specScenarios");
        specRows.forEach(spec::add);
        ArrayNode invariants = root.putArray("invariants");
        InvariantSource.ids().forEach(invariants::add);
        ArrayNode ops = root.putArray("operations");
        List<String> sigs = new ArrayList<>();
        Operations.all().forEach(o -> sigs.add(o.signature()));
        sigs.forEach(ops::add);
        try {
            return m.writerWithDefaultPrettyPrinter().writeValueAsString(root).replace("\r\n", "\n") + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new java.io.UncheckedIOException("cannot serialise a JSON tree built in memory", e);
        }
    }
}
