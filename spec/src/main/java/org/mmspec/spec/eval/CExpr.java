package org.mmspec.spec.eval;

/**
 * A compiled expression: one node of a tree built once per scenario from an {@code IrExpr}, with places
 * resolved to slot offsets and no dispatch on the IR's node type at run time. Each node costs what the
 * interpreter's {@code Evaluator.eval} costs: one unit of fuel and one level of nesting while it runs, in the
 * same order, so budgets end a run at the same point with the same fault.
 *
 * <p>Leaves (a constant, a global or a frame slot at a fixed offset) say so in {@link #leaf}: {@link #eval},
 * inlined into the parent, reads them in place without a virtual call.
 *
 * <p>A <em>pure</em> node (no loop, call, list scan or write; its children pure) also has {@link #fastRun}, its
 * work without the per-node budget checks, and a static {@link #cost} (its nodes) and {@link #height}: a
 * {@link FastRoot} at the top of a pure subtree runs it that way when no budget can run out inside it.
 */
abstract class CExpr {

    static final byte INNER = 0;
    static final byte CONST = 1;
    static final byte GLOBAL = 2;
    static final byte LOCAL = 3;

    /** {@link #INNER}, or the kind of leaf this node is. */
    final byte leaf;
    /** A leaf's value ({@link #CONST}) or slot offset. */
    final int arg;
    /** Whether the subtree is pure: {@link #fastRun} works. */
    final boolean pure;
    /** The nodes of the subtree (the fuel its evaluation costs when every branch is taken). */
    final int cost;
    /** The levels of the subtree, this node's included. */
    final int height;

    /** An impure node. */
    CExpr() {
        this.leaf = INNER;
        this.arg = 0;
        this.pure = false;
        this.cost = 1;
        this.height = 1;
    }

    /** A leaf. */
    CExpr(byte leaf, int arg) {
        this.leaf = leaf;
        this.arg = arg;
        this.pure = true;
        this.cost = 1;
        this.height = 1;
    }

    /** An inner node, pure when {@code pure} and all its (non-null) children are. */
    CExpr(boolean pure, CExpr... children) {
        boolean p = pure;
        int n = 1;
        int h = 0;
        for (CExpr k : children) {
            if (k != null) {
                p &= k.pure;
                n += k.cost;
                h = Math.max(h, k.height);
            }
        }
        this.leaf = INNER;
        this.arg = 0;
        this.pure = p;
        this.cost = n;
        this.height = h + 1;
    }

    /** Whether this is a leaf read in place. */
    final boolean isLeaf() {
        return leaf != INNER;
    }

    /** The value of the expression in {@code c}. */
    final int eval(Ctx c) {
        c.tick();
        if (leaf != INNER) {
            if (c.depth >= Ctx.MAX_NESTING) {
                throw new EvalError(RuntimeError.NESTING_TOO_DEEP, -1, Ctx.MAX_NESTING, 0, 0);
            }
            return leaf == CONST ? arg : leaf == GLOBAL ? c.g[arg] : c.f[c.fb + arg];
        }
        if (++c.depth > Ctx.MAX_NESTING) {
            throw new EvalError(RuntimeError.NESTING_TOO_DEEP, -1, Ctx.MAX_NESTING, 0, 0);
        }
        int v = run(c);
        c.depth--;
        return v;
    }

    /** The node's own work. */
    abstract int run(Ctx c);

    /** The value of a pure subtree without budget checks (its fuel is accounted by the {@link FastRoot}). */
    final int fast(Ctx c) {
        if (leaf != INNER) {
            return leaf == CONST ? arg : leaf == GLOBAL ? c.g[arg] : c.f[c.fb + arg];
        }
        return fastRun(c);
    }

    /** {@link #run} with the children evaluated by {@link #fast}; only pure nodes have it. */
    int fastRun(Ctx c) {
        throw new IllegalStateException("not a pure node: " + getClass().getSimpleName());
    }

    /** An integer literal. */
    static final class Const extends CExpr {
        final int value;

        Const(int value) {
            super(CONST, value);
            this.value = value;
        }

        @Override
        int run(Ctx c) {
            return value;
        }
    }

    /** The running thread's id. */
    static final class Self extends CExpr {
        Self() {
            super(true);
        }

        @Override
        int run(Ctx c) {
            return c.thread;
        }

        @Override
        int fastRun(Ctx c) {
            return c.thread;
        }
    }

    /** A global slot at a fixed offset. */
    static final class GlobalLoad extends CExpr {
        final int at;

        GlobalLoad(int at) {
            super(GLOBAL, at);
            this.at = at;
        }

        @Override
        int run(Ctx c) {
            return c.g[at];
        }
    }

    /** A slot of the running frame at a fixed offset. */
    static final class LocalLoad extends CExpr {
        final int at;

