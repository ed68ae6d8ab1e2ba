package org.mmspec.spec.types;

import java.util.ArrayList;
import java.util.List;
import org.mmspec.spec.ast.Domain;
import org.mmspec.spec.ast.Expr;
import org.mmspec.spec.diag.DiagnosticCode;
import org.mmspec.spec.diag.Diagnostics;
import org.mmspec.spec.diag.Hints;
import org.mmspec.spec.diag.SourceSpan;
import org.mmspec.spec.resolve.Symbol;

/** Resolves names in and types every expression, recording both in the {@link CheckedProgram}. */
final class ExprChecker {

    private static final Type BOOL = new Type.Bool();
    private static final Type ERROR = new Type.Error();

    final CheckedProgram out;
    final Diagnostics diagnostics;
    final ConstEvaluator consts;
    final TypeResolver typeResolver;
    private final BuiltinChecker builtins;
    private final DomainChecker domains;

    ExprChecker(CheckedProgram out, Diagnostics diagnostics, ConstEvaluator consts, TypeResolver types) {
        this.out = out;
        this.diagnostics = diagnostics;
        this.consts = consts;
        this.typeResolver = types;
        this.builtins = new BuiltinChecker(this);
        this.domains = new DomainChecker(this);
    }

    /** Checks {@code e} where a value of type {@code want} is needed. */
    Type expect(Expr e, Env env, Type want) {
        Type t = check(e, env);
        if (want instanceof Type.Id && e instanceof Expr.IntLit) {
            literalAs(t, e, want, env);
            return want;
        }
        if (!TypeRules.assignable(want, t)) {
            diagnostics.error(DiagnosticCode.TYPE_MISMATCH, e.span(), want.show(), t.show());
        }
        return t;
    }

    /**
     * {@link TypeRules#literalAs}, noting an integer literal that stands for a thread id
     * ({@link CheckedProgram#threadIdUses}).
     */
    Type literalAs(Type t, Expr e, Type want, Env env) {
        if (want instanceof Type.Id && e instanceof Expr.IntLit lit) {
            out.noteThreadIds(want, env, e.span(), "thread id literal " + lit.value());
        }
        return TypeRules.literalAs(t, e, want);
    }

    /** Checks an expression in value position (no step calls, no effects). */
    Type check(Expr e, Env env) {
        Type t = compute(e, env, false);
        out.types.put(e, t);
        return t;
    }

    /** Checks the right-hand side of an assignment or a call statement: step calls and effects allowed. */
    Type checkStatementCall(Expr.Call c, Env env) {
        Type t = call(c, env, true);
        out.types.put(c, t);
        return t;
    }

    private Type compute(Expr e, Env env, boolean statement) {
        return switch (e) {
            case Expr.IntLit i -> Type.Int.ANY;
            case Expr.BoolLit b -> BOOL;
            case Expr.NullLit n -> new Type.Null();
            case Expr.Self s -> {
                if (!env.hasThread()) {
                    diagnostics.error(DiagnosticCode.NOT_IN_PROCEDURE, s.span(), "self");
                    yield ERROR;
                }
                yield new Type.Id(Type.IdKind.THREAD);
            }
            case Expr.Name n -> name(n, env);
            case Expr.Call c -> call(c, env, statement);
            case Expr.Field f -> field(f, env);
            case Expr.Index x -> index(x, env);
            case Expr.Unary u -> unary(u, env);
            case Expr.Binary b -> new BinaryRules(this).binary(b, env);
            case Expr.Conditional c -> conditional(c, env);
            case Expr.Quantified q -> quantified(q, env);
            case Expr.SetLit s -> setLiteral(s, env);
        };
    }

    private Type name(Expr.Name n, Env env) {
        String name = n.name().text();
        Symbol.Local local = env.find(name);
        if (local != null) {
            out.refs.put(n, local);
            return local.type();
        }
        Symbol s = out.scope.lookup(name);
        if (s == null) {
            List<String> known = new ArrayList<>(out.scope.allNames());
            known.addAll(env.visibleNames());
            diagnostics.errorWithHints(DiagnosticCode.UNKNOWN_NAME, n.span(), Hints.didYouMean(name, known), name);
            return ERROR;
        }
        out.refs.put(n, s);
        return switch (s) {
            case Symbol.Global g -> out.globalTypes.getOrDefault(name, ERROR);
            case Symbol.Const c -> {
                ConstValue v = consts.constant(c);
                yield v == null ? ERROR : v.type();
            }
            case Symbol.EnumMember m -> enumType(m.enumName());
            case Symbol.BuiltinConst b -> b.type();
            default -> {
                diagnostics.error(DiagnosticCode.NOT_A_VALUE, n.span(), name, s.kind());
                yield ERROR;
            }
        };
    }

