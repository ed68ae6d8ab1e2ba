package org.mmspec.checker.fidelity.scenario;

import java.util.Objects;

/**
 * One line of a scenario that does something.
 *
 * @param number 1-based position among the scenario's steps; observations are keyed by it
 * @param line source line, for messages
 * @param process the process that performs the operation ({@code p0} unless the line says {@code in pN:});
 *     for {@code observe} always {@code p0} and meaningless
 * @param op what it does
 */
public record Step(int number, int line, String process, Op op) {

    public Step {
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(op, "op");
    }

    /** The step as scenario syntax, with its process when that is not implied. */
    @Override
    public String toString() {
        return op instanceof Op.Observe ? op.toString() : "in " + process + ": " + op;
    }
}
