package org.mmspec.checker.scenario.build;

import java.util.List;

/** A scenario built in Java has problems: {@link #diagnostics()}, each at the Java line that caused it. */
public final class ScenarioBuildException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<ScenarioDiagnostic> diagnostics;

    ScenarioBuildException(List<ScenarioDiagnostic> diagnostics) {
        super("the scenario has errors:\n" + ScenarioDiagnostic.renderAll(diagnostics), null, false, false);
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<ScenarioDiagnostic> diagnostics() {
        return diagnostics;
    }
}
