package org.mmspec.checker.explore;

import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.ModelError;
import org.mmspec.checker.result.Statistics;
import org.mmspec.checker.trace.Replay;
import org.mmspec.checker.trace.Replayer;
import org.mmspec.checker.trace.Schedule;
import org.mmspec.checker.trace.Trace;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * Turns how a search ended into a {@link CheckResult}: rebuilds the trace of a violation by replay (and
 * confirms that replay reaches the same state, which catches a non-deterministic {@code step}), and
 * applies the {@link InterleavingSelfCheck} to a pass.
 */
final class Verdicts {

    private Verdicts() {}

    static <S> CheckResult of(SearchContext<S> ctx, SearchOutcome outcome, Statistics statistics) {
        return switch (outcome) {
            case SearchOutcome.Found found -> violated(ctx.system(), found, statistics);
            case SearchOutcome.Completed completed -> {
                ModelError noInterleaving = ctx.selfCheck().verdict();
                yield noInterleaving == null
                        ? new CheckResult.Passed(completed.coverage(), statistics)
                        : new CheckResult.Violated(noInterleaving, Trace.empty(), statistics);
            }
            case SearchOutcome.Stopped stopped -> new CheckResult.Incomplete(stopped.reason(), statistics);
        };
    }

    private static <S> CheckResult violated(TransitionSystem<S> system, SearchOutcome.Found found, Statistics statistics) {
        Schedule schedule = new Schedule(found.threads(), found.choices());
        return switch (Replayer.replay(system, schedule)) {
            case Replay.Fits<S> fits -> system.fingerprint(fits.finalState()) == found.fingerprint()
                    ? new CheckResult.Violated(found.violation(), fits.trace(), statistics)
                    : new CheckResult.Violated(nondeterministic("replaying the schedule " + schedule
                            + " reaches a state with another fingerprint than the search did"), fits.trace(), statistics);
            case Replay.DoesNotFit<S> misfit -> new CheckResult.Violated(
                    nondeterministic("replaying the schedule " + schedule + " fails at " + misfit.describe()),
                    misfit.trace(), statistics);
        };
    }

    private static ModelError nondeterministic(String what) {
        return new ModelError(what + ": step() or fingerprint() is not deterministic (the violation the search"
                + " found cannot be reproduced)");
    }
}
