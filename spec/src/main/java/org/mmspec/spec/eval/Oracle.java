package org.mmspec.spec.eval;

import java.util.Arrays;

/**
 * Enumerates the nondeterministic choices of one step ({@code either}, {@code with}) depth-first: each
 * run replays a prefix of choices and takes the first alternative at every new choice point.
 */
final class Oracle {

    private static final int[] NONE = new int[0];

    /** Allocated at the first choice point: most steps have none. */
    private int[] prefix = NONE;
    private int[] arity = NONE;
    private int length;
    private int position;
    /** Evaluation fuel used by all runs so far: the runs of one step share {@link Ctx#FUEL}. */
    long fuelUsed;
    /** Some run so far read or wrote shared state ({@link Ctx#shared}). */
    boolean shared;

    /** Forgets every choice point, the fuel used and sharing: as a new oracle (keeps its arrays). */
    void reset() {
        length = 0;
        position = 0;
        fuelUsed = 0;
        shared = false;
    }

    /** Before each run. */
    void rewind() {
        position = 0;
    }

    /** Picks one of {@code n} alternatives. */
    int choose(int n) {
        if (position < length) {
            return prefix[position++];
        }
        if (length == prefix.length) {
            prefix = Arrays.copyOf(prefix, Math.max(8, length * 2));
            arity = Arrays.copyOf(arity, Math.max(8, length * 2));
        }
        prefix[length] = 0;
        arity[length] = n;
        length++;
        position++;
        return 0;
    }

    /** Whether the runs so far used up the step's fuel (the last run ended in a fault saying so). */
    boolean exhausted() {
        return fuelUsed > Ctx.FUEL;
    }

    /** Moves to the next combination of choices; false when every one has been run. */
    boolean advance() {
        length = position;
        while (length > 0 && prefix[length - 1] + 1 >= arity[length - 1]) {
            length--;
        }
        if (length == 0) {
            return false;
        }
        prefix[length - 1]++;
        return true;
    }

    /** The choices taken by the last run. */
    int[] taken() {
        return Arrays.copyOf(prefix, position);
    }
}