    Type enumType(String enumName) {
        Symbol s = out.scope.lookup(enumName);
        if (s instanceof Symbol.TypeName tn) {
            return typeResolver.resolve(new org.mmspec.spec.ast.TypeNode.NamedType(tn.span(),
                    new org.mmspec.spec.ast.Ident(enumName, tn.span())));
        }
        return ERROR;
    }

    private Type call(Expr.Call c, Env env, boolean statement) {
        String name = c.callee().text();
        Symbol s = out.scope.lookup(name);
        if (s instanceof Symbol.BuiltinFn b) {
            out.refs.put(c, b);
            return builtins.check(c, b.builtin(), env, statement);
        }
        if (!(s instanceof Symbol.Proc p)) {
            List<String> procs = new ArrayList<>(out.procs.keySet());
            for (org.mmspec.spec.types.Builtin b : org.mmspec.spec.types.Builtin.values()) {
                procs.add(b.spelling());
            }
            diagnostics.errorWithHints(DiagnosticCode.UNKNOWN_PROCEDURE, c.callee().span(),
                    Hints.didYouMean(name, procs), name);
            c.args().forEach(a -> check(a, env));
            return ERROR;
        }
        out.refs.put(c, p);
        ProcInfo info = out.procs.get(name);
        if (!statement && !info.function()) {
            diagnostics.error(DiagnosticCode.STEP_CALL_IN_EXPRESSION, c.span(), name, name);
        } else if (env.kind != Env.Kind.PROCEDURE && info.hasSteps()) {
            diagnostics.error(DiagnosticCode.NOT_ALLOWED_HERE, c.span(),
                    "calling '" + name + "' (it has atomic steps)", where(env));
        }
        if (c.args().size() != info.paramTypes().size()) {
            diagnostics.error(DiagnosticCode.WRONG_ARG_COUNT, c.span(), name, info.paramTypes().size(),
                    c.args().size());
            c.args().forEach(a -> check(a, env));
            return info.returnType() instanceof Type.Void ? ERROR : info.returnType();
        }
        for (int i = 0; i < c.args().size(); i++) {
            argument(c.args().get(i), env, info.paramTypes().get(i));
        }
        if (!statement && info.returnType() instanceof Type.Void) {
            diagnostics.error(DiagnosticCode.VOID_VALUE, c.span(), name);
            return ERROR;
        }
        return info.returnType();
    }

    /** An argument for a parameter of type {@code want}; aggregates must be places. */
    void argument(Expr arg, Env env, Type want) {
        Type t = expect(arg, env, want);
        if (!want.scalar() && !TypeRules.isError(t) && !isPlace(arg)) {
            diagnostics.error(DiagnosticCode.AGGREGATE_NOT_PLACE, arg.span(), want.show());
        }
    }

    static String where(Env env) {
        return switch (env.kind) {
            case PROCEDURE -> "a procedure";
            case INIT -> "an init block";
            case INVARIANT -> "an invariant";
            case THREAD_ARGS -> "a thread argument";
            case ANNOTATION -> "a discipline annotation";
        };
    }

    private Type field(Expr.Field f, Env env) {
        Type t = check(f.target(), env);
        if (TypeRules.isError(t)) {
            return ERROR;
        }
        if (!(t instanceof Type.Record r)) {
            diagnostics.error(DiagnosticCode.NO_FIELDS, f.span(), t.show());
            return ERROR;
        }
        Type.Field field = r.field(f.field().text());
        if (field == null) {
            diagnostics.errorWithHints(DiagnosticCode.UNKNOWN_FIELD, f.field().span(),
                    Hints.didYouMean(f.field().text(), r.fields().stream().map(Type.Field::name).toList()),
                    "record " + r.name(), f.field().text());
            return ERROR;
        }
        return field.type();
    }

