package org.mmspec.checker.scenario;

import java.util.List;
import java.util.Optional;
import org.mmspec.checker.scenario.file.BundledScenarios;
import org.mmspec.ref.bugs.BugId;

/** Looks scenarios up by name and historic bugs up by their scenario. */
public final class ScenarioCatalog {

    private final List<Scenario> scenarios;

    public ScenarioCatalog(List<Scenario> scenarios) {
        this.scenarios = List.copyOf(scenarios);
    }

    /**
     * The standard scenarios of the reference implementation: the scenario files of
     * {@code checker/scenarios}, bundled with the checker ({@link BundledScenarios}), in file-name order.
     */
    public static ScenarioCatalog standard() {
        return new ScenarioCatalog(BundledScenarios.all());
    }

    public List<Scenario> all() {
        return scenarios;
    }

    public Optional<Scenario> byName(String name) {
        return scenarios.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The scenario that reproduces {@code bug}. */
    public Optional<Scenario> forBug(BugId bug) {
        return scenarios.stream().filter(s -> s.bug().equals(Optional.of(bug))).findFirst();
    }

    /** The known name closest to {@code name} (for "did you mean"), if one is reasonably close. */
    public Optional<String> closest(String name) {
        return Names.closest(name, scenarios.stream().map(Scenario::name).toList());
    }
}
