package org.mmspec.checker.store;

import java.util.Arrays;
import java.util.function.LongUnaryOperator;

/**
 * The moves on the path to a state, read back from packed parent links
 * ({@code parent << MOVE_BITS | choice << threadBits | thread}, the root being state 0), for the stores that
 * keep one link per state id ({@link StateStore}, {@link SharedStore}).
 */
final class LinkPaths {

    private LinkPaths() {}

    /**
     * The threads that moved ({@code choices} false) or the choices taken ({@code choices} true), in order, on
     * the path by which state {@code id} was first reached; {@code link} gives a state's packed link.
     */
    static int[] to(long id, LongUnaryOperator link, int threadBits, boolean choices) {
        int[] reversed = new int[16];
        int length = 0;
        int threadMask = (1 << threadBits) - 1;
        int choiceMask = (1 << (StateStore.MOVE_BITS - threadBits)) - 1;
        for (long current = id; current != 0; ) {
            long l = link.applyAsLong(current);
            if (length == reversed.length) {
                reversed = Arrays.copyOf(reversed, 2 * length);
            }
            reversed[length++] = choices ? (int) (l >>> threadBits) & choiceMask : (int) l & threadMask;
            current = l >>> StateStore.MOVE_BITS;
        }
        int[] out = new int[length];
        for (int i = 0; i < length; i++) {
            out[i] = reversed[length - 1 - i];
        }
        return out;
    }
}
