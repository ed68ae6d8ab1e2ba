package org.mmspec.checker.fidelity.scenario;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed, checked fidelity scenario. Built only by {@link ScenarioParser}, so every name in it resolves
 * and every page index is inside its region.
 *
 * @param name the scenario's name (its file name without {@code .scn})
 * @param files the files the harness creates before the first step, in declaration order
 * @param regions every region any step creates, in creation order ({@link Region#index()} is the position)
 * @param processes every process name in creation order; {@code p0} first
 * @param steps the operations in order
 */
public record Scenario(String name, List<FileSpec> files, List<Region> regions, List<String> processes,
        List<Step> steps) {

    /** The process every scenario starts with. */
    public static final String FIRST_PROCESS = "p0";

    public Scenario {
        Objects.requireNonNull(name, "name");
        files = List.copyOf(files);
        regions = List.copyOf(regions);
        processes = List.copyOf(processes);
        steps = List.copyOf(steps);
    }

    /** The region with that name. */
    public Optional<Region> region(String regionName) {
        return regions.stream().filter(r -> r.name().equals(regionName)).findFirst();
    }

    /** The file with that name. */
    public Optional<FileSpec> file(String fileName) {
        return files.stream().filter(f -> f.name().equals(fileName)).findFirst();
    }

    /** Host features some step needs ({@code madvise cold} / {@code pageout}). */
    public Set<HostFeature> requiredFeatures() {
        Set<HostFeature> needed = EnumSet.noneOf(HostFeature.class);
        for (Step step : steps) {
            if (step.op() instanceof Op.Madvise m && m.advice().needs() != null) {
                needed.add(m.advice().needs());
            }
        }
        return needed;
    }

    /** Which pages each {@code observe} step reports. */
    public ObservationPlan observationPlan() {
        return ObservationPlan.of(this);
    }
}
