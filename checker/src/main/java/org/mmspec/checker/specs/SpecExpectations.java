package org.mmspec.checker.specs;

import org.mmspec.checker.result.AssertionFailure;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.Deadlock;
import org.mmspec.checker.result.InvariantViolation;
import org.mmspec.checker.result.KernelBug;
import org.mmspec.checker.result.ModelError;
import org.mmspec.checker.result.Violation;
import org.mmspec.spec.load.Expectation;

/**
 * A check's verdict against a scenario's {@code expect} clause. A scenario without one is expected to
 * pass (as {@code mmspec explore} treats every scenario). Any pass meets {@code expect pass}, whatever
 * its coverage (the scenario's bounds are part of what it claims); an incomplete search meets nothing
 * and contradicts nothing.
 */
public final class SpecExpectations {

    /** How a verdict compares with the expectation. */
    public enum Judgement {
        /** The verdict is the expected one. */
        AS_EXPECTED,
        /** The verdict is another one: a violation where a pass was expected, another violation, a pass. */
        NOT_AS_EXPECTED,
        /** The search stopped early (a budget ran out): no verdict to compare. */
        UNDECIDED
    }

    private SpecExpectations() {
    }

    /** The expectation in the words of the suite table: {@code pass}, an invariant id, {@code deadlock}, ... */
    public static String describe(Expectation e) {
        return switch (e) {
            case Expectation.ExpectPass p -> "pass";
            case Expectation.ExpectViolation v -> v.invariantId();
            case Expectation.ExpectDeadlock d -> "deadlock";
            case Expectation.ExpectFault f -> switch (f.kind()) {
                case KERNEL_BUG -> "kernel BUG";
                case ASSERTION -> "assertion failure";
                case MODEL_ERROR -> "model error";
            };
            case Expectation.None n -> "pass (no expect clause)";
        };
    }

    /** The expectation as the scenario states it: {@code expect violation cow_isolation}, ... */
    public static String clause(Expectation e) {
        return switch (e) {
            case Expectation.ExpectPass p -> "expect pass";
            case Expectation.ExpectViolation v -> "expect violation " + v.invariantId();
            case Expectation.ExpectDeadlock d -> "expect deadlock";
            case Expectation.ExpectFault f -> "expect fault " + f.kind().name().toLowerCase(java.util.Locale.ROOT);
            case Expectation.None n -> "no expect clause (expected to pass)";
        };
    }

    /** How {@code result} compares with {@code e}. */
    public static Judgement judge(Expectation e, CheckResult result) {
        return switch (result) {
            case CheckResult.Incomplete i -> Judgement.UNDECIDED;
            case CheckResult.Passed p -> e instanceof Expectation.ExpectPass || e instanceof Expectation.None
                    ? Judgement.AS_EXPECTED : Judgement.NOT_AS_EXPECTED;
            case CheckResult.Violated v -> matches(e, v.violation()) ? Judgement.AS_EXPECTED : Judgement.NOT_AS_EXPECTED;
        };
    }

    private static boolean matches(Expectation e, Violation v) {
        return switch (e) {
            case Expectation.ExpectPass p -> false;
            case Expectation.None n -> false;
            case Expectation.ExpectViolation ev -> v instanceof InvariantViolation iv && iv.invariantId().equals(ev.invariantId());
            case Expectation.ExpectDeadlock d -> v instanceof Deadlock;
            case Expectation.ExpectFault f -> switch (f.kind()) {
                case KERNEL_BUG -> v instanceof KernelBug;
                case ASSERTION -> v instanceof AssertionFailure;
                case MODEL_ERROR -> v instanceof ModelError;
            };
        };
    }
}
