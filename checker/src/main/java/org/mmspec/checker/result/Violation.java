package org.mmspec.checker.result;

import org.mmspec.spec.semantics.Fault;

/**
 * What went wrong in a state. Each kind has a one-line {@link #describe()} for summaries; trace writers
 * show the details (a deadlock's waiting threads, an invariant's witness objects).
 */
public sealed interface Violation
        permits InvariantViolation, Deadlock, KernelBug, AssertionFailure, ModelError {

    /** One line, e.g. {@code "invariant mapcount_le_refcount violated: ..."}. */
    String describe();

    /** The violation a fault recorded in a state stands for. */
    static Violation of(Fault fault) {
        return switch (fault.kind()) {
            case KERNEL_BUG -> new KernelBug(fault);
            case ASSERTION -> new AssertionFailure(fault);
            case MODEL_ERROR -> new ModelError(fault.message());
        };
    }
}
