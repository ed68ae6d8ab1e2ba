package org.mmspec.spec.ir;

import java.util.List;

/** Lowered expressions; every one evaluates to an int. */
public sealed interface IrExpr {

    record Const(int value) implements IrExpr {
    }

    /**
     * The value at {@code place}. For the atomicity audit: {@code mask} is the members of a set the load is
     * about ({@code -1}: all of it), {@code site} where it is in the source ({@code -1}: its statement).
     */
    record Load(Place place, int mask, int site) implements IrExpr {
        public Load(Place place) {
            this(place, -1, -1);
        }
    }

    /** The running thread's id. */
    record Self() implements IrExpr {
    }

    record Unary(Op op, IrExpr operand, int site) implements IrExpr {
    }

    record Binary(Op op, IrExpr left, IrExpr right, int site) implements IrExpr {
    }

    record Cond(IrExpr cond, IrExpr then, IrExpr otherwise) implements IrExpr {
    }

    /** The singleton bit mask of a value of a finite type: {@code 1 << (value - lo)}. */
    record ToMask(IrExpr value, int lo, int count, int site) implements IrExpr {
    }

    /**
     * Quantifier or aggregate: binds {@code var} (a frame slot, reset to 0 afterwards) over {@code domain};
     * {@code name} and {@code varType} are for witnesses.
     */
    record Quant(Kind kind, String name, org.mmspec.spec.types.Type varType, Place var, DomainIr domain, IrExpr body) implements IrExpr {
        /** The four forms. */
        public enum Kind {
            FORALL, EXISTS, COUNT, SUM
        }
    }

    /** Slot-wise equality of two aggregates. */
    record AggEq(Place left, Place right, int width, boolean negate) implements IrExpr {
    }

    record ListLen(Place list) implements IrExpr {
    }

    record ListContains(Place list, IrExpr value) implements IrExpr {
    }

    record ListFirst(Place list, int site) implements IrExpr {
    }

    /** A PTE built-in. */
    record PteOp(PteFn fn, List<IrExpr> args, int site) implements IrExpr {
    }

    /** {@code locked(l)} (thread null) or {@code holds(l, thread)}. */
    record LockQuery(Place lock, boolean rwsem, IrExpr thread) implements IrExpr {
    }

    /** A call of a function (a procedure without steps that writes no globals). */
    record CallFn(int proc, List<Arg> args) implements IrExpr {
    }

    /**
     * An argument: a scalar value (checked against {@code lo..hi} of the parameter's type), or an aggregate
     * copied from a place ({@code value} null).
     */
    record Arg(IrExpr value, Place place, int width, long lo, long hi) {
    }

    /** Operators after lowering. */
    enum Op {
        NEG, NOT, COMPLEMENT_MASK, BIT_COUNT,
        ADD, SUB, MUL, DIV, MOD, LT, LE, GT, GE, EQ, NE, AND, OR, IMPLIES,
        MASK_OR, MASK_AND, MASK_ANDNOT, MASK_TEST, MIN, MAX
    }

    /** PTE built-ins. */
    enum PteFn {
        NONE, PRESENT, WRITE, DIRTY, YOUNG, IS_SWAP, PFN, MK_PTE, MKWRITE, WRPROTECT, MKDIRTY, MKCLEAN,
        MKYOUNG, MKOLD, SWP_ENTRY, SWP_OFFSET
    }
}
