package org.mmspec.spec.types;

import org.mmspec.spec.ast.Expr;
import org.mmspec.spec.diag.DiagnosticCode;

/** Typing of binary operators. */
final class BinaryRules {

    private static final Type BOOL = new Type.Bool();
    private static final Type ERROR = new Type.Error();

    private final ExprChecker c;

    BinaryRules(ExprChecker c) {
        this.c = c;
    }

    Type binary(Expr.Binary b, Env env) {
        Type l = c.check(b.left(), env);
        Type r = c.check(b.right(), env);
        if (TypeRules.isError(l) || TypeRules.isError(r)) {
            return ERROR;
        }
        l = c.literalAs(l, b.left(), elemOf(r), env);
        r = c.literalAs(r, b.right(), elemOf(l), env);
        Type t = switch (b.op()) {
            case IMPLIES, OR, AND -> l instanceof Type.Bool && r instanceof Type.Bool ? BOOL : null;
            case EQ, NE -> equality(b, l, r);
            case LT, LE, GT, GE -> l instanceof Type.Int && r instanceof Type.Int
                    || l instanceof Type.Enum && l.equals(r) ? BOOL : null;
            case IN -> membership(l, r);
            case UNION, INTERSECT -> setOp(l, r);
            case ADD -> l instanceof Type.Int && r instanceof Type.Int ? Type.Int.ANY : setWithElem(l, r);
            case SUB -> l instanceof Type.Int && r instanceof Type.Int ? Type.Int.ANY
                    : l instanceof Type.SetOf && r instanceof Type.SetOf ? setOp(l, r) : setWithElem(l, r);
            case MUL, DIV, MOD -> l instanceof Type.Int && r instanceof Type.Int ? Type.Int.ANY : null;
        };
        if (t == null) {
            c.diagnostics.error(DiagnosticCode.BAD_OPERANDS, b.span(), b.op().symbol(), l.show(), r.show());
            return ERROR;
        }
        return t;
    }

    /** The element type of a set or list (what a literal operand next to it would stand for). */
    private static Type elemOf(Type t) {
        return switch (t) {
            case Type.SetOf s -> s.elem();
            case Type.ListOf l -> l.elem();
            default -> t;
        };
    }

    private Type equality(Expr.Binary b, Type l, Type r) {
        boolean idLiteral = l instanceof Type.Id && b.right() instanceof Expr.IntLit
                || r instanceof Type.Id && b.left() instanceof Expr.IntLit;
        if (!idLiteral && !TypeRules.comparable(l, r) || l instanceof Type.Lock) {
            return null;
        }
        if (!l.scalar()) {
            if (!c.isPlace(b.left())) {
                c.diagnostics.error(DiagnosticCode.AGGREGATE_NOT_PLACE, b.left().span(), l.show());
            }
            if (!c.isPlace(b.right())) {
                c.diagnostics.error(DiagnosticCode.AGGREGATE_NOT_PLACE, b.right().span(), r.show());
            }
        }
        return BOOL;
    }

    private Type membership(Type elem, Type container) {
        Type e = switch (container) {
            case Type.SetOf s -> s.elem();
            case Type.ListOf l -> l.elem();
            default -> null;
        };
        return e != null && TypeRules.comparable(e, elem) ? BOOL : null;
    }

    private Type setOp(Type l, Type r) {
        Type a = TypeRules.setElem(l);
        Type b = TypeRules.setElem(r);
        if (a == null || b == null) {
            return null;
        }
        if (TypeRules.isError(a)) {
            return new Type.SetOf(b);
        }
        return TypeRules.comparable(a, b) ? new Type.SetOf(a) : null;
    }

    private Type setWithElem(Type l, Type r) {
        if (l instanceof Type.SetOf s && (TypeRules.isError(s.elem()) ? TypeRules.finiteScalar(r)
                : TypeRules.assignable(s.elem(), r))) {
            return TypeRules.isError(s.elem()) ? new Type.SetOf(r) : l;
        }
        return null;
    }
}
