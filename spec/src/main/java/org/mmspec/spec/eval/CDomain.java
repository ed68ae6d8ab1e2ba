package org.mmspec.spec.eval;

import org.mmspec.spec.ir.DomainIr;

/**
 * A compiled domain of a quantifier, {@code with} or {@code for}: its size now and its {@code i}-th value,
 * evaluated as {@code Evaluator.count} and {@code Evaluator.elem} do (a range's bound and a set are evaluated
 * again for every value, as there).
 */
abstract class CDomain {

    /** Number of values in the domain now. */
    abstract int count(Ctx c);

    /** The value at position {@code i} (below {@link #count}). */
    abstract int elem(int i, Ctx c);

    /** The values of a finite type. */
    static final class OfType extends CDomain {
        final int lo;
        final int count;

        OfType(int lo, int count) {
            this.lo = lo;
            this.count = count;
        }

        @Override
        int count(Ctx c) {
            return count;
        }

        @Override
        int elem(int i, Ctx c) {
            return lo + i;
        }
    }

    /** {@code from..to}, evaluated at run time. */
    static final class Range extends CDomain {
        private final CExpr from;
        private final CExpr to;
        private final int site;

        Range(CExpr from, CExpr to, int site) {
            this.from = from;
            this.to = to;
            this.site = site;
        }

        @Override
        int count(Ctx c) {
            int f = from.eval(c);
            int t = to.eval(c);
            long n = (long) t - f + 1;
            if (n > DomainIr.MAX_RANGE) {
                throw new EvalError(RuntimeError.RANGE_TOO_LARGE, site, f, t, DomainIr.MAX_RANGE);
            }
            return (int) Math.max(0, n);
        }

        @Override
        int elem(int i, Ctx c) {
            return from.eval(c) + i;
        }
    }

    /** The members of a set, as {@code lo + bit}. */
    static final class OfSet extends CDomain {
        private final CExpr set;
        private final int lo;

        OfSet(CExpr set, int lo) {
            this.set = set;
            this.lo = lo;
        }

        @Override
        int count(Ctx c) {
            return Integer.bitCount(set.eval(c));
        }

        @Override
        int elem(int i, Ctx c) {
            int mask = set.eval(c);
            for (int k = 0; k < i; k++) {
                mask &= mask - 1;
            }
            return lo + Integer.numberOfTrailingZeros(mask);
        }
    }

    /** The elements of a list. */
    static final class OfList extends CDomain {
        private final CPlace list;

        OfList(CPlace list) {
            this.list = list;
        }

        @Override
        int count(Ctx c) {
            int base = list.addr(c);
            return list.array(c)[base];
        }

        @Override
        int elem(int i, Ctx c) {
            int base = list.addr(c);
            return list.array(c)[base + 1 + i];
        }
    }
}
