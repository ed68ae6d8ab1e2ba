package org.mmspec.ref.sched;

/**
 * A kernel thread's scheduler state, stored in its slot.
 *
 * <pre>
 *   EMPTY --spawn--> READY --first step--> RUNNING --last return--> FINISHED
 *                                           |  ^  \
 *                      prepare_to_wait +    |  |   \--BUG()--> DEAD
 *                      io_schedule          v  |  wake_up / fatal signal (killable)
 *                                        SLEEPING
 *                      (a daemon's idle sleep is IDLE instead; its waker makes it RUNNING)
 * </pre>
 *
 * <p>A thread queued on an rwsem's wait list stays RUNNING: its {@code struct rwsem_waiter} (in the state)
 * keeps its step attempts disabled until a release hands it the lock or wakes it to retry.
 */
public enum ThreadStatus {
    EMPTY,
    READY,
    RUNNING,
    SLEEPING,
    IDLE,
    FINISHED,
    DEAD;

    private static final ThreadStatus[] VALUES = values();

    public static ThreadStatus of(int word) {
        return VALUES[word];
    }
}
