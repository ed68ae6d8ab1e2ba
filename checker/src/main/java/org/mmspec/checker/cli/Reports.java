package org.mmspec.checker.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.Statistics;
import org.mmspec.checker.trace.TextTraceWriter;

/** Prints a check's verdict, counterexample and statistics. */
final class Reports {

    private Reports() {
    }

    static void print(PrintWriter out, CheckResult result) {
        switch (result) {
            case CheckResult.Passed p -> out.println(p.exhaustive() ? "PASSED: no violation in the whole state space"
                    : "PASSED (" + p.coverage().name().toLowerCase(Locale.ROOT).replace('_', '-') + "): no violation found");
            case CheckResult.Violated v -> {
                out.println("VIOLATED: " + v.violation().describe());
                out.println();
                out.print(TextTraceWriter.write(v.trace(), v.violation()));
                out.println();
            }
            case CheckResult.Incomplete i -> out.println("INCOMPLETE: " + i.reason().describe());
        }
        out.println(statistics(result.statistics()));
        out.println(storage(result.statistics()));
        out.flush();
    }

    /**
     * The estimated probability that a fingerprint collision hid a state (TLC's estimate), and what the
     * frontier spilled to disk.
     */
    static String storage(Statistics s) {
        return String.format(Locale.ROOT, "fingerprint collision probability %.1e (distinct x (generated - distinct) / 2^64)%s",
                s.collisionProbability(), s.diskBytes() > 0
                        ? String.format(Locale.ROOT, "; frontier spilled to disk: %,d bytes at most", s.diskBytes()) : "");
    }

    static String statistics(Statistics s) {
        return String.format(Locale.ROOT,
                "%,d distinct states, %,d generated, %,d transitions, depth %d, %.3f s, %,.0f distinct states/s, %.1f bytes/state%s",
                s.distinctStates(), s.statesGenerated(), s.transitions(), s.maxDepth(), s.seconds(),
                s.distinctStatesPerSecond(), s.bytesPerState(),
                s.preemptionBound() >= 0 ? ", preemption bound " + s.preemptionBound() : "");
    }
}
