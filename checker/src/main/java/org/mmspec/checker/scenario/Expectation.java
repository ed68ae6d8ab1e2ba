package org.mmspec.checker.scenario;

import java.util.List;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.Deadlock;
import org.mmspec.checker.result.InvariantViolation;
import org.mmspec.checker.result.KernelBug;
import org.mmspec.checker.result.CheckResult.Passed;
import org.mmspec.checker.result.CheckResult.Violated;
import org.mmspec.checker.result.Violation;

/** What a scenario run must end in. */
public sealed interface Expectation {

    /** Passes: no violation in the whole (bounded) state space. */
    record Pass() implements Expectation {
        public String describe() {
            return "pass";
        }
    }

    /** Finds one of the listed violations. */
    record Finds(List<Kind> acceptable) implements Expectation {
        public Finds {
            acceptable = List.copyOf(acceptable);
        }

        public String describe() {
            return String.join(" | ", acceptable.stream().map(Kind::describe).toList());
        }
    }

    /** A violation the expectation accepts. */
    sealed interface Kind {
        String describe();

        boolean matches(Violation v);
    }

    /** The invariant with this id. */
    record Invariant(String id) implements Kind {
        public String describe() {
            return id;
        }

        public boolean matches(Violation v) {
            return v instanceof InvariantViolation iv && iv.invariantId().equals(id);
        }
    }

    /** A deadlock. */
    record DeadlockKind() implements Kind {
        public String describe() {
            return "deadlock";
        }

        public boolean matches(Violation v) {
            return v instanceof Deadlock;
        }
    }

    /** A kernel BUG. */
    record KernelBugKind() implements Kind {
        public String describe() {
            return "kernel BUG";
        }

        public boolean matches(Violation v) {
            return v instanceof KernelBug;
        }
    }

    String describe();

    static Expectation pass() {
        return new Pass();
    }

    static Expectation finds(Kind... kinds) {
        return new Finds(List.of(kinds));
    }

    static Kind invariant(String id) {
        return new Invariant(id);
    }

    static Kind deadlock() {
        return new DeadlockKind();
    }

    static Kind kernelBug() {
        return new KernelBugKind();
    }

    /** Whether {@code result} is what this expectation asks for. */
    default boolean isMetBy(CheckResult result) {
        return switch (this) {
            case Pass p -> result instanceof Passed;
            case Finds f -> result instanceof Violated v && f.acceptable().stream().anyMatch(k -> k.matches(v.violation()));
        };
    }
}
