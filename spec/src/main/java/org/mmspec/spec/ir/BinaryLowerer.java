package org.mmspec.spec.ir;

import org.mmspec.spec.ast.Expr;
import org.mmspec.spec.ast.ExprPrinter;
import org.mmspec.spec.types.Type;

/** Lowers binary operators, choosing integer, boolean, set-mask or aggregate forms by operand type. */
final class BinaryLowerer {

    private final ExprLowerer x;

    BinaryLowerer(ExprLowerer x) {
        this.x = x;
    }

    IrExpr lower(Expr.Binary b, String owner) {
        Type lt = x.program().type(b.left());
        Type rt = x.program().type(b.right());
        int site = x.sites().add(b.span(), ExprPrinter.print(b));
        return switch (b.op()) {
            case IMPLIES -> bin(IrExpr.Op.IMPLIES, b, owner, site);
            case OR -> bin(IrExpr.Op.OR, b, owner, site);
            case AND -> bin(IrExpr.Op.AND, b, owner, site);
            case EQ, NE -> {
                if (!lt.scalar()) {
                    yield new IrExpr.AggEq(x.place(b.left(), owner), x.place(b.right(), owner), x.layout().width(lt),
                            b.op() == org.mmspec.spec.ast.BinaryOp.NE);
                }
                yield bin(b.op() == org.mmspec.spec.ast.BinaryOp.EQ ? IrExpr.Op.EQ : IrExpr.Op.NE, b, owner, site);
            }
            case LT -> bin(IrExpr.Op.LT, b, owner, site);
            case LE -> bin(IrExpr.Op.LE, b, owner, site);
            case GT -> bin(IrExpr.Op.GT, b, owner, site);
            case GE -> bin(IrExpr.Op.GE, b, owner, site);
            case IN -> rt instanceof Type.ListOf
                    ? new IrExpr.ListContains(x.place(b.right(), owner), x.lower(b.left(), owner))
                    : memberTest(b, rt, owner, site);
            case UNION -> maskOp(IrExpr.Op.MASK_OR, b, lt, rt, owner);
            case INTERSECT -> maskOp(IrExpr.Op.MASK_AND, b, lt, rt, owner);
            case ADD -> lt instanceof Type.Int ? bin(IrExpr.Op.ADD, b, owner, site)
                    : maskOp(IrExpr.Op.MASK_OR, b, lt, rt, owner);
            case SUB -> lt instanceof Type.Int ? bin(IrExpr.Op.SUB, b, owner, site)
                    : maskOp(IrExpr.Op.MASK_ANDNOT, b, lt, rt, owner);
            case MUL -> bin(IrExpr.Op.MUL, b, owner, site);
            case DIV -> bin(IrExpr.Op.DIV, b, owner, site);
            case MOD -> bin(IrExpr.Op.MOD, b, owner, site);
        };
    }

    /** {@code m in S}; a load of {@code S} tested for a constant member reads that member only (for the audit). */
    private IrExpr memberTest(Expr.Binary b, Type rt, String owner, int site) {
        IrExpr member = x.lower(b.left(), owner);
        IrExpr set = x.lower(b.right(), owner);
        if (member instanceof IrExpr.Const k && set instanceof IrExpr.Load l) {
            int bit = k.value() - Layout.lo(elem(rt));
            if (bit >= 0 && bit < 32) {
                set = new IrExpr.Load(l.place(), 1 << bit, l.site());
            }
        }
        return new IrExpr.Binary(IrExpr.Op.MASK_TEST, x.toMask(member, elem(rt), b.left()), set, site);
    }

    private IrExpr bin(IrExpr.Op op, Expr.Binary b, String owner, int site) {
        return new IrExpr.Binary(op, x.lower(b.left(), owner), x.lower(b.right(), owner), site);
    }

    private IrExpr maskOp(IrExpr.Op op, Expr.Binary b, Type lt, Type rt, String owner) {
        Type elem = elem(lt);
        if (elem == null || elem instanceof Type.Error) {
            elem = elem(rt);
        }
        return new IrExpr.Binary(op, x.mask(b.left(), elem, owner), x.mask(b.right(), elem, owner), -1);
    }

    private static Type elem(Type t) {
        return switch (t) {
            case Type.SetOf s -> s.elem();
            case Type.ListOf l -> l.elem();
            default -> t;
        };
    }
}
