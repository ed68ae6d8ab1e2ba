package org.mmspec.spec.eval;

import org.mmspec.spec.ir.IrExpr;

/**
 * Compiled binary operators, one node class per operator (no dispatch on the operator at run time): both
 * operands left to right, then the operation with the interpreter's checks ({@code Operators.binary});
 * {@code &&}, {@code ||} and {@code =>} short-circuit.
 *
 * <p>Each node repeats the same {@code run}/{@code fastRun} pair calling its own operation, on purpose (hand-
 * written for speed, as in {@link CompareNodes} and {@link InstrNodes}): a template method in {@link Pair}
 * calling an abstract operation would be one call site shared by every operator, which the JIT cannot
 * inline, where each node's own call site is monomorphic and inlined.
 */
final class BinaryNodes {

    private BinaryNodes() {
    }

    /** The node for {@code left op right}. */
    static CExpr of(IrExpr.Op op, CExpr left, CExpr right, int site) {
        return switch (op) {
            case AND -> new And(left, right);
            case OR -> new Or(left, right);
            case IMPLIES -> new Implies(left, right);
            case ADD -> new Add(left, right, site);
            case SUB -> new Sub(left, right, site);
            case MUL -> new Mul(left, right, site);
            case DIV -> new Div(left, right, site);
            case MOD -> new Mod(left, right, site);
            case LT -> new CompareNodes.Lt(left, right);
            case LE -> new CompareNodes.Le(left, right);
            case GT -> new CompareNodes.Gt(left, right);
            case GE -> new CompareNodes.Ge(left, right);
            case EQ -> new CompareNodes.Eq(left, right);
            case NE -> new CompareNodes.Ne(left, right);
            case MASK_OR -> new CompareNodes.MaskOr(left, right);
            case MASK_AND -> new CompareNodes.MaskAnd(left, right);
            case MASK_ANDNOT -> new CompareNodes.MaskAndNot(left, right);
            case MASK_TEST -> new CompareNodes.MaskTest(left, right);
            case MIN -> new CompareNodes.Min(left, right);
            case MAX -> new CompareNodes.Max(left, right);
            default -> new CExpr.Unsupported(left, right, "binary " + op);
        };
    }

    /** {@code v} as an int, or the overflow fault at {@code site} (the generated code's too: {@link GenSupport}). */
    static int exact(long v, int site) {
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new EvalError(RuntimeError.OVERFLOW, site);
        }
        return (int) v;
    }

    /** Faults a division by zero or of {@code MIN_VALUE} by -1 at {@code site} (the generated code's too). */
    static void divisible(int l, int r, int site) {
        if (r == 0) {
            throw new EvalError(RuntimeError.DIVISION_BY_ZERO, site);
        }
        if (l == Integer.MIN_VALUE && r == -1) {
            throw new EvalError(RuntimeError.OVERFLOW, site);
        }
    }

    /** The operands of a binary node. */
    abstract static class Pair extends CExpr {
        final CExpr left;
        final CExpr right;

        Pair(CExpr left, CExpr right) {
            super(true, left, right);
            this.left = left;
            this.right = right;
        }
    }

    static final class And extends Pair {
        And(CExpr left, CExpr right) {
            super(left, right);
        }

        @Override
        int run(Ctx c) {
            return left.eval(c) != 0 && right.eval(c) != 0 ? 1 : 0;
        }

        @Override
        int fastRun(Ctx c) {
            if (left.fast(c) == 0) {
                c.fuel -= right.cost;
                return 0;
            }
            return right.fast(c) != 0 ? 1 : 0;
        }
    }

    static final class Or extends Pair {
        Or(CExpr left, CExpr right) {
            super(left, right);
        }

        @Override
        int run(Ctx c) {
            return left.eval(c) != 0 || right.eval(c) != 0 ? 1 : 0;
        }

        @Override
        int fastRun(Ctx c) {
            if (left.fast(c) != 0) {
                c.fuel -= right.cost;
                return 1;
            }
            return right.fast(c) != 0 ? 1 : 0;
        }
    }

    static final class Implies extends Pair {
        Implies(CExpr left, CExpr right) {
            super(left, right);
        }

        @Override
        int run(Ctx c) {
            return left.eval(c) == 0 || right.eval(c) != 0 ? 1 : 0;
        }

        @Override
        int fastRun(Ctx c) {
            if (left.fast(c) == 0) {
                c.fuel -= right.cost;
                return 1;
            }
            return right.fast(c) != 0 ? 1 : 0;
        }
    }

    static final class Add extends Pair {
        final int site;

        Add(CExpr left, CExpr right, int site) {
            super(left, right);
            this.site = site;
        }

        @Override
        int run(Ctx c) {
            int l = left.eval(c);
            return apply(l, right.eval(c));
        }

        @Override
        int fastRun(Ctx c) {
            int l = left.fast(c);
            return apply(l, right.fast(c));
        }

        private int apply(int l, int r) {
            return exact((long) l + r, site);
        }
    }

    static final class Sub extends Pair {
        final int site;

        Sub(CExpr left, CExpr right, int site) {
            super(left, right);
            this.site = site;
        }

        @Override
        int run(Ctx c) {
            int l = left.eval(c);
            return apply(l, right.eval(c));
        }

        @Override
        int fastRun(Ctx c) {
            int l = left.fast(c);
            return apply(l, right.fast(c));
        }

        private int apply(int l, int r) {
            return exact((long) l - r, site);
        }
    }

    static final class Mul extends Pair {
        final int site;

        Mul(CExpr left, CExpr right, int site) {
            super(left, right);
            this.site = site;
        }

        @Override
        int run(Ctx c) {
            int l = left.eval(c);
            return apply(l, right.eval(c));
        }

        @Override
        int fastRun(Ctx c) {
            int l = left.fast(c);
            return apply(l, right.fast(c));
        }

        private int apply(int l, int r) {
            return exact((long) l * r, site);
        }
    }

    static final class Div extends Pair {
        final int site;

        Div(CExpr left, CExpr right, int site) {
            super(left, right);
            this.site = site;
        }

        @Override
        int run(Ctx c) {
            int l = left.eval(c);
            return apply(l, right.eval(c));
        }

        @Override
        int fastRun(Ctx c) {
            int l = left.fast(c);
            return apply(l, right.fast(c));
        }

        private int apply(int l, int r) {
            divisible(l, r, site);
            return l / r;
        }
    }

    static final class Mod extends Pair {
        final int site;

        Mod(CExpr left, CExpr right, int site) {
            super(left, right);
            this.site = site;
        }

        @Override
        int run(Ctx c) {
            int l = left.eval(c);
            return apply(l, right.eval(c));
        }

        @Override
        int fastRun(Ctx c) {
            int l = left.fast(c);
            return apply(l, right.fast(c));
        }

        private int apply(int l, int r) {
            divisible(l, r, site);
            return l % r;
        }
    }
}
