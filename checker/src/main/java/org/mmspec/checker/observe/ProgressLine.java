package org.mmspec.checker.observe;

import java.util.Locale;

/**
 * Formats a progress snapshot as one line,
 * {@code distinct=12,345 states/s=210,000 depth=17 queue=1,024}, with {@code bound=N} appended during a
 * preemption-bounded search. The grouping separator is always {@code ','}.
 */
public final class ProgressLine {

    private ProgressLine() {}

    /** The line for {@code snapshot}, without a line end. */
    public static String format(ProgressSnapshot snapshot) {
        String line = String.format(Locale.ROOT, "distinct=%,d states/s=%,d depth=%d queue=%,d",
                snapshot.distinctStates(), Math.round(snapshot.distinctStatesPerSecond()),
                snapshot.depth(), snapshot.queue());
        return snapshot.preemptionBound() < 0 ? line : line + " bound=" + snapshot.preemptionBound();
    }
}
