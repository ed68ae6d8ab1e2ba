package org.mmspec.checker.coverage;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a check went, like TLC's {@code -coverage}: the code points each thread reached, the pairs of
 * threads that were ever live together in one state (one in the middle of its work, the other too or
 * about to start) and at which pairs of code points, the code points of the procedures entered that no thread ever stood at,
 * and the scenario's {@code cover} points that were never reached.
 *
 * @param states the distinct states seen
 * @param threads per thread, the code points it stood at (sorted)
 * @param pairs per pair of threads, the pairs of code points where both stood at once, live
 * @param neverReached code points of procedures that were entered, never stood at
 * @param cover the scenario's {@code cover} points
 * @param missed the {@code cover} points never reached
 */
public record CoverageReport(long states, List<ThreadCoverage> threads, List<Pair> pairs, List<String> neverReached,
        List<String> cover, List<String> missed) {

    public CoverageReport {
        threads = List.copyOf(threads);
        pairs = List.copyOf(pairs);
        neverReached = List.copyOf(neverReached);
        cover = List.copyOf(cover);
        missed = List.copyOf(missed);
    }

    /** One thread's code points. */
    public record ThreadCoverage(String thread, List<String> reached) {
        public ThreadCoverage {
            reached = List.copyOf(reached);
        }
    }

    /** Two threads and the pairs of code points at which both were live in one state. */
    public record Pair(String first, String second, List<String> racingAt) {
        public Pair {
            racingAt = List.copyOf(racingAt);
        }
    }

    /**
     * What makes this coverage suspicious, each in one line: {@code cover} points never reached, and pairs
     * of threads that never ran at the same time (one always finished before the other started — the
     * scenario never raced them).
     */
    public List<String> flags() {
        List<String> out = new ArrayList<>();
        missed.forEach(p -> out.add("never reached " + p + " (a cover point)"));
        for (Pair p : pairs) {
            if (p.racingAt().isEmpty()) {
                out.add(p.first() + " and " + p.second() + " never raced: one always finished before the other started");
            }
        }
        return out;
    }
}
