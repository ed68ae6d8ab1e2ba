package org.mmspec.spec.eval;

import java.lang.invoke.MethodHandles;

/**
 * What generated code ({@link ProcGen}, {@link ExprGen}) calls instead of inlining it: the closures' per-node
 * accounting and checked operations, each with the closures' error and message, and the definition of the
 * generated classes as hidden classes of this package.
 */
final class GenSupport {

    private GenSupport() {
    }

    /** {@link #fastStart}: the subtree must run node by node. */
    static final long SLOW = Long.MIN_VALUE;

    /**
     * {@link FastRoot#run}'s rule: when no budget can run out inside the subtree, its remaining fuel charged at
     * once and the fuel before returned; else {@link #SLOW}, nothing charged.
     */
    static long fastStart(Ctx c, long rest, int levels) {
        long before = c.fuel;
        if (before + rest >= Ctx.stop(before) || c.depth + levels > Ctx.MAX_NESTING) {
            return SLOW;
        }
        c.fuel = before + rest;
        return before;
    }

    /** The end of {@link CExpr#eval} for an inner node: one level up. */
    static void leave(Ctx c) {
        c.depth--;
    }

    /** {@link CExpr#eval}'s accounting for a leaf: a unit of fuel, the nesting check. */
    static void leaf(Ctx c) {
        c.tick();
        if (c.depth >= Ctx.MAX_NESTING) {
            throw new EvalError(RuntimeError.NESTING_TOO_DEEP, -1, Ctx.MAX_NESTING, 0, 0);
        }
    }

    /** {@link CExpr#eval}'s accounting for an inner node: a unit of fuel, one level deeper. */
    static void enter(Ctx c) {
        c.tick();
        if (++c.depth > Ctx.MAX_NESTING) {
            throw new EvalError(RuntimeError.NESTING_TOO_DEEP, -1, Ctx.MAX_NESTING, 0, 0);
        }
    }

    static int add(int l, int r, int site) {
        return BinaryNodes.exact((long) l + r, site);
    }

    static int sub(int l, int r, int site) {
        return BinaryNodes.exact((long) l - r, site);
    }

    static int mul(int l, int r, int site) {
        return BinaryNodes.exact((long) l * r, site);
    }

    static int div(int l, int r, int site) {
        BinaryNodes.divisible(l, r, site);
        return l / r;
    }

    static int mod(int l, int r, int site) {
        BinaryNodes.divisible(l, r, site);
        return l % r;
    }

    /** {@link CExpr.Neg}. */
    static int neg(int v, int site) {
        if (v == Integer.MIN_VALUE) {
            throw new EvalError(RuntimeError.OVERFLOW, site);
        }
        return -v;
    }

    /** {@link CExpr.ToMask}. */
    static int mask(int v, int lo, int count, int site) {
        int k = v - lo;
        if (k < 0 || k >= count || k >= 32) {
            throw new EvalError(RuntimeError.NOT_A_MEMBER, site, v, lo, lo + count - 1);
        }
        return 1 << k;
    }

    /** {@link StepNodes.Choose}'s record of the branch chosen. */
    static void noteEither(Ctx c, int k) {
        StepNodes.note(c, "either:" + (k + 1));
    }

    /** A count or sum ({@link QuantNodes}), checked. */
    static int counted(long acc) {
        if (acc > Integer.MAX_VALUE || acc < Integer.MIN_VALUE) {
            throw new EvalError(RuntimeError.OVERFLOW, -1);
        }
        return (int) acc;
    }

    /** {@link InstrNodes#store}'s range error. */
    static EvalError outOfRange(int v, long lo, long hi, int site) {
        return new EvalError(RuntimeError.VALUE_OUT_OF_RANGE, site, v, (int) lo, (int) hi);
    }

    /** Defines {@code bytes} as a hidden class of this package and makes its instance from {@code constants}. */
    static Object define(byte[] bytes, Object[] constants) {
        try {
            Class<?> k = MethodHandles.lookup().defineHiddenClass(bytes, true).lookupClass();
            return k.getDeclaredConstructor(Object[].class).newInstance((Object) constants);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("generated class rejected", e);
        }
    }
}
