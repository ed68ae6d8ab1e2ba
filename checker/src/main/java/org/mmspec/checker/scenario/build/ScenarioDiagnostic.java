package org.mmspec.checker.scenario.build;

import java.util.List;
import java.util.Objects;
import org.mmspec.spec.diag.SourceSpan;

/**
 * One problem in a scenario: its code, where it is, the message, the source line it points into
 * (empty for a scenario built in Java), and hints such as {@code did you mean 'user_write'?}.
 * {@link #render()} gives the same layout as the spec language's diagnostics.
 */
public record ScenarioDiagnostic(ScenarioCode code, SourceSpan span, String message, String sourceLine,
        List<String> hints) {

    public ScenarioDiagnostic {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(sourceLine, "sourceLine");
        hints = List.copyOf(hints);
    }

    /** {@code file:line:col: error[S0202]: message}. */
    public String headline() {
        return span.where() + ": error[" + code.id() + "]: " + message;
    }

    /** Headline, the quoted line with a caret run under the span, hints; each line ends with {@code \n}. */
    public String render() {
        StringBuilder out = new StringBuilder(headline()).append('\n');
        String lineNo = Integer.toString(span.line());
        String gutter = " ".repeat(lineNo.length() + 2);
        if (!sourceLine.isEmpty()) {
            String shown = sourceLine.replace('\t', ' ');
            out.append(' ').append(lineNo).append(" | ").append(shown).append('\n');
            int col = Math.max(1, Math.min(span.column(), shown.length() + 1));
            int width = span.endLine() == span.line() ? span.endColumn() - span.column() : shown.length() - col + 1;
            width = Math.max(1, Math.min(width, shown.length() - col + 1));
            out.append(gutter).append("| ").append(" ".repeat(col - 1)).append("^".repeat(width)).append('\n');
        }
        for (String hint : hints) {
            out.append(gutter).append("= hint: ").append(hint).append('\n');
        }
        return out.toString();
    }

    /** Every diagnostic rendered, then a count line ({@code 2 errors}). */
    public static String renderAll(List<ScenarioDiagnostic> diagnostics) {
        StringBuilder out = new StringBuilder();
        diagnostics.forEach(d -> out.append(d.render()));
        long n = diagnostics.stream().filter(d -> d.code() != ScenarioCode.TOO_MANY_ERRORS).count();
        return out.append(n).append(n == 1 ? " error\n" : " errors\n").toString();
    }
}
