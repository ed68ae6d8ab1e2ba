package org.mmspec.spec.diag;

import java.util.List;
import java.util.Objects;

/**
 * One error found in a spec: its stable code, where it is, a one-line message, the source line it points
 * into (for the caret display), and hints such as {@code did you mean 'pte_present'?}.
 */
public record Diagnostic(DiagnosticCode code, SourceSpan span, String message, String sourceLine,
        List<String> hints) {

    public Diagnostic {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(sourceLine, "sourceLine");
        hints = List.copyOf(hints);
    }

    /** {@code file:line:col: error[E0301]: message}. */
    public String headline() {
        return span.where() + ": error[" + code.id() + "]: " + message;
    }
}
