package org.mmspec.checker.result;

import java.util.Objects;
import org.mmspec.spec.semantics.Witness;

/** An invariant failed in a state: {@code witness} names the violating objects. */
public record InvariantViolation(String invariantId, Witness witness) implements Violation {

    public InvariantViolation {
        Objects.requireNonNull(invariantId, "invariantId");
        Objects.requireNonNull(witness, "witness");
    }

    @Override
    public String describe() {
        return "invariant " + invariantId + " violated: " + witness;
    }
}
