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
 *
 *   RUNNING --down_read/down_write finds the rwsem taken: queued--> WAITING
 *   WAITING --up_read/up_write hands it the lock (reader) or wakes it (writer)--> RUNNING
 * </pre>
 *
 * <p>WAITING is {@code TASK_UNINTERRUPTIBLE} on an rwsem's wait list ({@code rwsem_down_read_failed},
 * {@code rwsem_down_write_failed}); SLEEPING is a sleep on a page wait queue.
 */
public enum ThreadStatus {
    EMPTY,
    READY,
    RUNNING,
    SLEEPING,
    IDLE,
    FINISHED,
    DEAD,
    WAITING;

    private static final ThreadStatus[] VALUES = values();

    public static ThreadStatus of(int word) {
        return VALUES[word];
    }
}
