package org.mmspec.checker.explore;

import java.util.Objects;
import org.mmspec.checker.result.Coverage;
import org.mmspec.checker.result.IncompleteReason;
import org.mmspec.checker.result.Violation;

/** How a search ended, before its trace is rebuilt and the self-check is applied. */
sealed interface SearchOutcome permits SearchOutcome.Found, SearchOutcome.Completed, SearchOutcome.Stopped {

    /**
     * A violation in the state that {@code schedule} reaches; {@code fingerprint} is that state's, to
     * confirm that replay reaches the same state.
     */
    record Found(Violation violation, int[] schedule, long fingerprint) implements SearchOutcome {
        public Found {
            Objects.requireNonNull(violation, "violation");
            schedule = schedule.clone();
        }
    }

    /** The search covered {@code coverage} without a violation. */
    record Completed(Coverage coverage) implements SearchOutcome {}

    /** The search stopped early. */
    record Stopped(IncompleteReason reason) implements SearchOutcome {}
}
