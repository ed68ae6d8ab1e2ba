package org.mmspec.checker.fidelity.compare;

import java.util.Objects;

import org.mmspec.checker.fidelity.observe.CellTable;
import org.mmspec.checker.fidelity.observe.Field;
import org.mmspec.checker.fidelity.observe.HostFacts;
import org.mmspec.checker.fidelity.observe.Site;
import org.mmspec.checker.fidelity.scenario.Scenario;

/**
 * A documented, accepted way in which the live kernel and the model may disagree.
 *
 * @param id stable short name, e.g. {@code new-anon-inactive}
 * @param reason why the kernel and the model differ here, with the kernel change or host fact behind it
 * @param rule which differences it explains
 */
public record KnownDifference(String id, String reason, Rule rule) {

    public KnownDifference {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(rule, "rule");
    }

    /** Decides whether a difference is explained. */
    @FunctionalInterface
    public interface Rule {
        /** Whether {@code d} is one of the differences this rule accepts, in context {@code c}. */
        boolean explains(Difference d, Context c);
    }

    /**
     * What a rule may look at besides the difference itself.
     *
     * @param scenario the scenario both tables observed
     * @param facts the host facts of the kernel run
     * @param kernel the kernel's table
     * @param model the model's table
     */
    public record Context(Scenario scenario, HostFacts facts, CellTable kernel, CellTable model) {
        public Context {
            Objects.requireNonNull(scenario, "scenario");
            Objects.requireNonNull(facts, "facts");
            Objects.requireNonNull(kernel, "kernel");
            Objects.requireNonNull(model, "model");
        }

        /** The kernel's value of another field at the same site, or {@code ""}. */
        public String kernelValue(Site site, Field field) {
            return kernel.get(site, field).orElse("");
        }

        /** The model's value of another field at the same site, or {@code ""}. */
        public String modelValue(Site site, Field field) {
            return model.get(site, field).orElse("");
        }
    }
}
