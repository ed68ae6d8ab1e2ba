package org.mmspec.spec.semantics;

/**
 * A safety property checked on every state the explorer reaches.
 *
 * <p>Ids are stable and shared between the invariant catalog of the reference implementation and the
 * invariants of the specification, so verdicts of both can be compared by id
 * ({@code mapcount_le_refcount}, {@code cow_isolation}, ...).
 *
 * @param <S> the state type
 */
public interface Invariant<S> {

    /** Stable id, snake_case, e.g. {@code mapcount_le_refcount}. */
    String id();

    /** The property in one sentence. */
    String statement();

    /**
     * Checks {@code s}.
     *
     * @return {@code null} when the invariant holds, otherwise the violating objects
     */
    Witness check(S s);

    /**
     * Whether {@code successor}, reached from {@code parent} by one step and not changed since, is known to
     * equal {@code parent} as it is now on everything this invariant reads: the invariant then holds in
     * {@code successor} if it held in {@code parent}, and a search that checked {@code parent} need not check
     * {@code successor}. Never true when in doubt; the default knows nothing (false).
     */
    default boolean unchangedFrom(S parent, S successor) {
        return false;
    }

    /**
     * This invariant with its evaluation bounded by {@code deadline} ({@link TransitionSystem#withDeadline}):
     * once it has passed, {@link #check} may throw {@link DeadlinePassed}. The default is this invariant.
     */
    default Invariant<S> withDeadline(Deadline deadline) {
        return this;
    }

    /**
     * A copy of this invariant that another thread may check states with at the same time as this one
     * ({@link TransitionSystem#replica}); {@code null} when it cannot be shared (the search then runs on one
     * worker). An invariant without mutable state returns itself. The default is {@code null}.
     */
    default Invariant<S> replica() {
        return null;
    }
}
