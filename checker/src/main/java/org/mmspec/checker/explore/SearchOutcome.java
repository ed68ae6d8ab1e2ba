package org.mmspec.checker.explore;

import java.util.Objects;
import org.mmspec.checker.result.Coverage;
import org.mmspec.checker.result.IncompleteReason;
import org.mmspec.checker.result.Violation;

/** How a search ended, before its trace is rebuilt and the self-check is applied. */
sealed interface SearchOutcome permits SearchOutcome.Found, SearchOutcome.Completed, SearchOutcome.Stopped {

    /**
     * A violation in the state that the moves reach: at step {@code i}, thread {@code threads[i]} took
     * successor {@code choices[i]} of its step. {@code fingerprint} is that state's, to confirm that replay
     * reaches the same state.
     */
    record Found(Violation violation, int[] threads, int[] choices, long fingerprint) implements SearchOutcome {
        public Found {
            Objects.requireNonNull(violation, "violation");
            threads = threads.clone();
            choices = choices.clone();
            if (threads.length != choices.length) {
                throw new IllegalArgumentException(threads.length + " threads but " + choices.length + " choices");
            }
        }
    }

    /** The search covered {@code coverage} without a violation. */
    record Completed(Coverage coverage) implements SearchOutcome {}

    /** The search stopped early. */
    record Stopped(IncompleteReason reason) implements SearchOutcome {}
}
