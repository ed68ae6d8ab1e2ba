package org.mmspec.spec.eval;

/**
 * A range of a procedure's instructions compiled to JVM bytecode ({@link ProcGen}): runs a thread's step from
 * {@code at.pc}, instruction after instruction, while the pc stays in its range and the procedure on top does
 * not change, with the closures' budgets, writes, write-log reports and faults. Each generated class is a
 * hidden class of this package, made once per compiled program and immutable.
 */
abstract class GenChunk {

    /** The pc left the chunk's range, or a call or return changed the procedure: the cursor says where. */
    static final int CONTINUE = -4;

    /**
     * Runs from {@code at.pc} (with {@code at.first}); {@link CInstr#DONE}, {@link CInstr#BLOCKED}, or
     * {@link #CONTINUE} with the cursor at the next instruction to run.
     */
    abstract int run(Ctx c, CInstr.Cursor at);

    /**
     * Runs an inline run from {@code pc}; {@link CInstr#RETURNED}, or the pc (outside the range) to go on
     * from. Generated only for procedures without step-only instructions ({@link ProcGen#inlinable}).
     */
    int inline(Ctx c, int pc) {
        throw new IllegalStateException("not an inline procedure");
    }
}
