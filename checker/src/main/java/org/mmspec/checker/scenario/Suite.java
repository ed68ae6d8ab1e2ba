package org.mmspec.checker.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.mmspec.checker.observe.SearchListener;
import org.mmspec.ref.audit.AuditMode;
import org.mmspec.ref.bugs.BugId;

/**
 * The standard suite over the reference implementation: every scenario with no bug switched on (it
 * must pass), and every historic bug's scenario with that bug on (the checker must find it).
 */
public final class Suite {

    /** What the atomicity audit checked over a suite run: steps and accesses. */
    public record Audited(long steps, long accesses) {
    }

    private final ScenarioCatalog catalog;
    private final AuditMode audit;
    private long auditedSteps;
    private long auditedAccesses;

    public Suite(ScenarioCatalog catalog) {
        this(catalog, AuditMode.OFF);
    }

    /** The suite with the atomicity audit in {@code audit} mode for every check. */
    public Suite(ScenarioCatalog catalog, AuditMode audit) {
        this.catalog = catalog;
        this.audit = audit;
    }

    /** Runs every entry, handing each row to {@code sink} as soon as it is known. */
    public List<SuiteRow> run(Consumer<SuiteRow> sink, SearchListener listener) {
        List<SuiteRow> rows = new ArrayList<>();
        for (Scenario s : catalog.all()) {
            add(rows, sink, ScenarioRun.check(s, Set.of(), List.of(), s.search(), audit, listener), "-");
            if (s.bug().isPresent()) {
                BugId bug = s.bug().get();
                add(rows, sink, ScenarioRun.check(s, Set.of(bug), List.of(), s.search(), audit, listener), bug.id());
            }
        }
        return rows;
    }

    /** What the audit checked in the runs so far (zeros when the audit is off). */
    public Audited audited() {
        return new Audited(auditedSteps, auditedAccesses);
    }

    private void add(List<SuiteRow> rows, Consumer<SuiteRow> sink, ScenarioRun run, String bug) {
        run.system().audit().ifPresent(a -> {
            auditedSteps += a.steps();
            auditedAccesses += a.accesses();
        });
        SuiteRow row = new SuiteRow(run.scenario().name(), bug, run.expectation().describe(),
                SuiteRow.verdict(run.result()), run.asExpected(), run.result().statistics(),
                SuiteRow.traceLength(run.result()));
        rows.add(row);
        sink.accept(row);
    }
}
