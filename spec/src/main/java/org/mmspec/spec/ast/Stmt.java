package org.mmspec.spec.ast;

import java.util.List;
import org.mmspec.spec.diag.SourceSpan;

/** Statements of procedure bodies and scenario {@code init} blocks. */
public sealed interface Stmt {

    SourceSpan span();

    /** {@code label: stmt}: an atomic step begins here (PlusCal style). */
    record Labeled(SourceSpan span, Ident label, Stmt body) implements Stmt {
    }

    record Block(SourceSpan span, List<Stmt> stmts) implements Stmt {
    }

    record LocalDecl(SourceSpan span, TypeNode type, List<Declarator> vars) implements Stmt {
    }

    /** {@code if (c0) b0 else if (c1) b1 ... else otherwise}; {@code otherwise} may be null. */
    record If(SourceSpan span, List<Expr> conds, List<Block> thens, Block otherwise) implements Stmt {
    }

    record While(SourceSpan span, Expr cond, Block body) implements Stmt {
    }

    record For(SourceSpan span, Ident var, Domain domain, Block body) implements Stmt {
    }

    /** Nondeterministic choice between the branches. */
    record Either(SourceSpan span, List<Block> branches) implements Stmt {
    }

    /** Nondeterministic choice of a value for {@code var} from the domain. */
    record With(SourceSpan span, Ident var, Domain domain, Block body) implements Stmt {
    }

    /** {@code ghost { ... }}: the model's own bookkeeping; the atomicity audit does not see its accesses. */
    record Ghost(SourceSpan span, Block body) implements Stmt {
    }

    record Await(SourceSpan span, Expr cond) implements Stmt {
    }

    /** {@code assert cond, "message"}; message may be null. */
    record Assert(SourceSpan span, Expr cond, String message) implements Stmt {
    }

    /** {@code return value}; value may be null. */
    record Return(SourceSpan span, Expr value) implements Stmt {
    }

    record Break(SourceSpan span) implements Stmt {
    }

    record Continue(SourceSpan span) implements Stmt {
    }

    record Empty(SourceSpan span) implements Stmt {
    }

    /** {@code target op value}. */
    record Assign(SourceSpan span, Expr target, AssignOp op, Expr value) implements Stmt {
    }

    /** {@code target++} or {@code target--}. */
    record Step(SourceSpan span, Expr target, boolean increment) implements Stmt {
    }

    /** An expression standing alone: must be a call. */
    record ExprStmt(SourceSpan span, Expr expr) implements Stmt {
    }

    /** The assignment operators. */
    enum AssignOp {
        SET("="), ADD("+="), SUB("-="), OR("|="), AND("&=");

        private final String symbol;

        AssignOp(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }
}
