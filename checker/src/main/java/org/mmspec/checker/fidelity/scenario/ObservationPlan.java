package org.mmspec.checker.fidelity.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Which pages exist after every step, in canonical order: the processes alive after the step in creation
 * order; for each, every region it has (created by it or inherited through {@code fork}) in region order;
 * every page of each region, including pages a {@code munmap} removed. An {@code observe} step reports
 * exactly these pages; after every other step only the frames mapped there are sampled (for frame
 * labels, see {@link org.mmspec.checker.fidelity.observe.Observations#frameSamples()}).
 *
 * @param afterStep one entry per step, in step order ({@code afterStep.get(n - 1)} is step {@code n})
 */
public record ObservationPlan(List<Point> afterStep) {

    public ObservationPlan {
        afterStep = List.copyOf(afterStep);
    }

    /**
     * The (process, region) pairs that exist after one step.
     *
     * @param step the step number
     * @param observe whether the step is an {@code observe}
     * @param regions (process, region) pairs in canonical order
     */
    public record Point(int step, boolean observe, List<ProcessRegion> regions) {
        public Point {
            regions = List.copyOf(regions);
        }
    }

    /** A region as seen from one process: all {@code region.pages()} pages are reported. */
    public record ProcessRegion(String process, Region region) {
        public ProcessRegion {
            Objects.requireNonNull(process, "process");
            Objects.requireNonNull(region, "region");
        }
    }

    /** The points of the {@code observe} steps only. */
    public List<Point> observations() {
        return afterStep.stream().filter(Point::observe).toList();
    }

    /** The point after step {@code step} (1-based). */
    public Point after(int step) {
        return afterStep.get(step - 1);
    }

    /** Walks the scenario's steps, tracking which processes live and which regions each has. */
    static ObservationPlan of(Scenario scenario) {
        Map<String, TreeSet<Integer>> regionsOf = new LinkedHashMap<>();
        regionsOf.put(Scenario.FIRST_PROCESS, new TreeSet<>());
        List<Point> out = new ArrayList<>();
        for (Step step : scenario.steps()) {
            switch (step.op()) {
                case Op.Mmap m -> regionsOf.get(step.process()).add(m.region().index());
                case Op.Fork f -> regionsOf.put(f.child(), new TreeSet<>(regionsOf.get(step.process())));
                case Op.Exit e -> regionsOf.remove(step.process());
                case Op.Observe o -> { }
                case Op.Touch t -> { }
                case Op.Munmap u -> { }
                case Op.Mprotect p -> { }
                case Op.Madvise a -> { }
                case Op.FileWrite w -> { }
            }
            out.add(new Point(step.number(), step.op() instanceof Op.Observe, snapshot(scenario, regionsOf)));
        }
        return new ObservationPlan(out);
    }

    private static List<ProcessRegion> snapshot(Scenario scenario, Map<String, TreeSet<Integer>> regionsOf) {
        List<ProcessRegion> regions = new ArrayList<>();
        for (String process : scenario.processes()) {
            TreeSet<Integer> indices = regionsOf.get(process);
            if (indices != null) {
                indices.forEach(i -> regions.add(new ProcessRegion(process, scenario.regions().get(i))));
            }
        }
        return regions;
    }
}
