package org.mmspec.checker.fidelity.observe;

import java.util.Objects;

/** The outcome of step {@code step}. */
public record StepOutcome(int step, OpOutcome outcome) {
    public StepOutcome {
        Objects.requireNonNull(outcome, "outcome");
    }
}
