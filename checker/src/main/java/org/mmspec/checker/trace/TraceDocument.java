package org.mmspec.checker.trace;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.mmspec.checker.result.Violation;

/**
 * A counterexample as stored in a trace file: the caller's header (scenario name, bug id, whatever lets
 * the caller find the transition system again), the schedule to replay, the steps as recorded, and the
 * violation.
 */
public record TraceDocument(Map<String, String> header, Schedule schedule, List<TraceStep> steps, Violation violation) {

    public TraceDocument {
        header = Collections.unmodifiableMap(new TreeMap<>(header));
        Objects.requireNonNull(schedule, "schedule");
        steps = List.copyOf(steps);
        Objects.requireNonNull(violation, "violation");
    }

    /** The recorded trace (as written; replay the schedule to rebuild it from the system). */
    public Trace trace() {
        return new Trace(schedule, steps, schedule.contextSwitches());
    }
}
