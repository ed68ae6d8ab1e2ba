package org.mmspec.ref.threads;

/** What a procedure's step function tells the executor. */
public enum Flow {
    /** Keep going within the same atomic step (a local computation, a call or a return). */
    CONTINUE,
    /** The atomic step ends here: the next program point is an interleaving point. */
    YIELD,
    /** The thread cannot take this step now (a lock is held); the whole step is discarded. */
    BLOCK
}
