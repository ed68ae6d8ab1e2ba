package org.mmspec.checker.scenario.build;

import org.mmspec.checker.scenario.SetupFailure;

/**
 * A compiled scenario value: evaluated against the set-up variables when the initial configuration is
 * built. Arithmetic is exact; a result outside 32 bits fails the set-up.
 */
@FunctionalInterface
interface Value {

    long eval(int[] vars);

    /** The value as an int, or a {@link SetupFailure} naming {@code what}. */
    default int evalInt(int[] vars, String what) {
        long v = eval(vars);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new SetupFailure(what + " = " + v + " does not fit in 32 bits");
        }
        return (int) v;
    }

    /** A list value ({@code {1, 2}}). */
    @FunctionalInterface
    interface ListValue {
        int[] eval(int[] vars);
    }
}
