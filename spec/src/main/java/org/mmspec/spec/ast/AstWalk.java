package org.mmspec.spec.ast;

import java.util.function.Consumer;

/** Visits every sub-expression or statement of a tree (depth bounded by the parser's limits). */
public final class AstWalk {

    private AstWalk() {
    }

    /** Calls {@code f} on {@code e} and each of its sub-expressions, parents first. */
    public static void exprs(Expr e, Consumer<Expr> f) {
        f.accept(e);
        switch (e) {
            case Expr.Call c -> c.args().forEach(a -> exprs(a, f));
            case Expr.Field x -> exprs(x.target(), f);
            case Expr.Index x -> {
                exprs(x.target(), f);
                exprs(x.index(), f);
            }
            case Expr.Unary u -> exprs(u.operand(), f);
            case Expr.Binary b -> {
                exprs(b.left(), f);
                exprs(b.right(), f);
            }
            case Expr.Conditional c -> {
                exprs(c.cond(), f);
                exprs(c.then(), f);
                exprs(c.otherwise(), f);
            }
            case Expr.Quantified q -> {
                domainExprs(q.domain(), f);
                exprs(q.body(), f);
            }
            case Expr.SetLit s -> s.elems().forEach(a -> exprs(a, f));
            default -> {
            }
        }
    }

    private static void domainExprs(Domain d, Consumer<Expr> f) {
        switch (d) {
            case Domain.Range r -> {
                exprs(r.lo(), f);
                exprs(r.hi(), f);
            }
            case Domain.Of o -> exprs(o.expr(), f);
            case Domain.Bools b -> {
            }
        }
    }

    /** Calls {@code onStmt} on every statement under {@code s} (parents first) and {@code onExpr} on every expression. */
    public static void stmts(Stmt s, Consumer<Stmt> onStmt, Consumer<Expr> onExpr) {
        onStmt.accept(s);
        switch (s) {
            case Stmt.Labeled l -> stmts(l.body(), onStmt, onExpr);
            case Stmt.Block b -> b.stmts().forEach(x -> stmts(x, onStmt, onExpr));
            case Stmt.LocalDecl d -> d.vars().forEach(v -> {
                v.dims().forEach(x -> exprs(x, onExpr));
                if (v.init() != null) {
                    exprs(v.init(), onExpr);
                }
            });
            case Stmt.If i -> {
                i.conds().forEach(c -> exprs(c, onExpr));
                i.thens().forEach(t -> stmts(t, onStmt, onExpr));
                if (i.otherwise() != null) {
                    stmts(i.otherwise(), onStmt, onExpr);
                }
            }
            case Stmt.While w -> {
                exprs(w.cond(), onExpr);
                stmts(w.body(), onStmt, onExpr);
            }
            case Stmt.For x -> {
                domainExprs(x.domain(), onExpr);
                stmts(x.body(), onStmt, onExpr);
            }
            case Stmt.Either e -> e.branches().forEach(b -> stmts(b, onStmt, onExpr));
            case Stmt.With w -> {
                domainExprs(w.domain(), onExpr);
                stmts(w.body(), onStmt, onExpr);
            }
            case Stmt.Await a -> exprs(a.cond(), onExpr);
            case Stmt.Ghost g -> stmts(g.body(), onStmt, onExpr);
            case Stmt.Assert a -> exprs(a.cond(), onExpr);
            case Stmt.Return r -> {
                if (r.value() != null) {
                    exprs(r.value(), onExpr);
                }
            }
            case Stmt.Assign a -> {
                exprs(a.target(), onExpr);
                exprs(a.value(), onExpr);
            }
            case Stmt.Step x -> exprs(x.target(), onExpr);
            case Stmt.ExprStmt x -> exprs(x.expr(), onExpr);
            case Stmt.Break b -> {
            }
            case Stmt.Continue c -> {
            }
            case Stmt.Empty e -> {
            }
        }
    }

    /** The variable a place expression ({@code a[i].f}) is rooted at, or null when it is not a place. */
    public static Ident placeRoot(Expr e) {
        Expr cur = e;
        while (true) {
            switch (cur) {
                case Expr.Name n -> {
                    return n.name();
                }
                case Expr.Field f -> cur = f.target();
                case Expr.Index i -> cur = i.target();
                default -> {
                    return null;
                }
            }
        }
    }
}
