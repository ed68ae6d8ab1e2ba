package org.mmspec.checker.trace;

import java.util.List;
import java.util.Objects;
import org.mmspec.spec.semantics.ActionLabel;
import org.mmspec.spec.semantics.Change;

/**
 * One step of a trace.
 *
 * @param index 1-based position in the trace ({@code #7})
 * @param label which thread did what
 * @param changes what the step changed, in the system's vocabulary
 */
public record TraceStep(int index, ActionLabel label, List<Change> changes) {

    public TraceStep {
        if (index < 1) {
            throw new IllegalArgumentException("trace steps are numbered from 1: " + index);
        }
        Objects.requireNonNull(label, "label");
        changes = List.copyOf(changes);
    }
}
