package org.mmspec.spec.eval;

/** Compiled comparisons and set operators: one node class per operator, none of which can fail. */
final class CompareNodes {

    private CompareNodes() {
    }

    static final class Lt extends BinaryNodes.Pair {
        Lt(CExpr left, CExpr right) {
            super(left, right);
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
            return l < r ? 1 : 0;
        }
    }

    static final class Le extends BinaryNodes.Pair {
        Le(CExpr left, CExpr right) {
            super(left, right);
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
            return l <= r ? 1 : 0;
        }
    }

    static final class Gt extends BinaryNodes.Pair {
        Gt(CExpr left, CExpr right) {
            super(left, right);
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
            return l > r ? 1 : 0;
        }
    }

    static final class Ge extends BinaryNodes.Pair {
        Ge(CExpr left, CExpr right) {
            super(left, right);
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
            return l >= r ? 1 : 0;
        }
    }

    static final class Eq extends BinaryNodes.Pair {
        Eq(CExpr left, CExpr right) {
            super(left, right);
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
            return l == r ? 1 : 0;
        }
    }

    static final class Ne extends BinaryNodes.Pair {
        Ne(CExpr left, CExpr right) {
            super(left, right);
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
            return l != r ? 1 : 0;
        }
    }

    static final class MaskOr extends BinaryNodes.Pair {
        MaskOr(CExpr left, CExpr right) {
            super(left, right);
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
            return l | r;
        }
    }

    static final class MaskAnd extends BinaryNodes.Pair {
        MaskAnd(CExpr left, CExpr right) {
            super(left, right);
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
            return l & r;
        }
    }

    static final class MaskAndNot extends BinaryNodes.Pair {
        MaskAndNot(CExpr left, CExpr right) {
            super(left, right);
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
            return l & ~r;
        }
    }

    static final class MaskTest extends BinaryNodes.Pair {
        MaskTest(CExpr left, CExpr right) {
            super(left, right);
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
            return (l & r) != 0 ? 1 : 0;
        }
    }

    static final class Min extends BinaryNodes.Pair {
        Min(CExpr left, CExpr right) {
            super(left, right);
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
            return Math.min(l, r);
        }
    }

    static final class Max extends BinaryNodes.Pair {
        Max(CExpr left, CExpr right) {
            super(left, right);
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
            return Math.max(l, r);
        }
    }
}
