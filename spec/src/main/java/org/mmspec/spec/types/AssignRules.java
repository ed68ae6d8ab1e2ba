package org.mmspec.spec.types;

import org.mmspec.spec.ast.Expr;
import org.mmspec.spec.ast.Stmt;
import org.mmspec.spec.diag.DiagnosticCode;
import org.mmspec.spec.resolve.Symbol;

/** Typing of assignments, compound assignments and initialisers. */
final class AssignRules {

    private final ExprChecker c;

    AssignRules(ExprChecker c) {
        this.c = c;
    }

    /** Checks an assignment target; returns its type. */
    Type target(Expr e, Env env) {
        Type t = c.check(e, env);
        if (TypeRules.isError(t)) {
            return t;
        }
        if (!c.isPlace(e)) {
            String what = e instanceof Expr.Name n && c.out.refs.get(n) instanceof Symbol s
                    ? s.kind() + " '" + n.name().text() + "'" : "this expression";
            c.diagnostics.error(DiagnosticCode.NOT_ASSIGNABLE, e.span(), what);
            return new Type.Error();
        }
        if (StmtChecker.containsLock(t)) {
            c.diagnostics.error(DiagnosticCode.NOT_ASSIGNABLE, e.span(), "a lock (use lock/unlock)");
            return new Type.Error();
        }
        return t;
    }

    void assign(Stmt.Assign a, Env env) {
        Type t = target(a.target(), env);
        switch (a.op()) {
            case SET -> initializer(a.value(), t, env, false);
            case ADD, SUB -> {
                Type v = c.check(a.value(), env);
                v = t instanceof Type.SetOf set ? c.literalAs(v, a.value(), set.elem(), env) : v;
                boolean ok = TypeRules.isError(t) || TypeRules.isError(v)
                        || t instanceof Type.Int && v instanceof Type.Int
                        || t instanceof Type.SetOf s && (TypeRules.assignable(s.elem(), v) || TypeRules.assignable(t, v));
                bad(ok, a, t, v);
            }
            case OR, AND -> {
                Type v = c.check(a.value(), env);
                v = t instanceof Type.SetOf set ? c.literalAs(v, a.value(), set.elem(), env) : v;
                Type elem = TypeRules.setElem(v);
                boolean ok = TypeRules.isError(t) || TypeRules.isError(v)
                        || t instanceof Type.SetOf s && elem != null && TypeRules.comparable(s.elem(), elem);
                bad(ok, a, t, v);
            }
        }
    }

    private void bad(boolean ok, Stmt.Assign a, Type t, Type v) {
        if (!ok) {
            c.diagnostics.error(DiagnosticCode.BAD_OPERANDS, a.span(), a.op().symbol(), t.show(), v.show());
        }
    }

    /**
     * A value stored into a slot of type {@code t}: a step call, a scalar (broadcast into arrays when
     * {@code broadcast}), or for aggregates a place of the same type.
     */
    void initializer(Expr value, Type t, Env env, boolean broadcast) {
        Type v = value instanceof Expr.Call call ? c.checkStatementCall(call, env) : c.check(value, env);
        if (value instanceof Expr.Call && v instanceof Type.Void) {
            c.diagnostics.error(DiagnosticCode.VOID_VALUE, value.span(), ((Expr.Call) value).callee().text());
            return;
        }
        v = c.literalAs(v, value, t, env);
        Type want = t;
        if (broadcast) {
            while (want instanceof Type.Array arr && !TypeRules.assignable(want, v)) {
                want = arr.elem();
            }
        }
        if (!TypeRules.assignable(want, v)) {
            c.diagnostics.error(DiagnosticCode.TYPE_MISMATCH, value.span(), want.show(), v.show());
        } else if (!want.scalar() && !TypeRules.isError(v) && !c.isPlace(value)) {
            c.diagnostics.error(DiagnosticCode.AGGREGATE_NOT_PLACE, value.span(), want.show());
        }
    }
}
