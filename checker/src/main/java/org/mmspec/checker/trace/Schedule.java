package org.mmspec.checker.trace;

import java.util.Arrays;

/**
 * Which thread moved at each step, from the initial state. Immutable: the array is copied in and out.
 *
 * @param threads thread ids, one per step
 */
public record Schedule(int[] threads) {

    public Schedule {
        threads = threads.clone();
        for (int t : threads) {
            if (t < 0) {
                throw new IllegalArgumentException("negative thread id in schedule: " + Arrays.toString(threads));
            }
        }
    }

    /** A schedule of the given thread ids. */
    public static Schedule of(int... threads) {
        return new Schedule(threads);
    }

    /** A copy of the thread ids. */
    @Override
    public int[] threads() {
        return threads.clone();
    }

    /** Number of steps. */
    public int length() {
        return threads.length;
    }

    /** The thread that moves at step {@code index} (0-based). */
    public int thread(int index) {
        return threads[index];
    }

    /** Number of steps whose thread differs from the previous step's. */
    public int contextSwitches() {
        int switches = 0;
        for (int i = 1; i < threads.length; i++) {
            if (threads[i] != threads[i - 1]) {
                switches++;
            }
        }
        return switches;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schedule other && Arrays.equals(threads, other.threads);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(threads);
    }

    @Override
    public String toString() {
        return Arrays.toString(threads);
    }
}
