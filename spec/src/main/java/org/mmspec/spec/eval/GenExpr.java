package org.mmspec.spec.eval;

/**
 * An expression evaluated on its own (an invariant's body) compiled to JVM bytecode ({@link ProcGen#root}):
 * the top node's own work ({@link CExpr#run}) with its operands generated ({@link ExprGen}). A hidden class of
 * this package, made once per compiled program and immutable.
 */
abstract class GenExpr {

    /** The top node's {@link CExpr#run}. */
    abstract int run(Ctx c);

    /** The compiled node standing for the top node: accounted as it, running the generated code. */
    static final class Root extends CExpr {
        private final GenExpr code;

        Root(GenExpr code) {
            this.code = code;
        }

        @Override
        int run(Ctx c) {
            return code.run(c);
        }
    }
}
