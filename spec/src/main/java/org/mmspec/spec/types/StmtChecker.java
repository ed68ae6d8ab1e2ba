package org.mmspec.spec.types;

import org.mmspec.spec.ast.Declarator;
import org.mmspec.spec.ast.Expr;
import org.mmspec.spec.ast.Stmt;
import org.mmspec.spec.diag.DiagnosticCode;
import org.mmspec.spec.diag.Diagnostics;
import org.mmspec.spec.resolve.Symbol;

/** Checks statements of procedure bodies and init blocks. */
final class StmtChecker {

    private static final Type BOOL = new Type.Bool();

    private final ExprChecker exprs;
    private final Diagnostics diagnostics;

    StmtChecker(ExprChecker exprs) {
        this.exprs = exprs;
        this.diagnostics = exprs.diagnostics;
    }

    void block(Stmt.Block b, Env env) {
        env.push();
        for (Stmt s : b.stmts()) {
            stmt(s, env);
        }
        env.pop();
    }

    private void stmt(Stmt s, Env env) {
        switch (s) {
            case Stmt.Labeled l -> {
                if (!env.inProcedure()) {
                    diagnostics.error(DiagnosticCode.NOT_ALLOWED_HERE, l.label().span(), "a label",
                            ExprChecker.where(env));
                } else if (!env.labels.add(l.label().text())) {
                    diagnostics.error(DiagnosticCode.DUPLICATE_LABEL, l.label().span(), l.label().text(), env.procName);
                }
                stmt(l.body(), env);
            }
            case Stmt.Block b -> block(b, env);
            case Stmt.LocalDecl d -> localDecl(d, env);
            case Stmt.If i -> {
                i.conds().forEach(c -> exprs.expect(c, env, BOOL));
                i.thens().forEach(t -> block(t, env));
                if (i.otherwise() != null) {
                    block(i.otherwise(), env);
                }
            }
            case Stmt.While w -> {
                exprs.expect(w.cond(), env, BOOL);
                loop(w.body(), env);
            }
            case Stmt.For f -> binder(f, f.var(), f.domain(), f.body(), env, true);
            case Stmt.Either e -> {
                procedureOnly(env, e.span(), "'either'");
                e.branches().forEach(b -> block(b, env));
            }
            case Stmt.With w -> {
                procedureOnly(env, w.span(), "'with'");
                binder(w, w.var(), w.domain(), w.body(), env, false);
            }
            case Stmt.Ghost g -> ghost(g, env);
            case Stmt.Await a -> {
                procedureOnly(env, a.span(), "'await'");
                exprs.expect(a.cond(), env, BOOL);
            }
            case Stmt.Assert a -> exprs.expect(a.cond(), env, BOOL);
            case Stmt.Return r -> returnStmt(r, env);
            case Stmt.Break b -> {
                if (env.loops == 0) {
                    diagnostics.error(DiagnosticCode.OUTSIDE_LOOP, b.span(), "break");
                }
            }
            case Stmt.Continue c -> {
                if (env.loops == 0) {
                    diagnostics.error(DiagnosticCode.OUTSIDE_LOOP, c.span(), "continue");
                }
            }
            case Stmt.Empty e -> {
            }
            case Stmt.Assign a -> new AssignRules(exprs).assign(a, env);
            case Stmt.Step x -> {
                Type t = new AssignRules(exprs).target(x.target(), env);
                if (!(t instanceof Type.Int) && !TypeRules.isError(t)) {
                    diagnostics.error(DiagnosticCode.BAD_OPERAND, x.span(), x.increment() ? "++" : "--", t.show());
                }
            }
            case Stmt.ExprStmt x -> {
                if (x.expr() instanceof Expr.Call c) {
                    exprs.checkStatementCall(c, env);
                } else {
                    exprs.check(x.expr(), env);
                    diagnostics.error(DiagnosticCode.NOT_A_STATEMENT, x.span());
                }
            }
        }
    }

    /**
     * A ghost block runs to its end inside the step: no labels, waits, choices, locks, returns, calls of
     * procedures with steps, and no break or continue out of it.
     */
    private void ghost(Stmt.Ghost g, Env env) {
        procedureOnly(env, g.span(), "'ghost'");
        org.mmspec.spec.ast.AstWalk.stmts(g.body(), s -> {
            String what = switch (s) {
                case Stmt.Labeled l -> "a label";
                case Stmt.Await a -> "'await'";
                case Stmt.Either e -> "'either'";
                case Stmt.With w -> "'with'";
                case Stmt.Return r -> "'return'";
                default -> null;
            };
            if (what != null) {
                diagnostics.error(DiagnosticCode.NOT_ALLOWED_HERE, s.span(), what, "a ghost block");
            }
        }, e -> ghostCall(e));
        int loops = env.loops;
        env.loops = 0;
        block(g.body(), env);
        env.loops = loops;
    }

