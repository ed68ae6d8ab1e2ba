package org.mmspec.checker.fidelity.scenario;

import java.util.List;
import java.util.stream.Collectors;

/** The outcome of parsing a scenario: a scenario, or every problem found. */
public sealed interface ParseResult {

    /** The text is a valid scenario. */
    record Parsed(Scenario scenario) implements ParseResult {
    }

    /**
     * The text is not a valid scenario.
     *
     * @param name the scenario's name, for messages
     * @param diagnostics every problem, in source order; never empty
     */
    record Invalid(String name, List<Diagnostic> diagnostics) implements ParseResult {
        public Invalid {
            diagnostics = List.copyOf(diagnostics);
            if (diagnostics.isEmpty()) {
                throw new IllegalArgumentException("an invalid scenario needs at least one diagnostic");
            }
        }

        /** One line per diagnostic: {@code name.scn:line:column: message}. */
        public String describe() {
            return diagnostics.stream().map(d -> name + ".scn:" + d).collect(Collectors.joining("\n"));
        }
    }
}
