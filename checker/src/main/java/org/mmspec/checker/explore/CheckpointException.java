package org.mmspec.checker.explore;

/**
 * A checkpoint cannot be written where asked, or cannot be resumed: there is none, it belongs to another
 * search (another system, strategy, depth bound or invariant list), or it is damaged. Bad input, not a
 * bug: the CLI reports it with exit 2.
 */
public final class CheckpointException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CheckpointException(String message) {
        super(message, null, false, false);
    }
}
