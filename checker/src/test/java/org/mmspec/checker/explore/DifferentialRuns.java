package org.mmspec.checker.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.mmspec.spec.eval.SpecState;
import org.mmspec.spec.semantics.TransitionSystem;

/** Runs {@link EngineDifferential} over a range of {@link RandomSpec} seeds (the test's and the probe's loop). */
final class DifferentialRuns {

    private DifferentialRuns() {}

    /** What a run over seeds found. */
    static final class Summary {
        final List<String> failures = new ArrayList<>();
        final TreeMap<String, Integer> verdicts = new TreeMap<>();
        long compared;
        long skipped;
        long passed;
        long reducedBelow;
        final List<Long> sizes = new ArrayList<>();
    }

    /** Runs {@code count} seeds from {@code first}, stopping after {@code maxFailures} failing programs. */
    static Summary run(long first, int count, UnaryOperator<TransitionSystem<SpecState>> mutation, int maxFailures) {
        EngineDifferential differential = new EngineDifferential(mutation);
        Summary s = new Summary();
        for (long seed = first; seed < first + count && s.failures.size() < maxFailures; seed++) {
            String text = RandomSpec.generate(seed);
            EngineDifferential.Outcome outcome;
            try {
                outcome = differential.run(text);
            } catch (RuntimeException e) {
                StringBuilder where = new StringBuilder();
                for (StackTraceElement f : e.getStackTrace()) {
                    where.append(where.length() > 600 ? "" : "\n  at " + f);
                }
                outcome = new EngineDifferential.Outcome.Compared(0, "threw", List.of("threw " + e + where), -1);
            }
            switch (outcome) {
                case EngineDifferential.Outcome.Skipped k -> s.skipped++;
                case EngineDifferential.Outcome.Compared c -> {
                    s.compared++;
                    s.sizes.add(c.states());
                    if (c.reduced() >= 0) {
                        s.passed++;
                        s.reducedBelow += c.reduced() < c.states() ? 1 : 0;
                    }
                    s.verdicts.merge(kind(c.verdict()), 1, Integer::sum);
                    if (!c.problems().isEmpty()) {
                        s.failures.add("seed " + seed + ": " + String.join("; ", c.problems()) + "\n" + text);
                    }
                }
            }
        }
        return s;
    }

    /** The verdict's first two words: {@code passed}, {@code violated deadlock}, {@code violated assertion} ... */
    static String kind(String verdict) {
        String[] w = verdict.split(" ");
        return w.length > 1 ? w[0] + " " + w[1] : verdict;
    }
}
