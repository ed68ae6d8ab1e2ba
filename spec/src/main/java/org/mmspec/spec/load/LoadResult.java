package org.mmspec.spec.load;

import java.util.List;
import org.mmspec.spec.diag.Diagnostic;

/** The outcome of loading a spec: a program, or the diagnostics that reject it. */
public sealed interface LoadResult {

    record Loaded(SpecProgram program) implements LoadResult {
    }

    /** At least one diagnostic, in source order. */
    record Rejected(List<Diagnostic> diagnostics) implements LoadResult {
        public Rejected {
            diagnostics = List.copyOf(diagnostics);
        }
    }
}
