package org.mmspec.checker.result;

import java.util.Objects;

/**
 * A thread that cannot move in a deadlocked state.
 *
 * @param thread thread id
 * @param name the thread's name ({@code "T1"})
 * @param reason what it waits for, from {@code BlockReason.describe()}
 */
public record BlockedThread(int thread, String name, String reason) {

    public BlockedThread {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return name + " " + reason;
    }
}
