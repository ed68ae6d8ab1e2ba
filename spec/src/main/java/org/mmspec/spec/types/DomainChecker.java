package org.mmspec.spec.types;

import org.mmspec.spec.ast.AstWalk;
import org.mmspec.spec.ast.Domain;
import org.mmspec.spec.ast.Expr;
import org.mmspec.spec.ast.TypeNode;
import org.mmspec.spec.diag.DiagnosticCode;
import org.mmspec.spec.resolve.Symbol;

/**
 * Typing of the domains a quantifier, a set comprehension or a loop ranges over: {@code bool}, a range
 * {@code lo..hi}, a finite type, a set or a list (a place).
 */
final class DomainChecker {

    private static final Type BOOL = new Type.Bool();

    private final ExprChecker c;

    DomainChecker(ExprChecker c) {
        this.c = c;
    }

    /** Checks a domain, recording it; null after an error. */
    DomainInfo domain(Domain d, Env env) {
        DomainInfo info = switch (d) {
            case Domain.Bools b -> new DomainInfo(DomainInfo.Kind.TYPE, BOOL);
            case Domain.Range r -> {
                c.expect(r.lo(), env, Type.Int.ANY);
                c.expect(r.hi(), env, Type.Int.ANY);
                yield literalRangeFits(r, env) ? new DomainInfo(DomainInfo.Kind.RANGE, Type.Int.ANY) : null;
            }
            case Domain.Of o -> domainOf(o, env);
        };
        if (info != null) {
            c.out.domains.put(d, info);
        }
        return info;
    }

    /**
     * A range whose bounds are constant is bounded like a type domain: at most {@link TypeResolver#MAX_ARRAY}
     * values (a range with run-time bounds is checked when it is evaluated).
     */
    private boolean literalRangeFits(Domain.Range r, Env env) {
        if (!constantForm(r.lo(), env) || !constantForm(r.hi(), env)) {
            return true;
        }
        Long lo = c.consts.intValue(r.lo(), "a range bound");
        Long hi = c.consts.intValue(r.hi(), "a range bound");
        if (lo == null || hi == null || hi - lo + 1 <= TypeResolver.MAX_ARRAY) {
            return true;
        }
        c.diagnostics.error(DiagnosticCode.DOMAIN_TOO_LARGE, r.span(), "the range " + lo + ".." + hi, hi - lo + 1,
                TypeResolver.MAX_ARRAY);
        return false;
    }

    /** Literals and global constants (not shadowed by a local) combined by operators. */
    private boolean constantForm(Expr e, Env env) {
        boolean[] ok = {true};
        AstWalk.exprs(e, x -> ok[0] &= switch (x) {
            case Expr.IntLit i -> true;
            case Expr.BoolLit b -> true;
            case Expr.Unary u -> true;
            case Expr.Binary b -> true;
            case Expr.Conditional k -> true;
            case Expr.Name n -> env.find(n.name().text()) == null
                    && c.out.scope.lookup(n.name().text()) instanceof Symbol.Const;
            default -> false;
        });
        return ok[0];
    }

    private DomainInfo domainOf(Domain.Of o, Env env) {
        if (o.expr() instanceof Expr.Name n && env.find(n.name().text()) == null
                && c.out.scope.lookup(n.name().text()) instanceof Symbol.TypeName) {
            Type t = c.typeResolver.resolve(new TypeNode.NamedType(n.span(), n.name()));
            if (!c.typeResolver.finite(t, n.span(), TypeResolver.MAX_ARRAY)) {
                return null;
            }
            return new DomainInfo(DomainInfo.Kind.TYPE, t);
        }
        Type t = c.check(o.expr(), env);
        return switch (t) {
            case Type.SetOf s -> new DomainInfo(DomainInfo.Kind.SET, s.elem());
            case Type.ListOf l -> {
                if (!c.isPlace(o.expr())) {
                    c.diagnostics.error(DiagnosticCode.AGGREGATE_NOT_PLACE, o.span(), t.show());
                }
                yield new DomainInfo(DomainInfo.Kind.LIST, l.elem());
            }
            case Type.Error e -> null;
            default -> {
                c.diagnostics.error(DiagnosticCode.NOT_A_DOMAIN, o.span(), t.show());
                yield null;
            }
        };
    }
}