    private Type index(Expr.Index x, Env env) {
        Type t = check(x.target(), env);
        switch (t) {
            case Type.Array a -> {
                expect(x.index(), env, a.index());
                return a.elem();
            }
            case Type.ListOf l -> {
                expect(x.index(), env, Type.Int.ANY);
                return l.elem();
            }
            case Type.Error e -> {
                check(x.index(), env);
                return ERROR;
            }
            default -> {
                diagnostics.error(DiagnosticCode.NOT_INDEXABLE, x.target().span(), t.show());
                check(x.index(), env);
                return ERROR;
            }
        }
    }

    private Type unary(Expr.Unary u, Env env) {
        Type t = check(u.operand(), env);
        if (TypeRules.isError(t)) {
            return ERROR;
        }
        boolean ok = switch (u.op()) {
            case NEG -> t instanceof Type.Int;
            case NOT -> t instanceof Type.Bool;
            case COMPLEMENT -> TypeRules.setElem(t) != null;
        };
        if (!ok) {
            diagnostics.error(DiagnosticCode.BAD_OPERAND, u.span(), u.op().symbol(), t.show());
            return ERROR;
        }
        return switch (u.op()) {
            case NEG -> Type.Int.ANY;
            case NOT -> BOOL;
            case COMPLEMENT -> new Type.SetOf(TypeRules.setElem(t));
        };
    }

    private Type conditional(Expr.Conditional c, Env env) {
        expect(c.cond(), env, BOOL);
        Type a = check(c.then(), env);
        Type b = check(c.otherwise(), env);
        if (!a.scalar() || !b.scalar()) {
            diagnostics.error(DiagnosticCode.NON_SCALAR, c.span(), "each branch of '?:'", a.scalar() ? b.show() : a.show());
            return ERROR;
        }
        if (TypeRules.assignable(a, b)) {
            return a instanceof Type.Null ? b : a instanceof Type.Int ? Type.Int.ANY : a;
        }
        if (TypeRules.assignable(b, a)) {
            return b;
        }
        diagnostics.error(DiagnosticCode.TYPE_MISMATCH, c.otherwise().span(), a.show(), b.show());
        return ERROR;
    }

    private Type quantified(Expr.Quantified q, Env env) {
        DomainInfo d = domain(q.domain(), env);
        env.push();
        Symbol.Local var = declareOrReport(env, q.var().text(), q.var().span(), d == null ? ERROR : d.elem());
        if (var != null) {
            out.locals.put(q, var);
        }
        Type want = q.kind() == Expr.QuantKind.SUM ? Type.Int.ANY : BOOL;
        expect(q.body(), env, want);
        env.pop();
        return q.kind() == Expr.QuantKind.COUNT || q.kind() == Expr.QuantKind.SUM ? Type.Int.ANY : BOOL;
    }

    Symbol.Local declareOrReport(Env env, String name, SourceSpan span, Type type) {
        Symbol.Local l = env.declare(name, span, type);
        if (l == null) {
            diagnostics.error(DiagnosticCode.DUPLICATE_DECLARATION, span, name);
            return env.innermost(name);
        }
        return l;
    }

    /** Checks a domain; null after an error. */
    DomainInfo domain(Domain d, Env env) {
        return domains.domain(d, env);
    }

    private Type setLiteral(Expr.SetLit s, Env env) {
        Type elem = ERROR;
        for (Expr e : s.elems()) {
            Type t = check(e, env);
            if (TypeRules.isError(elem)) {
                elem = t;
            } else if (!TypeRules.comparable(elem, t)) {
                diagnostics.error(DiagnosticCode.TYPE_MISMATCH, e.span(), elem.show(), t.show());
            }
        }
        if (!TypeRules.finiteScalar(elem)) {
            diagnostics.error(DiagnosticCode.NOT_A_DOMAIN, s.span(), elem.show());
            return ERROR;
        }
        return new Type.SetOf(elem);
    }

    /** Is {@code e} a variable, field or element (something that names slots)? */
    boolean isPlace(Expr e) {
        return switch (e) {
            case Expr.Name n -> {
                Symbol s = out.refs.get(n);
                yield s instanceof Symbol.Local || s instanceof Symbol.Global;
            }
            case Expr.Field f -> isPlace(f.target());
            case Expr.Index i -> isPlace(i.target());
            default -> false;
        };
    }
}
