package org.mmspec.checker.trace;

import java.util.Objects;

/**
 * What replaying a schedule gave.
 *
 * @param <S> the state type
 */
public sealed interface Replay<S> permits Replay.Fits, Replay.DoesNotFit {

    /** The trace of the steps that could be taken (all of them when the schedule fits). */
    Trace trace();

    /** Every step could be taken; {@code finalState} is where the schedule ends. */
    record Fits<S>(Trace trace, S finalState) implements Replay<S> {
        public Fits {
            Objects.requireNonNull(trace, "trace");
            Objects.requireNonNull(finalState, "finalState");
        }
    }

    /**
     * Step {@code index} (1-based) could not be taken: {@code thread} does not exist, cannot move, or its
     * step has no successor with the scheduled choice.
     * {@code trace} holds the steps before it.
     */
    record DoesNotFit<S>(int index, int thread, String reason, Trace trace) implements Replay<S> {
        public DoesNotFit {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(trace, "trace");
        }

        /** One line, e.g. {@code "step #3: T0 cannot move: it has finished"}. */
        public String describe() {
            return "step #" + index + ": " + reason;
        }
    }
}
