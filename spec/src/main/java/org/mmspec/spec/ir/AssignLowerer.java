package org.mmspec.spec.ir;

import org.mmspec.spec.ast.Expr;
import org.mmspec.spec.ast.ExprPrinter;
import org.mmspec.spec.ast.Stmt;
import org.mmspec.spec.diag.SourceSpan;
import org.mmspec.spec.types.Type;

/** Lowers assignments, compound assignments and initialisers. */
final class AssignLowerer {

    private final ExprLowerer x;
    private final StmtLowerer out;
    private final String owner;

    AssignLowerer(ExprLowerer x, StmtLowerer out, String owner) {
        this.x = x;
        this.out = out;
        this.owner = owner;
    }

    void assign(Stmt.Assign a) {
        Type t = x.program().type(a.target());
        Place p = x.place(a.target(), owner);
        String text = ExprPrinter.print(a.target());
        if (a.op() == Stmt.AssignOp.SET) {
            store(p, t, a.value(), a.span(), text, false);
            return;
        }
        long[] r = x.range(t);
        int site = x.sites().add(a.span(), text);
        if (t instanceof Type.Int) {
            out.emit(new Instr.Update(p, a.op() == Stmt.AssignOp.ADD ? IrExpr.Op.ADD : IrExpr.Op.SUB,
                    x.lower(a.value(), owner), r[0], r[1], site));
            return;
        }
        Type elem = ((Type.SetOf) t).elem();
        IrExpr.Op op = switch (a.op()) {
            case ADD, OR -> IrExpr.Op.MASK_OR;
            case SUB -> IrExpr.Op.MASK_ANDNOT;
            default -> IrExpr.Op.MASK_AND;
        };
        out.emit(new Instr.Update(p, op, x.mask(a.value(), elem, owner), r[0], r[1], site));
    }

    /** Stores {@code value} into {@code p} of type {@code t}; {@code broadcast} fills arrays from a scalar. */
    void store(Place p, Type t, Expr value, SourceSpan span, String text, boolean broadcast) {
        if (value instanceof Expr.Call c && x.program().ref(c) != null && isStatementCall(c)) {
            out.callStmt(c, p);
            return;
        }
        Type v = x.program().type(value);
        if (!t.scalar() && t.equals(v)) {
            out.emit(new Instr.Copy(p, x.place(value, owner), x.layout().width(t)));
            return;
        }
        if (t.scalar()) {
            long[] r = x.range(t);
            out.emit(new Instr.Store(p, x.lower(value, owner), r[0], r[1], x.sites().add(span, text)));
            return;
        }
        Type leaf = t;
        int count = 1;
        while (leaf instanceof Type.Array arr && !arr.equals(v)) {
            count *= x.layout().count(arr.index());
            leaf = arr.elem();
        }
        if (leaf.scalar()) {
            long[] r = x.range(leaf);
            out.emit(new Instr.Fill(p, count, x.lower(value, owner), r[0], r[1], x.sites().add(span, text)));
        } else {
            int w = x.layout().width(leaf);
            Place from = x.place(value, owner);
            for (int i = 0; i < count; i++) {
                out.emit(new Instr.Copy(new Place.FieldOf(p, i * w), from, w));
            }
        }
    }

    private boolean isStatementCall(Expr.Call c) {
        return switch (x.program().ref(c)) {
            case org.mmspec.spec.resolve.Symbol.Proc p -> true;
            case org.mmspec.spec.resolve.Symbol.BuiltinFn b -> !b.builtin().pure();
            default -> false;
        };
    }
}
