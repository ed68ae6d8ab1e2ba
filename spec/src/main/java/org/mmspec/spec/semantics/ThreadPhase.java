package org.mmspec.spec.semantics;

/**
 * The life of a thread in a state.
 *
 * <pre>
 *   NOT_STARTED --first step--> RUNNING --last step--> FINISHED
 *                                  |  ^
 *                     goes idle    v  |  woken
 *                                 IDLE
 * </pre>
 *
 * A RUNNING thread may still be unable to move (blocked on a lock, asleep on a wait queue); that is
 * visible as {@link TransitionSystem#step} returning {@code null}, with the reason from
 * {@link TransitionSystem#blockReason}. IDLE is a daemon (kswapd) asleep with no work pending: it cannot
 * move until another thread wakes it, and a state where every thread is FINISHED or IDLE is a normal
 * end, not a deadlock. A deadlock is a state where no thread can move and some thread is RUNNING or
 * NOT_STARTED.
 */
public enum ThreadPhase {
    NOT_STARTED,
    RUNNING,
    IDLE,
    FINISHED;

    /** True for FINISHED and IDLE: the thread is not owed any progress. */
    public boolean isAtRest() {
        return this == FINISHED || this == IDLE;
    }
}
