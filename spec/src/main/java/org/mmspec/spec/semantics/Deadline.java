package org.mmspec.spec.semantics;

/**
 * A point in wall-clock time ({@link System#nanoTime()}) after which a search wants no more work done, not
 * even inside one step: the explorer hands its time budget to the system it checks
 * ({@link TransitionSystem#withDeadline}) and to the invariants ({@link Invariant#withDeadline}). A system
 * whose single step or invariant evaluation could run long (the spec interpreter) polls it and throws
 * {@link DeadlinePassed}; the explorer turns that into an incomplete result. Immutable.
 */
public final class Deadline {

    /** No deadline. */
    public static final Deadline NONE = new Deadline(0, false);

    private final long nanoTime;
    private final boolean set;

    private Deadline(long nanoTime, boolean set) {
        this.nanoTime = nanoTime;
        this.set = set;
    }

    /** The deadline {@code nanoTime} (a {@link System#nanoTime()} value). */
    public static Deadline at(long nanoTime) {
        return new Deadline(nanoTime, true);
    }

    /** {@code nanos} from now, or {@link #NONE} for {@link Long#MAX_VALUE} (no limit). */
    public static Deadline after(long nanos) {
        return nanos == Long.MAX_VALUE ? NONE : at(System.nanoTime() + nanos);
    }

    /** Whether the deadline has passed. */
    public boolean passed() {
        return set && System.nanoTime() - nanoTime > 0;
    }

    /** Throws {@link DeadlinePassed} once the deadline has passed. */
    public void check() {
        if (passed()) {
            throw new DeadlinePassed();
        }
    }

    @Override
    public String toString() {
        return set ? "deadline at " + nanoTime : "no deadline";
    }
}
