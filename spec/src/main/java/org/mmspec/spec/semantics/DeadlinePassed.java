package org.mmspec.spec.semantics;

/**
 * Thrown from inside a step or an invariant evaluation when the search's {@link Deadline} has passed. Not
 * an error: the explorer catches it where it runs the search and reports the search as incomplete (the
 * time budget ran out). Carries no stack trace.
 */
public final class DeadlinePassed extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DeadlinePassed() {
        super("the search's deadline passed inside a step", null, false, false);
    }
}
