package org.mmspec.checker.fidelity.model;

import java.util.Objects;
import java.util.function.Function;

import org.mmspec.checker.fidelity.ModelRunner;
import org.mmspec.checker.fidelity.observe.HostFacts;
import org.mmspec.checker.fidelity.observe.Observations;
import org.mmspec.checker.fidelity.scenario.Scenario;

/**
 * The reference implementation ({@code org.mmspec.ref}) as the model of a fidelity check: each scenario
 * runs on a fresh machine configured like the host, every step performed sequentially through the same
 * kernel procedures the explorer interleaves.
 */
public final class ReferenceModel implements ModelRunner {

    private final Function<HostFacts, ModelMachine> machines;

    /** The standard model: {@link ModelMachine#forHost}. */
    public ReferenceModel() {
        this(ModelMachine::forHost);
    }

    /** A model on other machines, e.g. with a feature switched off, to see what the comparison catches. */
    public ReferenceModel(Function<HostFacts, ModelMachine> machines) {
        this.machines = Objects.requireNonNull(machines, "machines");
    }

    @Override
    public Observations run(Scenario scenario, HostFacts facts) {
        return new ModelRun(scenario, machines.apply(facts)).run();
    }
}
