package org.mmspec.spec.eval;

/**
 * The slots of a state that a compiled step wrote, in the order written, duplicates and all (hand-written speed
 * code: {@link SpecState#rehashLogged} then compares only these slots with the parent's instead of the whole
 * state). Every store path of the compiled instructions reports here through {@link Ctx#wrote}; writes to any
 * other array (an inline run's frame, a call's argument buffer) are not the state's and are ignored. A log that
 * could not follow a step (more than {@link #CAPACITY} writes, an interpreted or audited step, a fault) is
 * {@link #lost}: the caller then compares the whole state.
 *
 * <p>Not thread-safe: one per {@link TransientSuccessors}.
 */
final class WriteLog {

    /** Most writes one step logs; a step that writes more is compared whole. */
    static final int CAPACITY = 64;

    private final int[] at = new int[CAPACITY];
    private int count;
    private boolean lost;
    /** The state whose slots are logged; writes to other arrays are not. */
    private int[] of;
    /** For tests only: the first write of every step is not logged ({@link TransientSuccessors.Reuse#DROPPED_WRITE}). */
    private final boolean dropFirst;
    private boolean dropping;

    WriteLog(boolean dropFirst) {
        this.dropFirst = dropFirst;
    }

    /** Begins a step that writes {@code state}. */
    void reset(int[] state) {
        of = state;
        count = 0;
        lost = false;
        dropping = dropFirst;
    }

    /** Slot {@code i} of {@code array} was written. */
    void wrote(int[] array, int i) {
        if (array == of) {
            if (dropping) {
                dropping = false;
            } else if (count < CAPACITY) {
                at[count++] = i;
            } else {
                lost = true;
            }
        }
    }

    /** Slots {@code from} (inclusive) to {@code to} (exclusive, cut at the state's end) of {@code array} were written. */
    void wrote(int[] array, int from, int to) {
        if (array == of) {
            int end = Math.min(to, of.length);
            if (count + end - from > CAPACITY) {
                lost = true;
                return;
            }
            for (int i = from; i < end; i++) {
                wrote(array, i);
            }
        }
    }

    /** The step wrote the state in a way not logged: it must be compared whole. */
    void lose() {
        lost = true;
    }

    /** Whether every write of the step since {@link #reset} is logged. */
    boolean complete() {
        return !lost;
    }

    int count() {
        return count;
    }

    /** The slot of write {@code k} (0 ≤ k &lt; {@link #count}). */
    int slot(int k) {
        return at[k];
    }
}
