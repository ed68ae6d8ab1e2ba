package org.mmspec.spec.eval;

/**
 * The top of a pure subtree ({@link CExpr#pure}), standing in for its root node: the parent's
 * {@link CExpr#eval} accounts for the root as for any node; then, when no budget can run out inside the
 * subtree — its remaining {@code cost - 1} units of fuel reach neither {@link Ctx#FUEL} nor a multiple of
 * {@link Ctx#DEADLINE_POLL}, and its {@code height - 1} levels stay within {@link Ctx#MAX_NESTING} — the
 * subtree's fuel is charged at once and it runs without per-node checks ({@link CExpr#fastRun}), a branch
 * not taken giving its cost back, so the fuel afterwards is what node-by-node accounting gives. Otherwise,
 * or when the subtree fails (an index out of range, an overflow), it runs again node by node from the fuel
 * it started with: a pure subtree writes nothing, so the rerun ends in the same error with the same fuel
 * and nesting as the interpreter.
 */
final class FastRoot extends CExpr {

    final CExpr inner;
    final long rest;
    final int levels;

    private FastRoot(CExpr inner) {
        this.inner = inner;
        this.rest = inner.cost - 1L;
        this.levels = inner.height - 1;
    }

    /** {@code e} behind a fast root when it is a pure subtree of more than one node; else {@code e}. */
    static CExpr of(CExpr e) {
        return e.pure && !e.isLeaf() && e.cost > 1 ? new FastRoot(e) : e;
    }

    @Override
    int run(Ctx c) {
        long before = c.fuel;
        if (before + rest >= Ctx.stop(before) || c.depth + levels > Ctx.MAX_NESTING) {
            return inner.run(c);
        }
        c.fuel = before + rest;
        try {
            return inner.fastRun(c);
        } catch (EvalError e) {
            c.fuel = before;
            return inner.run(c);
        }
    }
}
