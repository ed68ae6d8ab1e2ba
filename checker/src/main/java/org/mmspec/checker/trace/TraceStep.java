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
 * @param choice which of the step's successors was taken (0-based; see {@link Schedule})
 * @param choices how many successors the step had: 1 for a deterministic step
 * @param changes what the step changed, in the system's vocabulary
 */
public record TraceStep(int index, ActionLabel label, int choice, int choices, List<Change> changes) {

    public TraceStep {
        if (index < 1) {
            throw new IllegalArgumentException("trace steps are numbered from 1: " + index);
        }
        Objects.requireNonNull(label, "label");
        if (choices < 1 || choice < 0 || choice >= choices) {
            throw new IllegalArgumentException("choice " + choice + " of " + choices);
        }
        changes = List.copyOf(changes);
    }

    /** A deterministic step (its only successor). */
    public TraceStep(int index, ActionLabel label, List<Change> changes) {
        this(index, label, 0, 1, changes);
    }
}
