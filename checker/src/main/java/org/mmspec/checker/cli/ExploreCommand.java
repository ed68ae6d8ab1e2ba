package org.mmspec.checker.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.scenario.InvariantSource;
import org.mmspec.checker.scenario.Scenario;
import org.mmspec.checker.scenario.ScenarioCatalog;
import org.mmspec.checker.scenario.ScenarioRun;
import org.mmspec.checker.trace.JsonTraceWriter;
import org.mmspec.ref.audit.AuditMode;
import org.mmspec.ref.bugs.BugId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mmspec explore SCENARIO [--bug ID]...}: checks one scenario and prints the verdict and trace. */
@Command(name = "explore", mixinStandardHelpOptions = true,
        description = "Check one scenario of the reference implementation. With only --bug ID, check that bug's own"
                + " scenario with the bug switched on.")
final class ExploreCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO", description = "Scenario name (see `mmspec list`).")
    String scenarioName;

    @Option(names = "--bug", paramLabel = "ID", description = "Switch a historic bug on (repeatable): "
            + "dirty-cow, ttu-sync, lock-page-killable-wakeup, madv-remove-deadlock, pcp-free-drift.")
    List<String> bugs = new ArrayList<>();

    @Option(names = "--invariants", split = ",", paramLabel = "ID", description = "Invariants to check (default: all).")
    List<String> invariants = new ArrayList<>();

    @Option(names = "--json", paramLabel = "FILE", description = "Write the trace as JSON (replay it with `mmspec replay`).")
    Path json;

    @Option(names = "--audit", description = "Audit the atomicity of every step: a step that is not reducible to one"
            + " atomic action (R* N? L*), an access that breaks its region's protection discipline, or a blocking"
            + " acquisition in mid-step is a model error with its trace (docs/model.md, Atomicity).")
    boolean audit;

    @Mixin
    SearchMixin search;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Set<BugId> bugIds = parseBugs(bugs);
        Scenario scenario = resolveScenario(scenarioName, bugIds);
        InvariantSource.unknown(invariants).ifPresent(id -> {
            throw new UsageError("unknown invariant '" + id + "'; see `mmspec list`");
        });
        SearchOptions options = search.options();
        PrintWriter out = spec.commandLine().getOut();
        MmspecCommand root = (MmspecCommand) spec.parent().userObject();
        boolean interactive = root.interactive();
        boolean audit = this.audit || root.audit;
        out.println("scenario " + scenario.name() + describeBugs(bugIds) + ", strategy " + options.strategy().name().toLowerCase(java.util.Locale.ROOT));
        ScenarioRun run = ScenarioRun.check(scenario, bugIds, invariants, options,
                audit ? AuditMode.CHECK : AuditMode.OFF, new ProgressPrinter(spec.commandLine().getErr(), interactive));
        Reports.print(out, run.result());
        run.system().audit().ifPresent(a -> out.printf(java.util.Locale.ROOT,
                "audit: %,d steps, %,d accesses checked%n", a.steps(), a.accesses()));
        if (json != null) {
            writeJson(run, bugIds, options);
        }
        return ExitCodes.of(run.result());
    }

    static Set<BugId> parseBugs(List<String> ids) {
        Set<BugId> out = EnumSet.noneOf(BugId.class);
        for (String id : ids) {
            out.add(BugId.byId(id).orElseThrow(() -> new UsageError("unknown bug '" + id + "'; known: "
                    + java.util.Arrays.stream(BugId.values()).map(BugId::id).collect(Collectors.joining(", ")))));
        }
        return out;
    }

    static Scenario resolveScenario(String name, Set<BugId> bugs) {
        ScenarioCatalog catalog = ScenarioCatalog.standard();
        if (name == null) {
            if (bugs.size() != 1) {
                throw new UsageError("name a scenario, or give exactly one --bug ID to run that bug's own scenario;"
                        + " see `mmspec list`");
            }
            BugId bug = bugs.iterator().next();
            return catalog.forBug(bug).orElseThrow(() -> new UsageError("bug " + bug.id() + " has no scenario"));
        }
        return catalog.byName(name).orElseThrow(() -> new UsageError("unknown scenario '" + name + "'"
                + catalog.closest(name).map(n -> " (did you mean '" + n + "'?)").orElse("") + "; see `mmspec list`"));
    }

    static String describeBugs(Set<BugId> bugs) {
        return bugs.isEmpty() ? "" : " with " + bugs.stream().map(BugId::id).collect(Collectors.joining(", ")) + " on";
    }

    private void writeJson(ScenarioRun run, Set<BugId> bugIds, SearchOptions options) {
        if (!(run.result() instanceof CheckResult.Violated v)) {
            spec.commandLine().getErr().println("mmspec: no trace to write to " + json + " (no violation)");
            return;
        }
        Map<String, String> header = new LinkedHashMap<>();
        header.put("model", "reference-impl");
        header.put("scenario", run.scenario().name());
        header.put("bugs", bugIds.stream().map(BugId::id).sorted().collect(Collectors.joining(",")));
        header.put("strategy", options.strategy().name().toLowerCase(java.util.Locale.ROOT));
        if (run.system().audit().isPresent()) {
            header.put("audit", "check");
        }
        try {
            Files.writeString(json, JsonTraceWriter.write(header, v.trace(), v.violation()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageError(json + ": cannot write: " + e.getMessage());
        }
    }

}
