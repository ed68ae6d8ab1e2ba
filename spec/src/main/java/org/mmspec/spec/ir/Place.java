package org.mmspec.spec.ir;

/**
 * Where slots live: a global (absolute offset in the state), a local (offset from the running frame's
 * base), an element of an array or list, or a field of a record. {@link #global()} says which array
 * the address indexes.
 */
public sealed interface Place {

    /** True when the place is in the state's global region, false when in the running frame. */
    boolean global();

    record Global(int offset) implements Place {
        public boolean global() {
            return true;
        }
    }

    record Local(int offset) implements Place {
        public boolean global() {
            return false;
        }
    }

    /**
     * Element {@code index} of an array: address {@code base + (value - lo) * stride}, checked against
     * {@code count}; {@code nullable} when the index type is an id (then -1 is NULL, an error).
     */
    record Elem(Place base, IrExpr index, int lo, int count, int stride, boolean nullable, int site)
            implements Place {
        public boolean global() {
            return base.global();
        }
    }

    /** Element {@code index} (0-based, below the current length) of a list of scalars. */
    record ListElem(Place list, IrExpr index, int site) implements Place {
        public boolean global() {
            return list.global();
        }
    }

    record FieldOf(Place base, int offset) implements Place {
        public boolean global() {
            return base.global();
        }
    }
}
