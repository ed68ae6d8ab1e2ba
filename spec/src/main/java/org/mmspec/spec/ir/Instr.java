package org.mmspec.spec.ir;

import java.util.List;
import org.mmspec.spec.semantics.Fault;

/** Lowered statements: one procedure's code is an array of these, with jumps by index. */
public sealed interface Instr {

    /** A step boundary: control reaching it ends the running step (unless the step started here). */
    record Label(String name, int site) implements Instr {
    }

    /** Store a scalar, checking {@code lo..hi}. */
    record Store(Place place, IrExpr value, long lo, long hi, int site) implements Instr {
    }

    /**
     * A compound assignment ({@code x += e}, {@code x -= e}, {@code S |= e}, {@code x++}): one read-modify-write
     * of {@code place} with {@code operand} (ADD, SUB, MASK_OR, MASK_ANDNOT, MASK_AND), checking {@code lo..hi}.
     * For an {@code atomic} variable it is the kernel's atomic operation ({@code atomic_inc}, {@code set_bit}).
     */
    record Update(Place place, IrExpr.Op op, IrExpr operand, long lo, long hi, int site) implements Instr {
    }

    /**
     * An atomic built-in on {@code target} ({@code test_and_set_bit}, {@code atomic_dec_and_test}, ...) with up
     * to two operands; its result goes to {@code dst} (null: discarded). {@code lo..hi} bound the target.
     */
    record Atomic(AtomicFn fn, Place target, IrExpr a, IrExpr b, Place dst, long lo, long hi, int site)
            implements Instr {
    }

    /** The atomic built-ins. */
    enum AtomicFn {
        TEST_AND_SET_BIT, TEST_AND_CLEAR_BIT, DEC_AND_TEST, INC_NOT_ZERO, CMPXCHG, XCHG
    }

    /** Copy an aggregate. */
    record Copy(Place to, Place from, int width) implements Instr {
    }

    /** Set {@code count} consecutive scalars (an array's leaves) to one value, each checked. */
    record Fill(Place place, int count, IrExpr value, long lo, long hi, int site) implements Instr {
    }

    /** Set {@code width} slots to zero (a fresh local). */
    record Zero(Place place, int width) implements Instr {
    }

    record Jump(int target) implements Instr {
    }

    record JumpIfNot(IrExpr cond, int target) implements Instr {
    }

    /** Enters ({@code begin}) or leaves a ghost block: the atomicity audit does not see the accesses in between. */
    record Ghost(boolean begin) implements Instr {
    }

    /** Blocks the step unless {@code cond} holds. */
    record Await(IrExpr cond, int site) implements Instr {
    }

    /** {@code assert} / {@code BUG_ON}: a fault of {@code kind} unless {@code cond} holds. */
    record Check(IrExpr cond, Fault.Kind kind, int site) implements Instr {
    }

    record LockOp(Place lock, LockAction action, int site) implements Instr {
    }

    /** {@code dst = trylock(lock)}. */
    record TryLock(Place dst, Place lock, int site) implements Instr {
    }

    record ListOp(Place list, int capacity, ListAction action, IrExpr value, int site) implements Instr {
    }

    /** Call a procedure with steps: push its frame in the thread's state. */
    record Call(int proc, List<IrExpr.Arg> args, Place dst, long lo, long hi, int site) implements Instr {
    }

    /** Run a procedure without steps to completion, right here (may write globals). */
    record RunInline(int proc, List<IrExpr.Arg> args, Place dst, long lo, long hi, int site) implements Instr {
    }

    /** {@code either}: continue at one of {@code targets}, chosen nondeterministically. */
    record Choose(int[] targets) implements Instr {
    }

    /** {@code with (var in domain)}: store a nondeterministically chosen value; blocks on an empty domain. */
    record Pick(Place var, String name, org.mmspec.spec.types.Type type, DomainIr domain, int site) implements Instr {
    }

    /** Store the element at index {@code index} of {@code domain} into {@code var} (for loops). */
    record ElemAt(Place var, DomainIr domain, IrExpr index) implements Instr {
    }

    /** Jump to {@code target} when {@code index} has reached the domain's size (for loops). */
    record JumpIfDone(DomainIr domain, IrExpr index, int target) implements Instr {
    }

    record Return(IrExpr value) implements Instr {
    }

    /** Control fell off the end of a procedure that must return a value. */
    record MissingReturn(int site) implements Instr {
    }

    /** Lock operations. */
    enum LockAction {
        LOCK, UNLOCK, DOWN_READ, UP_READ, DOWN_WRITE, UP_WRITE
    }

    /** List mutations. */
    enum ListAction {
        ADD_TAIL, ADD_HEAD, DEL
    }
}
