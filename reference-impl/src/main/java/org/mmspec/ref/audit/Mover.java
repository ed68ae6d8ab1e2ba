package org.mmspec.ref.audit;

/**
 * Lipton's mover classes of an access: how it commutes with the actions of other threads. A step whose
 * accesses match {@code R* N? L*} (both-movers anywhere) is equivalent to an atomic action.
 */
public enum Mover {
    /** Right mover: commutes to the right of other threads' actions (a lock acquisition). */
    R("right mover"),
    /** Left mover: commutes to the left (a lock release). */
    L("left mover"),
    /** Both-mover: commutes either way (an access the discipline protects; thread-local or private state). */
    B("both-mover"),
    /** Non-mover: an atomic read-modify-write, or an unprotected access to shared state. */
    N("non-mover");

    private final String description;

    Mover(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
