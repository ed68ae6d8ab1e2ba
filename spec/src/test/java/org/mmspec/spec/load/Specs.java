package org.mmspec.spec.load;

import static org.junit.jupiter.api.Assertions.fail;

import org.mmspec.spec.diag.DiagnosticRenderer;

/** Test helpers: load spec text and get a scenario, failing the test with the diagnostics if rejected. */
public final class Specs {

    private Specs() {
    }

    public static SpecProgram load(String text) {
        return load(text, "test.mmspec");
    }

    /** {@link #load(String)} under the file name {@code file} (as diagnostics and positions show it). */
    public static SpecProgram load(String text, String file) {
        return switch (SpecLoader.loadString(file, text)) {
            case LoadResult.Loaded l -> l.program();
            case LoadResult.Rejected r -> fail("rejected:\n" + DiagnosticRenderer.renderAll(r.diagnostics()));
        };
    }

    public static SpecScenario scenario(String text, String name) {
        return load(text).scenario(name).orElseThrow();
    }

    public static SpecScenario scenario(String text, String name, String file) {
        return load(text, file).scenario(name).orElseThrow();
    }
}
