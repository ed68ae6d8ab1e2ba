package org.mmspec.checker.result;

import java.util.Objects;
import org.mmspec.checker.trace.Trace;

/**
 * The verdict of one check. Handle it with an exhaustive {@code switch}:
 *
 * <pre>{@code
 * switch (result) {
 *     case CheckResult.Passed p -> ...      // no violation within the coverage p.coverage()
 *     case CheckResult.Violated v -> ...    // v.violation() happened after v.trace()
 *     case CheckResult.Incomplete i -> ...  // a budget ran out first: i.reason()
 * }
 * }</pre>
 */
public sealed interface CheckResult permits CheckResult.Passed, CheckResult.Violated, CheckResult.Incomplete {

    /** What the search did, whatever it found. */
    Statistics statistics();

    /**
     * No violation in the part of the state space that {@code coverage} names.
     *
     * @param coverage how much was searched: everything, or a bounded part (see {@link Coverage})
     * @param statistics search statistics
     */
    record Passed(Coverage coverage, Statistics statistics) implements CheckResult {
        public Passed {
            Objects.requireNonNull(coverage, "coverage");
            Objects.requireNonNull(statistics, "statistics");
        }

        /** True when every reachable state was searched, so the pass is a proof for this scenario. */
        public boolean exhaustive() {
            return coverage == Coverage.EXHAUSTIVE;
        }
    }

    /**
     * A violation, reached by {@code trace} from the initial state (an empty trace for the initial state
     * itself, and for {@link ModelError}s about the search as a whole).
     */
    record Violated(Violation violation, Trace trace, Statistics statistics) implements CheckResult {
        public Violated {
            Objects.requireNonNull(violation, "violation");
            Objects.requireNonNull(trace, "trace");
            Objects.requireNonNull(statistics, "statistics");
        }
    }

    /** The search stopped before it could decide: {@code reason} says which budget ran out. */
    record Incomplete(IncompleteReason reason, Statistics statistics) implements CheckResult {
        public Incomplete {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(statistics, "statistics");
        }
    }
}
