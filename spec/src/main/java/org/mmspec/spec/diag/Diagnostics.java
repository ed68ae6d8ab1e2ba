package org.mmspec.spec.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The collector every front-end phase reports into. Phases keep going after an error (with an error
 * type where a type is needed) so one run shows every error; the collector stops accepting after
 * {@link #LIMIT} errors and records that it did.
 */
public final class Diagnostics {

    /** At most this many errors are kept. */
    public static final int LIMIT = 100;

    private final Map<String, SourceText> sources = new HashMap<>();
    private final List<Diagnostic> errors = new ArrayList<>();
    private boolean truncated;

    /** Registers a file so diagnostics pointing into it can quote its lines. */
    public void addSource(SourceText source) {
        sources.put(source.name(), source);
    }

    /** Reports {@code code} at {@code span} with message arguments {@code args}. */
    public void error(DiagnosticCode code, SourceSpan span, Object... args) {
        errorWithHints(code, span, List.of(), args);
    }

    /** Reports {@code code} with hints (each one line, e.g. {@code did you mean 'x'?}). */
    public void errorWithHints(DiagnosticCode code, SourceSpan span, List<String> hints, Object... args) {
        if (errors.size() >= LIMIT) {
            truncated = true;
            return;
        }
        SourceText source = sources.get(span.file());
        String line = source == null ? "" : source.line(span.line());
        errors.add(new Diagnostic(code, span, code.format(args), line, hints));
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public int count() {
        return errors.size();
    }

    /** The errors in source order (file, line, column), then code; a final note if some were dropped. */
    public List<Diagnostic> sorted() {
        List<Diagnostic> out = new ArrayList<>(errors);
        out.sort(Comparator.comparing((Diagnostic d) -> d.span().file())
                .thenComparingInt(d -> d.span().line())
                .thenComparingInt(d -> d.span().column())
                .thenComparing(d -> d.code().id())
                .thenComparing(Diagnostic::message));
        if (truncated) {
            Diagnostic last = out.get(out.size() - 1);
            out.add(new Diagnostic(DiagnosticCode.TOO_MANY_ERRORS, last.span(),
                    DiagnosticCode.TOO_MANY_ERRORS.format(LIMIT), last.sourceLine(), List.of()));
        }
        return List.copyOf(out);
    }
}
