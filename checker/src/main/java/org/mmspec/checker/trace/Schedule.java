package org.mmspec.checker.trace;

import java.util.Arrays;

/**
 * The moves from the initial state: at each step, which thread moved and which of its step's successors
 * it took. The choice is the index in {@code TransitionSystem.successors(s, thread)}: 0 for a
 * deterministic step (and for the first outcome of a nondeterministic one), {@code i} for the
 * {@code i+1}-th outcome of an {@code either}/{@code with} step. Immutable: arrays are copied in and out.
 *
 * <p>{@link #toString()} writes a move as the thread id, followed by {@code /choice} when the choice is
 * not 0: {@code [0, 1/2, 0]}.
 *
 * @param threads thread ids, one per step
 * @param choices successor indices, one per step
 */
public record Schedule(int[] threads, int[] choices) {

    public Schedule {
        threads = threads.clone();
        choices = choices.clone();
        if (threads.length != choices.length) {
            throw new IllegalArgumentException("a schedule has one choice per step: " + threads.length
                    + " threads, " + choices.length + " choices");
        }
        for (int i = 0; i < threads.length; i++) {
            if (threads[i] < 0 || choices[i] < 0) {
                throw new IllegalArgumentException("negative thread id or choice in schedule: "
                        + Arrays.toString(threads) + " " + Arrays.toString(choices));
            }
        }
    }

    /** A schedule of deterministic steps: every choice 0. */
    public Schedule(int[] threads) {
        this(threads, new int[threads.length]);
    }

    /** A schedule of the given thread ids, every choice 0. */
    public static Schedule of(int... threads) {
        return new Schedule(threads);
    }

    /** A copy of the thread ids. */
    @Override
    public int[] threads() {
        return threads.clone();
    }

    /** A copy of the choices. */
    @Override
    public int[] choices() {
        return choices.clone();
    }

    /** Number of steps. */
    public int length() {
        return threads.length;
    }

    /** The thread that moves at step {@code index} (0-based). */
    public int thread(int index) {
        return threads[index];
    }

    /** The successor taken at step {@code index} (0-based). */
    public int choice(int index) {
        return choices[index];
    }

    /** True when some step took a successor other than the first. */
    public boolean hasChoices() {
        for (int c : choices) {
            if (c != 0) {
                return true;
            }
        }
        return false;
    }

    /** The first {@code length} moves. */
    public Schedule prefix(int length) {
        return new Schedule(Arrays.copyOf(threads, length), Arrays.copyOf(choices, length));
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
        return o instanceof Schedule other && Arrays.equals(threads, other.threads)
                && Arrays.equals(choices, other.choices);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(threads) + Arrays.hashCode(choices);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < threads.length; i++) {
            b.append(i == 0 ? "" : ", ").append(threads[i]);
            if (choices[i] != 0) {
                b.append('/').append(choices[i]);
            }
        }
        return b.append(']').toString();
    }
}
