package org.mmspec.checker.fidelity.kernel;

import java.util.Objects;

import org.mmspec.checker.fidelity.observe.HostFacts;
import org.mmspec.checker.fidelity.observe.Observations;

/** The result of running a scenario on the live kernel. */
public sealed interface KernelRun {

    /** The probe ran the scenario to the end. */
    record Completed(HostFacts facts, Observations observations) implements KernelRun {
        public Completed {
            Objects.requireNonNull(facts, "facts");
            Objects.requireNonNull(observations, "observations");
        }
    }

    /** The probe could not run it; {@code reason} says why (never contains raw frame numbers). */
    record Failed(String reason) implements KernelRun {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
