package org.mmspec.spec.types;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.mmspec.spec.ast.Expr;
import org.mmspec.spec.diag.DiagnosticCode;
import org.mmspec.spec.diag.Diagnostics;
import org.mmspec.spec.diag.Hints;
import org.mmspec.spec.resolve.GlobalScope;
import org.mmspec.spec.resolve.Symbol;

/** Evaluates constant expressions (array sizes, bounds, {@code const} declarations, memory sizes). */
public final class ConstEvaluator {

    /** Most constants one constant may be defined through (a chain {@code c1 = c2 + 1; c2 = c3 + 1; ...}). */
    public static final int MAX_DEFINITION_DEPTH = 200;

    private final GlobalScope scope;
    private final Diagnostics diagnostics;
    private final Map<String, ConstValue> done = new HashMap<>();
    private final Set<String> inProgress = new HashSet<>();

    public ConstEvaluator(GlobalScope scope, Diagnostics diagnostics) {
        this.scope = scope;
        this.diagnostics = diagnostics;
    }

    /** The value of constant {@code name}, evaluating it on first use; null after an error. */
    public ConstValue constant(Symbol.Const c) {
        String name = c.name();
        if (done.containsKey(name)) {
            return done.get(name);
        }
        if (!inProgress.add(name)) {
            diagnostics.error(DiagnosticCode.CYCLIC_DEFINITION, c.span(), name);
            done.put(name, null);
            return null;
        }
        if (inProgress.size() > MAX_DEFINITION_DEPTH) {
            inProgress.remove(name);
            diagnostics.error(DiagnosticCode.DEFINITION_TOO_DEEP, c.span(), name, MAX_DEFINITION_DEPTH);
            done.put(name, null);
            return null;
        }
        ConstValue v = eval(c.decl().value(), "the value of constant '" + name + "'");
        inProgress.remove(name);
        done.put(name, v);
        return v;
    }

    /** An int-valued constant expression; null (after reporting) when it is not one. */
    public Long intValue(Expr e, String what) {
        ConstValue v = eval(e, what);
        if (v == null) {
            return null;
        }
        if (!(v.type() instanceof Type.Int)) {
            diagnostics.error(DiagnosticCode.TYPE_MISMATCH, e.span(), "int", v.type().show());
            return null;
        }
        return v.value();
    }

    /** Evaluates {@code e}; reports and returns null when it is not constant. */
    public ConstValue eval(Expr e, String what) {
        ConstValue v = evalOrNull(e);
        if (v == NOT_CONSTANT) {
            diagnostics.error(DiagnosticCode.NOT_CONSTANT, e.span(), what);
            return null;
        }
        return v;
    }

    private static final ConstValue NOT_CONSTANT = new ConstValue(new Type.Error(), 0);

    private ConstValue evalOrNull(Expr e) {
        return switch (e) {
            case Expr.IntLit i -> new ConstValue(Type.Int.ANY, i.value());
            case Expr.BoolLit b -> new ConstValue(new Type.Bool(), b.value() ? 1 : 0);
            case Expr.Name n -> name(n);
            case Expr.Unary u -> {
                ConstValue a = evalOrNull(u.operand());
                if (a == null || a == NOT_CONSTANT) {
                    yield a;
                }
                yield switch (u.op()) {
                    case NEG -> a.type() instanceof Type.Int ? new ConstValue(Type.Int.ANY, -a.value()) : NOT_CONSTANT;
                    case NOT -> a.type() instanceof Type.Bool ? new ConstValue(a.type(), 1 - a.value()) : NOT_CONSTANT;
                    case COMPLEMENT -> NOT_CONSTANT;
                };
            }
            case Expr.Binary b -> binary(b);
            case Expr.Conditional c -> {
                ConstValue k = evalOrNull(c.cond());
                if (k == null || k == NOT_CONSTANT) {
                    yield k;
                }
                yield evalOrNull(k.value() != 0 ? c.then() : c.otherwise());
            }
            default -> NOT_CONSTANT;
        };
    }

    private ConstValue name(Expr.Name n) {
        Symbol s = scope.lookup(n.name().text());
        if (s == null) {
            diagnostics.errorWithHints(DiagnosticCode.UNKNOWN_NAME, n.span(),
                    Hints.didYouMean(n.name().text(), scope.allNames()), n.name().text());
            return null;
        }
        return switch (s) {
            case Symbol.Const c -> constant(c);
            default -> NOT_CONSTANT;
        };
    }

    private ConstValue binary(Expr.Binary b) {
        ConstValue l = evalOrNull(b.left());
        ConstValue r = evalOrNull(b.right());
        if (l == null || r == null) {
            return null;
        }
        if (l == NOT_CONSTANT || r == NOT_CONSTANT || !l.type().getClass().equals(r.type().getClass())) {
            return NOT_CONSTANT;
        }
        long x = l.value();
        long y = r.value();
        boolean ints = l.type() instanceof Type.Int;
        Type bool = new Type.Bool();
        return switch (b.op()) {
            case ADD -> ints ? intResult(x + y) : NOT_CONSTANT;
            case SUB -> ints ? intResult(x - y) : NOT_CONSTANT;
            case MUL -> ints ? intResult(x * y) : NOT_CONSTANT;
            case DIV, MOD -> {
                if (!ints) {
                    yield NOT_CONSTANT;
                }
                if (y == 0) {
                    diagnostics.error(DiagnosticCode.DIVISION_BY_ZERO, b.span());
                    yield null;
                }
                yield intResult(b.op() == org.mmspec.spec.ast.BinaryOp.DIV ? x / y : x % y);
            }
            case LT -> ints ? new ConstValue(bool, x < y ? 1 : 0) : NOT_CONSTANT;
            case LE -> ints ? new ConstValue(bool, x <= y ? 1 : 0) : NOT_CONSTANT;
            case GT -> ints ? new ConstValue(bool, x > y ? 1 : 0) : NOT_CONSTANT;
            case GE -> ints ? new ConstValue(bool, x >= y ? 1 : 0) : NOT_CONSTANT;
            case EQ -> new ConstValue(bool, x == y ? 1 : 0);
            case NE -> new ConstValue(bool, x != y ? 1 : 0);
            case AND -> ints ? NOT_CONSTANT : new ConstValue(bool, x & y);
            case OR -> ints ? NOT_CONSTANT : new ConstValue(bool, x | y);
            case IMPLIES -> ints ? NOT_CONSTANT : new ConstValue(bool, (1 - x) | y);
            default -> NOT_CONSTANT;
        };
    }

    private ConstValue intResult(long v) {
        return v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? NOT_CONSTANT : new ConstValue(Type.Int.ANY, v);
    }
}
