package org.mmspec.checker.fidelity;

import java.util.Objects;

import org.mmspec.checker.fidelity.compare.Comparison;
import org.mmspec.checker.fidelity.kernel.KernelRun;
import org.mmspec.checker.fidelity.kernel.KernelRunner;
import org.mmspec.checker.fidelity.observe.CellTable;
import org.mmspec.checker.fidelity.observe.HostFacts;
import org.mmspec.checker.fidelity.scenario.HostFeature;
import org.mmspec.checker.fidelity.scenario.Scenario;

/**
 * Runs a scenario on the live kernel and on a model, configured with the kernel run's host facts, and
 * compares the two with the known differences.
 */
public final class FidelityCheck {

    private final KernelRunner kernel;
    private final ModelRunner model;
    private final Comparison comparison;

    /**
     * @param kernel the live-kernel runner (from {@link org.mmspec.checker.fidelity.kernel.KernelProbe#check})
     * @param model the model
     * @param comparison usually {@link Comparison#kernelVersusModel()}
     */
    public FidelityCheck(KernelRunner kernel, ModelRunner model, Comparison comparison) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.model = Objects.requireNonNull(model, "model");
        this.comparison = Objects.requireNonNull(comparison, "comparison");
    }

    /** Checks one scenario. */
    public FidelityResult check(Scenario scenario) {
        return switch (kernel.run(scenario)) {
            case KernelRun.Failed f -> new FidelityResult.KernelFailed(f.reason());
            case KernelRun.Completed c -> compare(scenario, c);
        };
    }

    private FidelityResult compare(Scenario scenario, KernelRun.Completed run) {
        HostFacts facts = run.facts();
        for (HostFeature f : scenario.requiredFeatures()) {
            if (!has(facts, f)) {
                return new FidelityResult.NotOnThisHost("scenario " + scenario.name() + " needs " + f
                        + ", which kernel " + facts.kernelRelease() + " lacks");
            }
        }
        CellTable kernelTable = CellTable.of(scenario, run.observations());
        CellTable modelTable = CellTable.of(scenario, model.run(scenario, facts));
        return new FidelityResult.Compared(facts, kernelTable, modelTable,
                comparison.compare(scenario, kernelTable, modelTable, facts));
    }

    /** Whether the host has a feature. */
    public static boolean has(HostFacts facts, HostFeature feature) {
        return switch (feature) {
            case MADV_COLD -> facts.madvCold();
            case MADV_PAGEOUT -> facts.madvPageout();
        };
    }
}
