package org.mmspec.spec.eval;

/**
 * A compiled argument: a scalar value checked against {@code lo..hi} of the parameter's type, or an
 * aggregate copied from a place ({@code value} null), as {@code Machine.writeArgs} evaluates them.
 */
record CArg(CExpr value, CPlace place, int width, long lo, long hi) {

    /** The total number of slots {@code args} fill. */
    static int width(CArg[] args) {
        int w = 0;
        for (CArg a : args) {
            w += a.value != null ? 1 : a.width;
        }
        return w;
    }

    /**
     * Evaluates {@code args} in order in {@code caller} and writes them as parameters at {@code base} of
     * {@code target} (offsets {@code paramOffsets}). The target must be a frame the arguments cannot read:
     * a fresh one, or a buffer.
     */
    static void write(CArg[] args, int[] paramOffsets, Ctx caller, int[] target, int base) {
        for (int k = 0; k < args.length; k++) {
            CArg a = args[k];
            int at = base + paramOffsets[k];
            if (a.value != null) {
                int v = a.value.eval(caller);
                if (v < a.lo || v > a.hi) {
                    throw new EvalError(RuntimeError.VALUE_OUT_OF_RANGE, -1, v, (int) a.lo, (int) a.hi);
                }
                target[at] = v;
            } else {
                int from = a.place.addr(caller);
                System.arraycopy(a.place.array(caller), from, target, at, a.width);
            }
        }
    }
}
