package org.mmspec.checker.specs;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.mmspec.checker.explore.Budget;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.checker.observe.SearchListener;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.Statistics;
import org.mmspec.checker.scenario.SuiteRow;
import org.mmspec.checker.trace.TextTraceWriter;
import org.mmspec.spec.diag.DiagnosticRenderer;
import org.mmspec.spec.load.LoadResult;
import org.mmspec.spec.load.SpecProgram;
import org.mmspec.spec.load.SpecScenario;

/**
 * The text of a load result as corpus goldens record it: the diagnostics of a rejected file; for a
 * loaded one, the front-end's summary of each scenario and the explorer's verdict on it (under the
 * scenario's bounds, within {@link #OPTIONS}' budget), with the trace of a violation. Everything in it is
 * deterministic (no times).
 */
final class CorpusReport {

    /** The defaults corpus scenarios are searched with, under their own bounds: a small budget. */
    static final SearchOptions OPTIONS = SearchOptions.defaults()
            .withBudget(new Budget(200_000, Duration.ofSeconds(60), Budget.MACHINE));

    private CorpusReport() {
    }

    /** The report, and the checks it ran (empty for a rejected file). */
    record Report(String text, List<SpecCheck> checks) {
    }

    static Report render(LoadResult result) {
        return render(result, false);
    }

    /** The report, with every step audited for atomicity when {@code audit}. */
    static Report render(LoadResult result, boolean audit) {
        return switch (result) {
            case LoadResult.Rejected r -> new Report("rejected\n" + DiagnosticRenderer.renderAll(r.diagnostics()), List.of());
            case LoadResult.Loaded l -> loaded(l.program(), audit);
        };
    }

    private static Report loaded(SpecProgram p, boolean audit) {
        StringBuilder b = new StringBuilder("loaded ").append(p.file()).append('\n');
        b.append("invariants: ").append(orNone(String.join(", ", p.invariantIds()))).append('\n');
        List<SpecCheck> checks = new java.util.ArrayList<>();
        for (SpecScenario s : p.scenarios()) {
            b.append("\nscenario ").append(s.name()).append('\n');
            List<String> threads = new java.util.ArrayList<>();
            for (int t = 0; t < s.system().threadCount(); t++) {
                threads.add(s.system().threadName(t));
            }
            b.append("  threads: ").append(String.join(", ", threads)).append('\n');
            b.append("  checks: ").append(orNone(s.invariants().stream().map(i -> i.id())
                    .collect(Collectors.joining(", ")))).append('\n');
            b.append("  bounds: preemptions=").append(opt(s.bounds().maxPreemptions()))
                    .append(" depth=").append(opt(s.bounds().maxDepth()))
                    .append(" strategy=").append(s.bounds().strategy().map(Enum::name).orElse("-")).append('\n');
            b.append("  ").append(SpecExpectations.clause(s.expectation())).append('\n');
            b.append("  state: ").append(s.spec().initialState().size()).append(" slots\n");
            SpecCheck check = SpecCheck.run(p.file(), s.audited(audit), ScenarioBounds.apply(s.bounds(), OPTIONS),
                    SearchListener.NONE);
            checks.add(check);
            appendCheck(b, check);
        }
        return new Report(b.toString(), checks);
    }

    private static void appendCheck(StringBuilder b, SpecCheck check) {
        Statistics st = check.result().statistics();
        b.append("  search: ").append(check.options().strategy().name().toLowerCase(java.util.Locale.ROOT))
                .append(", ").append(st.distinctStates()).append(" distinct states, ")
                .append(st.statesGenerated()).append(" generated, depth ").append(st.maxDepth()).append('\n');
        b.append("  verdict: ").append(SuiteRow.verdict(check.result())).append('\n');
        if (check.result() instanceof CheckResult.Violated v) {
            for (String line : TextTraceWriter.write(v.trace(), v.violation()).split("\n")) {
                b.append("    ").append(line).append('\n');
            }
        }
        b.append("  judgement: ").append(check.judgement().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                .append('\n');
    }

    private static String orNone(String s) {
        return s.isEmpty() ? "(none)" : s;
    }

    private static String opt(OptionalInt v) {
        return v.isPresent() ? Integer.toString(v.getAsInt()) : "-";
    }
}