    private void ghostCall(Expr e) {
        if (!(e instanceof Expr.Call c)) {
            return;
        }
        Symbol s = exprs.out.scope().lookup(c.callee().text());
        if (s instanceof Symbol.Proc p && exprs.out.calls().hasSteps(p.name())) {
            diagnostics.error(DiagnosticCode.NOT_ALLOWED_HERE, c.span(), "calling '" + p.name()
                    + "' (it has atomic steps)", "a ghost block");
        } else if (s instanceof Symbol.BuiltinFn b && b.builtin().locking()) {
            diagnostics.error(DiagnosticCode.NOT_ALLOWED_HERE, c.span(), "'" + b.builtin().spelling() + "'", "a ghost block");
        }
    }

    private void loop(Stmt.Block body, Env env) {
        env.loops++;
        block(body, env);
        env.loops--;
    }

    private void binder(Stmt s, org.mmspec.spec.ast.Ident var, org.mmspec.spec.ast.Domain domain, Stmt.Block body,
            Env env, boolean isLoop) {
        DomainInfo d = exprs.domain(domain, env);
        env.push();
        Symbol.Local l = exprs.declareOrReport(env, var.text(), var.span(), d == null ? new Type.Error() : d.elem());
        exprs.out.locals.put(s, l);
        if (isLoop && d != null && d.kind() != DomainInfo.Kind.LIST) {
            exprs.out.noteThreadIds(d.elem(), env, s instanceof Stmt.For f ? f.span() : var.span(),
                    "for loop over thread ids in id order");
        }
        if (isLoop) {
            exprs.out.forIndex.put((Stmt.For) s, env.hidden("#" + var.text(), var.span(), Type.Int.ANY));
            loop(body, env);
        } else {
            block(body, env);
        }
        env.pop();
    }

    private void procedureOnly(Env env, org.mmspec.spec.diag.SourceSpan span, String what) {
        if (!env.inProcedure()) {
            diagnostics.error(DiagnosticCode.NOT_ALLOWED_HERE, span, what, ExprChecker.where(env));
        }
    }

    private void returnStmt(Stmt.Return r, Env env) {
        if (!env.inProcedure()) {
            diagnostics.error(DiagnosticCode.NOT_ALLOWED_HERE, r.span(), "'return'", ExprChecker.where(env));
            return;
        }
        boolean isVoid = env.returnType instanceof Type.Void;
        if (r.value() == null) {
            if (!isVoid) {
                diagnostics.error(DiagnosticCode.BAD_RETURN, r.span(),
                        "'" + env.procName + "' returns " + env.returnType.show() + "; a value is missing");
            }
            return;
        }
        if (isVoid) {
            diagnostics.error(DiagnosticCode.BAD_RETURN, r.value().span(),
                    "'" + env.procName + "' returns void; remove the value");
            exprs.check(r.value(), env);
            return;
        }
        if (r.value() instanceof Expr.Call c) {
            Type t = exprs.checkStatementCall(c, env);
            if (t instanceof Type.Void) {
                diagnostics.error(DiagnosticCode.VOID_VALUE, c.span(), c.callee().text());
            } else if (!TypeRules.assignable(env.returnType, t)) {
                diagnostics.error(DiagnosticCode.TYPE_MISMATCH, c.span(), env.returnType.show(), t.show());
            }
            exprs.out.locals.put(r, env.hidden("#return", r.span(), env.returnType));
            return;
        }
        exprs.expect(r.value(), env, env.returnType);
    }

    private void localDecl(Stmt.LocalDecl d, Env env) {
        Type base = exprs.typeResolver.resolve(d.type());
        for (Declarator v : d.vars()) {
            Type t = exprs.typeResolver.withDims(base, v.dims());
            if (containsLock(t)) {
                diagnostics.error(DiagnosticCode.NOT_ALLOWED_HERE, v.span(), "a lock", ExprChecker.where(env)
                        + " (locks are global)");
                t = new Type.Error();
            }
            if (v.init() != null) {
                new AssignRules(exprs).initializer(v.init(), t, env, false);
            } else {
                exprs.out.noteThreadIds(t, env, v.span(), "local " + v.name().text() + " starts as thread 0");
            }
            exprs.out.locals.put(v, exprs.declareOrReport(env, v.name().text(), v.name().span(), t));
        }
    }

    static boolean containsLock(Type t) {
        return t instanceof Type.Lock || t instanceof Type.Array a && containsLock(a.elem());
    }
}
