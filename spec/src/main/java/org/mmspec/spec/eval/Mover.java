package org.mmspec.spec.eval;

/**
 * Lipton's mover classes (the atomicity audit): how an access commutes with other threads' actions. A step
 * whose accesses match {@code R* N? L*} (both-movers anywhere) is equivalent to one atomic action.
 */
enum Mover {
    /** Both-mover: protected by a held lock, thread-local, private, immutable. */
    B("both-mover"),
    /** Left mover: a release. */
    L("left mover"),
    /** Right mover: an acquisition. */
    R("right mover"),
    /** Non-mover: an atomic or racy access to shared state. */
    N("non-mover");

    private final String words;

    Mover(String words) {
        this.words = words;
    }

    String words() {
        return words;
    }
}
