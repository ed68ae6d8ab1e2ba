package org.mmspec.checker.cli;

import java.util.Locale;
import org.mmspec.checker.result.Statistics;

/** The statistics line of a check. */
final class Reports {

    private Reports() {
    }

    /**
     * The estimated probability that a fingerprint collision hid a state (TLC's estimate), and what the
     * search put on disk (its spilled frontier and, with {@code --fp-memory}, its fingerprints), at most at once.
     */
    static String storage(Statistics s) {
        return String.format(Locale.ROOT, "fingerprint collision probability %.1e (distinct x (generated - distinct) / 2^64)%s%s",
                s.collisionProbability(), s.diskBytes() > 0
                        ? String.format(Locale.ROOT, "; on disk (frontier, fingerprints): %,d bytes at most", s.diskBytes()) : "",
                s.collisionProbability() >= COLLISION_WARNING ? "\n" + collisionWarning(s.collisionProbability()) : "");
    }

    /**
     * From this estimate on, the statistics say plainly that a collision may have hidden a state: past about
     * 10^8 states, 64-bit fingerprints (TLC's too) give a non-negligible chance that a state, and what it
     * leads to, was never explored.
     */
    static final double COLLISION_WARNING = 1e-3;

    private static String collisionWarning(double p) {
        return String.format(Locale.ROOT, "warning: with a fingerprint collision probability of %.1e, a state (and all it"
                + " leads to) may have been skipped; a passed verdict is that much less certain: split the scenario or"
                + " lower its bounds", p);
    }

    static String statistics(Statistics s) {
        return String.format(Locale.ROOT,
                "%,d distinct states, %,d generated, %,d transitions, depth %d, %.3f s, %,.0f distinct states/s, %.1f bytes/state%s",
                s.distinctStates(), s.statesGenerated(), s.transitions(), s.maxDepth(), s.seconds(),
                s.distinctStatesPerSecond(), s.bytesPerState(),
                s.preemptionBound() >= 0 ? ", preemption bound " + s.preemptionBound() : "");
    }
}
