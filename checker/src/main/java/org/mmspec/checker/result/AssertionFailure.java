package org.mmspec.checker.result;

import java.util.Objects;
import org.mmspec.spec.semantics.Fault;

/** A spec {@code assert} failed. */
public record AssertionFailure(Fault fault) implements Violation {

    public AssertionFailure {
        Objects.requireNonNull(fault, "fault");
        if (fault.kind() != Fault.Kind.ASSERTION) {
            throw new IllegalArgumentException("not an assertion failure: " + fault);
        }
    }

    /** One line; the message names the thread that hit it by its scenario name ({@code "split hit ..."}). */
    @Override
    public String describe() {
        return "assertion failed: " + fault.message();
    }
}
