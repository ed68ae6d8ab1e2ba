package org.mmspec.spec.load;

import static org.junit.jupiter.api.Assertions.fail;

import org.mmspec.spec.diag.DiagnosticRenderer;

/** Test helpers: load spec text and get a scenario, failing the test with the diagnostics if rejected. */
public final class Specs {

    private Specs() {
    }

    public static SpecProgram load(String text) {
        return switch (SpecLoader.loadString("test.mmspec", text)) {
            case LoadResult.Loaded l -> l.program();
            case LoadResult.Rejected r -> fail("rejected:\n" + DiagnosticRenderer.renderAll(r.diagnostics()));
        };
    }

    public static SpecScenario scenario(String text, String name) {
        return load(text).scenario(name).orElseThrow();
    }
}
