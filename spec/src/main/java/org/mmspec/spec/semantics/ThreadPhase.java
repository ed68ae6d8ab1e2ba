package org.mmspec.spec.semantics;

/**
 * The life of a thread in a state.
 *
 * <pre>
 *   NOT_STARTED --first step--> RUNNING --last step--> FINISHED
 * </pre>
 *
 * A RUNNING thread may still be unable to move (blocked on a lock, asleep on a wait queue); that is
 * visible as {@link TransitionSystem#step} returning {@code null}, with the reason from
 * {@link TransitionSystem#blockReason}.
 */
public enum ThreadPhase {
    NOT_STARTED,
    RUNNING,
    FINISHED
}
