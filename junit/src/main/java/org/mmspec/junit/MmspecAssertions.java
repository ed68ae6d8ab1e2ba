package org.mmspec.junit;

import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.run.CheckRun;
import org.mmspec.checker.specs.SpecExpectations.Judgement;
import org.mmspec.checker.trace.TextTraceWriter;
import org.opentest4j.AssertionFailedError;

/** Assertions on checks: as expected, or a failure that carries the counterexample. */
public final class MmspecAssertions {

    private MmspecAssertions() {
    }

    /**
     * Passes when {@code run}'s verdict is what its scenario expects; fails with the verdict and the
     * counterexample (or the flags of a pass that proves little); a search that stopped early (a budget
     * ran out) fails too, saying so — a test that decided nothing must not look green.
     */
    public static void assertAsExpected(CheckRun run) {
        if (run.judgement() == Judgement.AS_EXPECTED) {
            return;
        }
        StringBuilder m = new StringBuilder(run.name());
        if (!run.bugs().isEmpty()) {
            m.append(" with ").append(String.join(", ", run.bugs())).append(" on");
        }
        m.append(": expected ").append(run.expected()).append(", got ");
        switch (run.result()) {
            case CheckResult.Passed p -> m.append("a pass").append(run.flags().isEmpty() ? ""
                    : "\nflagged: " + String.join("\nflagged: ", run.flags()));
            case CheckResult.Incomplete i -> m.append("no verdict: ").append(i.reason().describe());
            case CheckResult.Violated v -> m.append(v.violation().describe()).append("\n\n")
                    .append(TextTraceWriter.write(v.trace(), v.violation()));
        }
        throw new AssertionFailedError(m.toString());
    }

    /** Fails with {@code message}. */
    static void fail(String message) {
        throw new AssertionFailedError(message);
    }
}