        LocalLoad(int at) {
            super(LOCAL, at);
            this.at = at;
        }

        @Override
        int run(Ctx c) {
            return c.f[c.fb + at];
        }
    }

    /** Any other place. */
    static final class Load extends CExpr {
        final CPlace place;

        Load(CPlace place) {
            this.place = place;
        }

        @Override
        int run(Ctx c) {
            int a = place.addr(c);
            return place.array(c)[a];
        }
    }

    /** An element of an array at a fixed place ({@link CPlace.FixedElem}), loaded without a call for the address. */
    static final class ElemLoad extends CExpr {
        final boolean global;
        final int at;
        final CExpr index;
        final CPlace.Shape s;

        ElemLoad(CPlace.FixedElem p) {
            super(true, p.index);
            this.global = p.global;
            this.at = p.at;
            this.index = p.index;
            this.s = p.s;
        }

        @Override
        int run(Ctx c) {
            return at(index.eval(c), c);
        }

        @Override
        int fastRun(Ctx c) {
            return at(index.fast(c), c);
        }

        private int at(int v, Ctx c) {
            int k = CPlace.element(v, s.lo(), s.count(), s.nullable(), s.site());
            return global ? c.g[at + k * s.stride()] : c.f[c.fb + at + k * s.stride()];
        }
    }

    /** {@code c ? a : b}. */
    static final class Cond extends CExpr {
        final CExpr cond;
        final CExpr then;
        final CExpr otherwise;

        Cond(CExpr cond, CExpr then, CExpr otherwise) {
            super(true, cond, then, otherwise);
            this.cond = cond;
            this.then = then;
            this.otherwise = otherwise;
        }

        @Override
        int run(Ctx c) {
            return cond.eval(c) != 0 ? then.eval(c) : otherwise.eval(c);
        }

        @Override
        int fastRun(Ctx c) {
            if (cond.fast(c) != 0) {
                c.fuel -= otherwise.cost;
                return then.fast(c);
            }
            c.fuel -= then.cost;
            return otherwise.fast(c);
        }
    }

    /** {@code 1 << (value - lo)} for a member of a finite type. */
    static final class ToMask extends CExpr {
        final CExpr value;
        final int lo;
        final int count;
        final int site;

        ToMask(CExpr value, int lo, int count, int site) {
            super(true, value);
            this.value = value;
            this.lo = lo;
            this.count = count;
            this.site = site;
        }

        @Override
        int run(Ctx c) {
            return mask(value.eval(c));
        }

        @Override
        int fastRun(Ctx c) {
            return mask(value.fast(c));
        }

        private int mask(int v) {
            int k = v - lo;
            if (k < 0 || k >= count || k >= 32) {
                throw new EvalError(RuntimeError.NOT_A_MEMBER, site, v, lo, lo + count - 1);
            }
            return 1 << k;
        }
    }

    /** {@code -x}, checked. */
    static final class Neg extends CExpr {
        final CExpr operand;
        final int site;

        Neg(CExpr operand, int site) {
            super(true, operand);
            this.operand = operand;
            this.site = site;
        }

        @Override
        int run(Ctx c) {
            return negate(operand.eval(c));
        }

        @Override
        int fastRun(Ctx c) {
            return negate(operand.fast(c));
        }

        private int negate(int v) {
            if (v == Integer.MIN_VALUE) {
                throw new EvalError(RuntimeError.OVERFLOW, site);
            }
            return -v;
        }
    }

    /** {@code !x}. */
    static final class Not extends CExpr {
        final CExpr operand;

        Not(CExpr operand) {
            super(true, operand);
            this.operand = operand;
        }

        @Override
        int run(Ctx c) {
            return operand.eval(c) == 0 ? 1 : 0;
        }

        @Override
        int fastRun(Ctx c) {
            return operand.fast(c) == 0 ? 1 : 0;
        }
    }

    /** The number of members of a set. */
    static final class BitCount extends CExpr {
        final CExpr operand;

        BitCount(CExpr operand) {
            super(true, operand);
            this.operand = operand;
        }

        @Override
        int run(Ctx c) {
            return Integer.bitCount(operand.eval(c));
        }

        @Override
        int fastRun(Ctx c) {
            return Integer.bitCount(operand.fast(c));
        }
    }

    /** An operator the interpreter rejects when it meets it: so does the compiled node, at the same point. */
    static final class Unsupported extends CExpr {
        final CExpr left;
        final CExpr right;
        final String what;

        Unsupported(CExpr left, CExpr right, String what) {
            this.left = left;
            this.right = right;
            this.what = what;
        }

        @Override
        int run(Ctx c) {
            left.eval(c);
            if (right != null) {
                right.eval(c);
            }
            throw new IllegalStateException(what);
        }
    }
}
