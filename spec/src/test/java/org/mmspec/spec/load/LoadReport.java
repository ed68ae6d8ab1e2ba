package org.mmspec.spec.load;

import java.util.List;
import java.util.stream.Collectors;
import org.mmspec.spec.diag.DiagnosticRenderer;

/** The text of a load result as corpus goldens record it. */
final class LoadReport {

    /** Steps of the lowest-thread run recorded in goldens. */
    static final int RUN_STEPS = 60;

    private LoadReport() {
    }

    static String render(LoadResult result) {
        return switch (result) {
            case LoadResult.Rejected r -> "rejected\n" + DiagnosticRenderer.renderAll(r.diagnostics());
            case LoadResult.Loaded l -> loaded(l.program());
        };
    }

    private static String loaded(SpecProgram p) {
        StringBuilder b = new StringBuilder("loaded ").append(p.file()).append('\n');
        b.append("invariants: ").append(orNone(String.join(", ", p.invariantIds()))).append('\n');
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
            b.append("  expect: ").append(expectation(s.expectation())).append('\n');
            b.append("  state: ").append(s.spec().initialState().size()).append(" slots\n");
            b.append("  lowest-thread run:\n");
            for (String line : LowestThreadRun.run(s, RUN_STEPS).lines()) {
                b.append("    ").append(line).append('\n');
            }
        }
        return b.toString();
    }

    private static String orNone(String s) {
        return s.isEmpty() ? "(none)" : s;
    }

    private static String opt(java.util.OptionalInt v) {
        return v.isPresent() ? Integer.toString(v.getAsInt()) : "-";
    }

    static String expectation(Expectation e) {
        return switch (e) {
            case Expectation.ExpectPass p -> "pass";
            case Expectation.ExpectViolation v -> "violation " + v.invariantId();
            case Expectation.ExpectDeadlock d -> "deadlock";
            case Expectation.ExpectFault f -> "fault " + f.kind();
            case Expectation.None n -> "none";
        };
    }
}
