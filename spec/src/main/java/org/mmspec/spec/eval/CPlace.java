package org.mmspec.spec.eval;

/**
 * A compiled place: where its slot is, with fields folded into constant offsets and array elements
 * addressed as {@code base + (index - lo) * stride + offset}, range checks kept. {@link #global} is decided
 * at compile time; it says which array the address indexes (the state or the running frame).
 */
abstract class CPlace {

    /** True when the place is in the state's global region, false when in the running frame. */
    final boolean global;

    CPlace(boolean global) {
        this.global = global;
    }

    /** The slot's index in {@link #array}; evaluates the indices (fuel, errors) as the interpreter does. */
    abstract int addr(Ctx c);

    /** The same place {@code off} slots further (a field of it). */
    abstract CPlace plus(int off);

    final int[] array(Ctx c) {
        return global ? c.g : c.f;
    }

    /** The checked offset {@code value - lo} of an element; the interpreter's errors and messages. */
    static int element(int v, int lo, int count, boolean nullable, int site) {
        if (nullable && v == -1) {
            throw new EvalError(RuntimeError.NULL_INDEX, site);
        }
        int k = v - lo;
        if (k < 0 || k >= count) {
            throw new EvalError(RuntimeError.INDEX_OUT_OF_RANGE, site, v, lo, lo + count - 1);
        }
        return k;
    }

    /** A global at a fixed offset. */
    static final class GlobalSlot extends CPlace {
        final int at;

        GlobalSlot(int at) {
            super(true);
            this.at = at;
        }

        @Override
        int addr(Ctx c) {
            return at;
        }

        @Override
        CPlace plus(int off) {
            return new GlobalSlot(at + off);
        }
    }

    /** A slot of the running frame at a fixed offset from its base. */
    static final class LocalSlot extends CPlace {
        final int at;

        LocalSlot(int at) {
            super(false);
            this.at = at;
        }

        @Override
        int addr(Ctx c) {
            return c.fb + at;
        }

        @Override
        CPlace plus(int off) {
            return new LocalSlot(at + off);
        }
    }

    /** The shape of an array element: index bounds, stride, null-ness, fault site. */
    record Shape(int lo, int count, int stride, boolean nullable, int site) {
    }

    /** An element of an array at a fixed offset (global, or in the running frame). */
    static final class FixedElem extends CPlace {
        final int at;
        final CExpr index;
        final Shape s;

        FixedElem(boolean global, int at, CExpr index, Shape s) {
            super(global);
            this.at = at;
            this.index = index;
            this.s = s;
        }

        @Override
        int addr(Ctx c) {
            int k = element(index.eval(c), s.lo, s.count, s.nullable, s.site);
            return (global ? at : c.fb + at) + k * s.stride;
        }

        @Override
        CPlace plus(int off) {
            return new FixedElem(global, at + off, index, s);
        }
    }

    /** An element of an array whose own place is computed (nested arrays). */
    static final class Elem extends CPlace {
        private final CPlace base;
        private final CExpr index;
        private final Shape s;
        private final int offset;

        Elem(CPlace base, CExpr index, Shape s, int offset) {
            super(base.global);
            this.base = base;
            this.index = index;
            this.s = s;
            this.offset = offset;
        }

        @Override
        int addr(Ctx c) {
            int b = base.addr(c);
            int k = element(index.eval(c), s.lo, s.count, s.nullable, s.site);
            return b + k * s.stride + offset;
        }

        @Override
        CPlace plus(int off) {
            return new Elem(base, index, s, offset + off);
        }
    }

    /** Element {@code index} (0-based, below the current length) of a list of scalars. */
    static final class ListElem extends CPlace {
        private final CPlace list;
        private final CExpr index;
        private final int site;
        private final int offset;

        ListElem(CPlace list, CExpr index, int site, int offset) {
            super(list.global);
            this.list = list;
            this.index = index;
            this.site = site;
            this.offset = offset;
        }

        @Override
        int addr(Ctx c) {
            int base = list.addr(c);
            int i = index.eval(c);
            int len = list.array(c)[base];
            if (i < 0 || i >= len) {
                throw new EvalError(RuntimeError.LIST_INDEX, site, i, len, 0);
            }
            return base + 1 + i + offset;
        }

        @Override
        CPlace plus(int off) {
            return new ListElem(list, index, site, offset + off);
        }
    }
}
