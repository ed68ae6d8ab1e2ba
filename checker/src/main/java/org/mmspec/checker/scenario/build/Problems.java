package org.mmspec.checker.scenario.build;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.mmspec.checker.scenario.Names;
import org.mmspec.spec.diag.SourceSpan;

/**
 * Collects the diagnostics of one scenario source, in order of position, at most {@value #LIMIT} (then
 * one note). Knows the source text, to quote the line of each problem.
 */
public final class Problems {

    /** At most this many errors are kept. */
    public static final int LIMIT = 100;

    private final String[] lines;
    private final List<ScenarioDiagnostic> list = new ArrayList<>();
    private boolean truncated;

    /** For {@code text} (null or empty when the scenario was not written as text). */
    public Problems(String text) {
        this.lines = text == null ? new String[0] : text.split("\r?\n", -1);
    }

    /** Reports {@code code} at {@code span} with the template's {@code args}. */
    public void error(ScenarioCode code, SourceSpan span, Object... args) {
        errorWithHints(code, span, List.of(), args);
    }

    /** Reports {@code code} with a did-you-mean hint for {@code wrong} among {@code known}. */
    public void unknown(ScenarioCode code, SourceSpan span, String wrong, Collection<String> known, Object... args) {
        List<String> hints = Names.closest(wrong, List.copyOf(known)).map(n -> "did you mean '" + n + "'?")
                .stream().toList();
        errorWithHints(code, span, hints, args);
    }

    /** Reports {@code code} with the given hints. */
    public void errorWithHints(ScenarioCode code, SourceSpan span, List<String> hints, Object... args) {
        if (list.size() >= LIMIT) {
            truncated = true;
            return;
        }
        String line = span.line() >= 1 && span.line() <= lines.length ? lines[span.line() - 1] : "";
        list.add(new ScenarioDiagnostic(code, span, code.format(args), line, hints));
    }

    public boolean hasErrors() {
        return !list.isEmpty();
    }

    public int count() {
        return list.size();
    }

    /** The diagnostics sorted by position (stable), with the truncation note last. */
    public List<ScenarioDiagnostic> sorted() {
        List<ScenarioDiagnostic> out = new ArrayList<>(list);
        out.sort(Comparator.comparing((ScenarioDiagnostic d) -> d.span().file())
                .thenComparingInt(d -> d.span().line()).thenComparingInt(d -> d.span().column()));
        if (truncated) {
            SourceSpan last = out.get(out.size() - 1).span();
            out.add(new ScenarioDiagnostic(ScenarioCode.TOO_MANY_ERRORS, last, ScenarioCode.TOO_MANY_ERRORS.format(LIMIT),
                    "", List.of()));
        }
        return List.copyOf(out);
    }
}
