package org.mmspec.spec.diag;

import java.util.List;

/**
 * The text form of diagnostics, as the CLI prints them:
 *
 * <pre>
 * pagelock.mmspec:12:9: error[E0301]: unknown name 'pte_presnt'
 *  12 |     if (pte_presnt(x)) {
 *     |         ^^^^^^^^^^
 *     = hint: did you mean 'pte_present'?
 * </pre>
 */
public final class DiagnosticRenderer {

    private DiagnosticRenderer() {
    }

    /** All {@code diagnostics}, each as {@link #render(Diagnostic)}, then a count line. */
    public static String renderAll(List<Diagnostic> diagnostics) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            out.append(render(d));
        }
        long errors = diagnostics.stream().filter(d -> d.code() != DiagnosticCode.TOO_MANY_ERRORS).count();
        out.append(errors).append(errors == 1 ? " error\n" : " errors\n");
        return out.toString();
    }

    /** One diagnostic: headline, the quoted line with a caret run under the span, hints. */
    public static String render(Diagnostic d) {
        StringBuilder out = new StringBuilder(d.headline()).append('\n');
        String lineNo = Integer.toString(d.span().line());
        String gutter = " ".repeat(lineNo.length() + 2);
        if (!d.sourceLine().isEmpty()) {
            String shown = printable(d.sourceLine());
            out.append(' ').append(lineNo).append(" | ").append(shown).append('\n');
            int col = Math.max(1, d.span().column());
            int width = d.span().endLine() == d.span().line()
                    ? Math.max(1, d.span().endColumn() - d.span().column())
                    : Math.max(1, shown.length() - col + 1);
            width = Math.min(width, Math.max(1, shown.length() - col + 1));
            out.append(gutter).append("| ").append(" ".repeat(Math.min(col - 1, shown.length())))
                    .append("^".repeat(width)).append('\n');
        }
        for (String hint : d.hints()) {
            out.append(gutter).append("= hint: ").append(hint).append('\n');
        }
        return out.toString();
    }

    /** Tabs become one space (keeps columns aligned), other control characters become '?'. */
    private static String printable(String line) {
        StringBuilder b = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            b.append(c == '\t' ? ' ' : Character.isISOControl(c) ? '?' : c);
        }
        return b.toString();
    }
}
