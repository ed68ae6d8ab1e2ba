package org.mmspec.spec.eval;

import org.mmspec.spec.ir.IrExpr;

/** Binary operators and PTE built-ins. */
final class Operators {

    private Operators() {
    }

    static int binary(Evaluator ev, IrExpr.Binary b, Ctx c) {
        switch (b.op()) {
            case AND:
                return ev.eval(b.left(), c) != 0 && ev.eval(b.right(), c) != 0 ? 1 : 0;
            case OR:
                return ev.eval(b.left(), c) != 0 || ev.eval(b.right(), c) != 0 ? 1 : 0;
            case IMPLIES:
                return ev.eval(b.left(), c) == 0 || ev.eval(b.right(), c) != 0 ? 1 : 0;
            default:
                break;
        }
        int l = ev.eval(b.left(), c);
        int r = ev.eval(b.right(), c);
        return switch (b.op()) {
            case ADD -> exact((long) l + r, b);
            case SUB -> exact((long) l - r, b);
            case MUL -> exact((long) l * r, b);
            case DIV, MOD -> {
                if (r == 0) {
                    throw new EvalError(RuntimeError.DIVISION_BY_ZERO, b.site());
                }
                if (l == Integer.MIN_VALUE && r == -1) {
                    throw new EvalError(RuntimeError.OVERFLOW, b.site());
                }
                yield b.op() == IrExpr.Op.DIV ? l / r : l % r;
            }
            case LT -> l < r ? 1 : 0;
            case LE -> l <= r ? 1 : 0;
            case GT -> l > r ? 1 : 0;
            case GE -> l >= r ? 1 : 0;
            case EQ -> l == r ? 1 : 0;
            case NE -> l != r ? 1 : 0;
            case MASK_OR -> l | r;
            case MASK_AND -> l & r;
            case MASK_ANDNOT -> l & ~r;
            case MASK_TEST -> (l & r) != 0 ? 1 : 0;
            case MIN -> Math.min(l, r);
            case MAX -> Math.max(l, r);
            default -> throw new IllegalStateException("binary " + b.op());
        };
    }

    private static int exact(long v, IrExpr.Binary b) {
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new EvalError(RuntimeError.OVERFLOW, b.site());
        }
        return (int) v;
    }

    static int pte(Evaluator ev, IrExpr.PteOp p, Ctx c) {
        int x = ev.eval(p.args().get(0), c);
        if (p.fn() == IrExpr.PteFn.MK_PTE) {
            nonNullPfn(x, p.site());
            return mkPte(x, ev.eval(p.args().get(1), c));
        }
        return pte(p.fn(), x, p.site());
    }

    /** {@code mk_pte}'s check of its pfn, before its second operand is evaluated. */
    static void nonNullPfn(int pfn, int site) {
        if (pfn < 0) {
            throw new EvalError(RuntimeError.PTE_NULL_PFN, site);
        }
    }

    static int mkPte(int pfn, int write) {
        return PteBits.PRESENT | (write != 0 ? PteBits.WRITE : 0) | (pfn << PteBits.SHIFT);
    }

    /** A PTE built-in of one operand ({@code mk_pte} has two: {@link #mkPte}). */
    static int pte(IrExpr.PteFn fn, int x, int site) {
        return switch (fn) {
            case NONE -> x == 0 ? 1 : 0;
            case PRESENT -> PteBits.present(x) ? 1 : 0;
            case WRITE -> PteBits.present(x) && (x & PteBits.WRITE) != 0 ? 1 : 0;
            case DIRTY -> PteBits.present(x) && (x & PteBits.DIRTY) != 0 ? 1 : 0;
            case YOUNG -> PteBits.present(x) && (x & PteBits.YOUNG) != 0 ? 1 : 0;
            case IS_SWAP -> (x & PteBits.SWAP) != 0 ? 1 : 0;
            case PFN -> {
                if (!PteBits.present(x)) {
                    throw new EvalError(RuntimeError.PTE_NOT_PRESENT, site);
                }
                yield PteBits.pfn(x);
            }
            case MK_PTE -> throw new IllegalStateException("mk_pte has two operands");
            case MKWRITE -> bits(x, PteBits.WRITE, true, site);
            case WRPROTECT -> bits(x, PteBits.WRITE, false, site);
            case MKDIRTY -> bits(x, PteBits.DIRTY, true, site);
            case MKCLEAN -> bits(x, PteBits.DIRTY, false, site);
            case MKYOUNG -> bits(x, PteBits.YOUNG, true, site);
            case MKOLD -> bits(x, PteBits.YOUNG, false, site);
            case SWP_ENTRY -> {
                if (x < 0 || x > (Integer.MAX_VALUE >>> PteBits.SHIFT)) {
                    throw new EvalError(RuntimeError.VALUE_OUT_OF_RANGE, site, x, 0, Integer.MAX_VALUE >>> PteBits.SHIFT);
                }
                yield PteBits.SWAP | (x << PteBits.SHIFT);
            }
            case SWP_OFFSET -> {
                if ((x & PteBits.SWAP) == 0) {
                    throw new EvalError(RuntimeError.PTE_NOT_PRESENT, site);
                }
                yield PteBits.pfn(x);
            }
        };
    }

    private static int bits(int pte, int bit, boolean set, int site) {
        if (!PteBits.present(pte)) {
            throw new EvalError(RuntimeError.PTE_NOT_PRESENT, site);
        }
        return set ? pte | bit : pte & ~bit;
    }
}
