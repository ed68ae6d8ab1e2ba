package org.mmspec.checker.cli;

import java.util.Locale;
import org.mmspec.checker.result.Statistics;

/** The statistics line of a check. */
final class Reports {

    private Reports() {
    }

    static String statistics(Statistics s) {
        return String.format(Locale.ROOT,
                "%,d distinct states, %,d generated, %,d transitions, depth %d, %.3f s, %,.0f distinct states/s, %.1f bytes/state%s",
                s.distinctStates(), s.statesGenerated(), s.transitions(), s.maxDepth(), s.seconds(),
                s.distinctStatesPerSecond(), s.bytesPerState(),
                s.preemptionBound() >= 0 ? ", preemption bound " + s.preemptionBound() : "");
    }
}
