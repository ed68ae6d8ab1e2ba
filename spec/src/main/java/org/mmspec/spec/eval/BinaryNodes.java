package org.mmspec.spec.eval;

import org.mmspec.spec.ir.IrExpr;

/**
 * Compiled binary operators, one node class per operator (no dispatch on the operator at run time): both
 * operands left to right, then the operation with the interpreter's checks ({@code Operators.binary});
 * {@code &&}, {@code ||} and {@code =>} short-circuit.
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
            case LT -> new Lt(left, right, site);
            case LE -> new Le(left, right, site);
            case GT -> new Gt(left, right, site);
            case GE -> new Ge(left, right, site);
            case EQ -> new Eq(left, right, site);
            case NE -> new Ne(left, right, site);
            case MASK_OR -> new MaskOr(left, right, site);
            case MASK_AND -> new MaskAnd(left, right, site);
            case MASK_ANDNOT -> new MaskAndNot(left, right, site);
            case MASK_TEST -> new MaskTest(left, right, site);
            case MIN -> new Min(left, right, site);
            case MAX -> new Max(left, right, site);
            default -> new CExpr.Unsupported(left, right, "binary " + op);
        };
    }

    private static int exact(long v, int site) {
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new EvalError(RuntimeError.OVERFLOW, site);
        }
        return (int) v;
    }

    private static void divisible(int l, int r, int site) {
        if (r == 0) {
            throw new EvalError(RuntimeError.DIVISION_BY_ZERO, site);
        }
        if (l == Integer.MIN_VALUE && r == -1) {
            throw new EvalError(RuntimeError.OVERFLOW, site);
        }
    }

    /** The operands of a binary node. */
    private abstract static class Pair extends CExpr {
        final CExpr left;
        final CExpr right;

        Pair(CExpr left, CExpr right) {
            this.left = left;
            this.right = right;
        }
    }

    private static final class And extends Pair {
        And(CExpr left, CExpr right) {
            super(left, right);
        }

        @Override
        int run(Ctx c) {
            return left.eval(c) != 0 && right.eval(c) != 0 ? 1 : 0;
        }
    }

    private static final class Or extends Pair {
        Or(CExpr left, CExpr right) {
            super(left, right);
        }

        @Override
        int run(Ctx c) {
            return left.eval(c) != 0 || right.eval(c) != 0 ? 1 : 0;
        }
    }

    private static final class Implies extends Pair {
        Implies(CExpr left, CExpr right) {
            super(left, right);
        }

        @Override
        int run(Ctx c) {
            return left.eval(c) == 0 || right.eval(c) != 0 ? 1 : 0;
        }
    }

    private static final class Add extends Pair {
        private final int site;

        Add(CExpr left, CExpr right, int site) {
            super(left, right);
            this.site = site;
        }

        @Override
        int run(Ctx c) {
            int l = left.eval(c);
            int r = right.eval(c);
            return exact((long) l + r, site);
        }
    }

    private static final class Sub extends Pair {
        private final int site;

        Sub(CExpr left, CExpr right, int site) {
            super(left, right);
            this.site = site;
        }

        @Override
        int run(Ctx c) {
            int l = left.eval(c);
            int r = right.eval(c);
            return exact((long) l - r, site);
        }
    }

    private static final class Mul extends Pair {
        private final int site;

        Mul(CExpr left, CExpr right, int site) {
            super(left, right);
            this.site = site;
        }

        @Override
        int run(Ctx c) {
            int l = left.eval(c);
            int r = right.eval(c);
            return exact((long) l * r, site);
        }
    }

    private static final class Div extends Pair {
        private final int site;

        Div(CExpr left, CExpr right, int site) {
            super(left, right);
            this.site = site;
        }

        @Override
        int run(Ctx c) {
            int l = left.eval(c);
            int r = right.eval(c);
            divisible(l, r, site);
            return l / r;
        }
    }

    private static final class Mod extends Pair {
        private final int site;

        Mod(CExpr left, CExpr right, int site) {
            super(left, right);
            this.site = site;
        }

        @Override
        int run(Ctx c) {
            int l = left.eval(c);
            int r = right.eval(c);
            divisible(l, r, site);
            return l % r;
        }
    }

    private static final class Lt extends Pair {
        private final int site;

        Lt(CExpr left, CExpr right, int site) {
            super(left, right);
            this.site = site;
        }

        @Override
        int run(Ctx c) {
            int l = left.eval(c);
            int r = right.eval(c);
            return l < r ? 1 : 0;
        }
    }

    private static final class Le extends Pair {
        private final int site;

        Le(CExpr left, CExpr right, int site) {
            super(left, right);
            this.site = site;
        }

        @Override
        int run(Ctx c) {
            int l = left.eval(c);
            int r = right.eval(c);
            return l <= r ? 1 : 0;
        }
    }

    private static final class Gt extends Pair {
        private final int site;

        Gt(CExpr left, CExpr right, int site) {
            super(left, right);
            this.site = site;
        }

        @Override
        int run(Ctx c) {
            int l = left.eval(c);
            int r = right.eval(c);
            return l > r ? 1 : 0;
        }
    }

    private static final class Ge extends Pair {
        private final int site;

        Ge(CExpr left, CExpr right, int site) {
            super(left, right);
            this.site = site;
        }

        @Override
        int run(Ctx c) {
            int l = left.eval(c);
            int r = right.eval(c);
            return l >= r ? 1 : 0;
        }
    }

    private static final class Eq extends Pair {
        private final int site;

        Eq(CExpr left, CExpr right, int site) {
            super(left, right);
            this.site = site;
        }

        @Override
        int run(Ctx c) {
            int l = left.eval(c);
            int r = right.eval(c);
            return l == r ? 1 : 0;
        }
    }

    private static final class Ne extends Pair {
        private final int site;

        Ne(CExpr left, CExpr right, int site) {
            super(left, right);
            this.site = site;
        }

        @Override
        int run(Ctx c) {
            int l = left.eval(c);
            int r = right.eval(c);
            return l != r ? 1 : 0;
        }
    }

    private static final class MaskOr extends Pair {
        private final int site;

        MaskOr(CExpr left, CExpr right, int site) {
            super(left, right);
            this.site = site;
        }

        @Override
        int run(Ctx c) {
            int l = left.eval(c);
            int r = right.eval(c);
            return l | r;
        }
    }

    private static final class MaskAnd extends Pair {
        private final int site;

        MaskAnd(CExpr left, CExpr right, int site) {
            super(left, right);
            this.site = site;
        }

        @Override
        int run(Ctx c) {
            int l = left.eval(c);
            int r = right.eval(c);
            return l & r;
        }
    }

    private static final class MaskAndNot extends Pair {
        private final int site;

        MaskAndNot(CExpr left, CExpr right, int site) {
            super(left, right);
            this.site = site;
        }

        @Override
        int run(Ctx c) {
            int l = left.eval(c);
            int r = right.eval(c);
            return l & ~r;
        }
    }

    private static final class MaskTest extends Pair {
        private final int site;

        MaskTest(CExpr left, CExpr right, int site) {
            super(left, right);
            this.site = site;
        }

        @Override
        int run(Ctx c) {
            int l = left.eval(c);
            int r = right.eval(c);
            return (l & r) != 0 ? 1 : 0;
        }
    }

    private static final class Min extends Pair {
        private final int site;

        Min(CExpr left, CExpr right, int site) {
            super(left, right);
            this.site = site;
        }

        @Override
        int run(Ctx c) {
            int l = left.eval(c);
            int r = right.eval(c);
            return Math.min(l, r);
        }
    }

    private static final class Max extends Pair {
        private final int site;

        Max(CExpr left, CExpr right, int site) {
            super(left, right);
            this.site = site;
        }

        @Override
        int run(Ctx c) {
            int l = left.eval(c);
            int r = right.eval(c);
            return Math.max(l, r);
        }
    }
}
