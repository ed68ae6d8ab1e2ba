package org.mmspec.checker.scenario.file;

import java.util.List;
import java.util.Objects;
import org.mmspec.checker.scenario.Scenario;
import org.mmspec.checker.scenario.build.ScenarioDiagnostic;

/** What loading a scenario file gave: its scenarios, or its problems. */
public sealed interface ScenarioLoad permits ScenarioLoad.Loaded, ScenarioLoad.Rejected {

    /** The file as shown in messages. */
    String file();

    /** The file loaded; {@code scenarios} in file order. */
    record Loaded(String file, List<Scenario> scenarios) implements ScenarioLoad {
        public Loaded {
            Objects.requireNonNull(file, "file");
            scenarios = List.copyOf(scenarios);
        }
    }

    /** The file has errors: every one, by position. */
    record Rejected(String file, List<ScenarioDiagnostic> diagnostics) implements ScenarioLoad {
        public Rejected {
            Objects.requireNonNull(file, "file");
            diagnostics = List.copyOf(diagnostics);
        }

        /** Every diagnostic rendered, with a count line. */
        public String render() {
            return ScenarioDiagnostic.renderAll(diagnostics);
        }
    }
}
