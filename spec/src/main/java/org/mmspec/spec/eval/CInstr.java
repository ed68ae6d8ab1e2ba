package org.mmspec.spec.eval;

/**
 * A compiled instruction. Instructions that mean the same in a thread's step and in an inline run implement
 * {@link #exec}; those only a step may run (labels, waits, locks, choices, calls) override {@link #step}, and
 * a return overrides both. Each is what {@code Instructions} does for the same instruction with the
 * atomicity audit off.
 */
abstract class CInstr {

    /** The step ended with the state advanced. */
    static final int DONE = -1;
    /** The step cannot be taken. */
    static final int BLOCKED = -2;
    /** An inline procedure returned; its value is in {@link Ctx#returned}. */
    static final int RETURNED = -3;

    /** Runs the instruction at {@code at.pc} of a thread's step; the next pc, or {@link #DONE} or {@link #BLOCKED}. */
    int step(Ctx c, Cursor at) {
        return exec(c, at.pc);
    }

    /** Runs the instruction at {@code pc} of an inline run; the next pc, or {@link #RETURNED}. */
    int inline(Ctx c, int pc) {
        return exec(c, pc);
    }

    /** The instruction's work where steps and inline runs agree; the next pc. */
    abstract int exec(Ctx c, int pc);

    /** Where a running step is: the procedure on top of the thread's stack, its code, the pc. */
    static final class Cursor {
        int top;
        CProc proc;
        int pc;
        /** Nothing has run yet: a label here starts the step rather than ending it. */
        boolean first = true;

        Cursor(int top, CProc proc, int pc) {
            this.top = top;
            this.proc = proc;
            this.pc = pc;
        }
    }

    /** A compiled procedure: its code, which instructions are local, its frame. */
    record CProc(String name, CInstr[] code, boolean[] local, int frameSize, int[] paramOffsets) {
    }
}
