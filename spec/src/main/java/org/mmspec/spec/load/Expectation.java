package org.mmspec.spec.load;

import org.mmspec.spec.semantics.Fault;

/** What a scenario says its check should find, so that a spec file doubles as a regression test. */
public sealed interface Expectation {

    /** {@code expect pass;}: no violation, fault or deadlock within the bounds. */
    record ExpectPass() implements Expectation {
    }

    /** {@code expect violation ID;}: the invariant {@code invariantId} is broken. */
    record ExpectViolation(String invariantId) implements Expectation {
    }

    /** {@code expect deadlock;}. */
    record ExpectDeadlock() implements Expectation {
    }

    /** {@code expect fault assertion|kernel_bug|model_error;}: a state with a fault of this kind is reached. */
    record ExpectFault(Fault.Kind kind) implements Expectation {
    }

    /** No {@code expect} clause. */
    record None() implements Expectation {
    }
}
