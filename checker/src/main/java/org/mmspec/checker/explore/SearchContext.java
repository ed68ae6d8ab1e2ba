package org.mmspec.checker.explore;

import org.mmspec.checker.result.Violation;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * What every strategy shares: the system, how a state is judged, the self-check, the meter and the
 * options; and the one definition of visiting a state.
 */
record SearchContext<S>(
        TransitionSystem<S> system,
        StateJudge<S> judge,
        InterleavingSelfCheck<S> selfCheck,
        SearchMeter meter,
        SearchOptions options) {

    int threads() {
        return system.threadCount();
    }

    /** Visits {@code s} at {@code depth}: its fault, then its invariants. */
    Violation visit(S s, int depth) {
        meter.visited(depth);
        return judge.check(s);
    }

    /** Fills {@code out[t]} with thread {@code t}'s step from {@code s} ({@code null} if it cannot move). */
    int successors(S s, S[] out) {
        selfCheck.expanding(s);
        int enabled = 0;
        for (int t = 0; t < out.length; t++) {
            out[t] = system.step(s, t);
            if (out[t] != null) {
                enabled++;
            }
        }
        return enabled;
    }

    /** The outcome for a violation in {@code s}, reached by {@code schedule}. */
    SearchOutcome.Found found(Violation violation, int[] schedule, S s) {
        return new SearchOutcome.Found(violation, schedule, system.fingerprint(s));
    }
}
