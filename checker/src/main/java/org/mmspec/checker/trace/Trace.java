package org.mmspec.checker.trace;

import java.util.List;
import java.util.Objects;

/**
 * A path from the initial state, rebuilt by {@link Replayer}: the schedule and, per step, its label and
 * changes. States themselves are never kept.
 *
 * @param schedule which thread moved at each step, and which successor of its step it took
 * @param steps one per schedule entry, in order
 * @param contextSwitches steps whose thread differs from the previous step's
 */
public record Trace(Schedule schedule, List<TraceStep> steps, int contextSwitches) {

    public Trace {
        Objects.requireNonNull(schedule, "schedule");
        steps = List.copyOf(steps);
        if (steps.size() != schedule.length()) {
            throw new IllegalArgumentException(
                    "trace has " + steps.size() + " steps but its schedule " + schedule.length());
        }
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).choice() != schedule.choice(i)) {
                throw new IllegalArgumentException("step #" + (i + 1) + " took choice " + steps.get(i).choice()
                        + " but the schedule says " + schedule.choice(i));
            }
        }
        if (contextSwitches != schedule.contextSwitches()) {
            throw new IllegalArgumentException("context switches " + contextSwitches
                    + " do not match the schedule's " + schedule.contextSwitches());
        }
    }

    /** The trace of no steps: the initial state. */
    public static Trace empty() {
        return new Trace(Schedule.of(), List.of(), 0);
    }

    /** Number of steps. */
    public int length() {
        return steps.size();
    }
}
