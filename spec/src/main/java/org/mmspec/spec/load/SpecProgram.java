package org.mmspec.spec.load;

import java.util.List;
import java.util.Optional;

/**
 * A loaded, checked spec: the scenarios of its main file (imported files contribute declarations only)
 * and the ids of every invariant it declares.
 */
public record SpecProgram(String file, List<SpecScenario> scenarios, List<String> invariantIds) {

    public SpecProgram {
        scenarios = List.copyOf(scenarios);
        invariantIds = List.copyOf(invariantIds);
    }

    /** The scenario named {@code name}. */
    public Optional<SpecScenario> scenario(String name) {
        return scenarios.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
