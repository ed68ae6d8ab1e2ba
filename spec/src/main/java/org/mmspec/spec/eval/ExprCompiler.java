package org.mmspec.spec.eval;

import java.util.List;
import org.mmspec.spec.ir.DomainIr;
import org.mmspec.spec.ir.IrExpr;
import org.mmspec.spec.ir.Place;

/**
 * Compiles lowered expressions, places and domains into {@link CExpr}, {@link CPlace} and {@link CDomain}
 * trees: fields folded into offsets, an element of an array at a fixed place addressed from a constant base,
 * the global/frame decision taken here, one node class per operator.
 */
final class ExprCompiler {

    private final CompiledProgram program;
    /** {@link Evaluation#MISCOMPILED}: every element of a global array addressed one element off. */
    private final boolean skew;

    ExprCompiler(CompiledProgram program, boolean skew) {
        this.program = program;
        this.skew = skew;
    }

    /**
     * An expression evaluated on its own (an instruction's operand, an invariant, an index of a place, a
     * quantifier's body, an argument): its pure top, if any, behind a {@link FastRoot}.
     */
    CExpr expr(IrExpr e) {
        return FastRoot.of(node(e));
    }

    /** A node of an expression; children of pure-capable nodes are compiled as nodes, others as {@link #expr}. */
    private CExpr node(IrExpr e) {
        return switch (e) {
            case IrExpr.Const k -> new CExpr.Const(k.value());
            case IrExpr.Load l -> load(l.place());
            case IrExpr.Self s -> new CExpr.Self();
            case IrExpr.Unary u -> unary(u);
            case IrExpr.Binary b -> binary(b);
            case IrExpr.Cond k -> new CExpr.Cond(node(k.cond()), node(k.then()), node(k.otherwise()));
            case IrExpr.ToMask m -> new CExpr.ToMask(node(m.value()), m.lo(), m.count(), m.site());
            case IrExpr.Quant q -> QuantNodes.of(q.kind(), place(q.var()), domain(q.domain()), expr(q.body()));
            case IrExpr.AggEq a -> new ExprNodes.AggEq(place(a.left()), place(a.right()), a.width(), a.negate());
            case IrExpr.ListLen l -> new ExprNodes.ListLen(place(l.list()));
            case IrExpr.ListContains l -> new ExprNodes.ListContains(place(l.list()), expr(l.value()));
            case IrExpr.ListFirst l -> new ExprNodes.ListFirst(place(l.list()), l.site());
            case IrExpr.PteOp p -> p.fn() == IrExpr.PteFn.MK_PTE
                    ? new ExprNodes.MkPte(node(p.args().get(0)), node(p.args().get(1)), p.site())
                    : new ExprNodes.Pte(p.fn(), node(p.args().get(0)), p.site());
            case IrExpr.LockQuery q -> new ExprNodes.LockQuery(place(q.lock()), q.rwsem(),
                    q.thread() == null ? null : node(q.thread()));
            case IrExpr.CallFn f -> new ExprNodes.CallFn(program, f.proc(), args(f.args()));
        };
    }

    /** {@code e}, or null for null. */
    CExpr optional(IrExpr e) {
        return e == null ? null : expr(e);
    }

    /** A binary node; when one operand is impure, a pure other operand gets a fast root of its own. */
    private CExpr binary(IrExpr.Binary b) {
        CExpr l = node(b.left());
        CExpr r = node(b.right());
        if (!l.pure || !r.pure) {
            l = FastRoot.of(l);
            r = FastRoot.of(r);
        }
        return BinaryNodes.of(b.op(), l, r, b.site());
    }

    /** A fixed slot is a leaf, an element of an array at a fixed place a pure node; others load through the place. */
    private CExpr load(Place place) {
        CPlace p = place(place, true);
        if (p instanceof CPlace.GlobalSlot g) {
            return new CExpr.GlobalLoad(g.at);
        }
        if (p instanceof CPlace.LocalSlot l) {
            return new CExpr.LocalLoad(l.at);
        }
        if (p instanceof CPlace.FixedElem f) {
            return new CExpr.ElemLoad(f);
        }
        return new CExpr.Load(place(place));
    }

    private CExpr unary(IrExpr.Unary u) {
        CExpr operand = node(u.operand());
        return switch (u.op()) {
            case NEG -> new CExpr.Neg(operand, u.site());
            case NOT -> new CExpr.Not(operand);
            case BIT_COUNT -> new CExpr.BitCount(operand);
            default -> new CExpr.Unsupported(operand, null, "unary " + u.op());
        };
    }

    /** A place used on its own: its indices are {@link #expr}s. */
    CPlace place(Place p) {
        return place(p, false);
    }

    /** A place; {@code inner}: its indices are nodes of the expression that loads it (an {@link CExpr.ElemLoad}). */
    private CPlace place(Place p, boolean inner) {
        return switch (p) {
            case Place.Global g -> new CPlace.GlobalSlot(g.offset());
            case Place.Local l -> new CPlace.LocalSlot(l.offset());
            case Place.FieldOf f -> place(f.base(), inner).plus(f.offset());
            case Place.Elem e -> elem(e, inner);
            case Place.ListElem l -> new CPlace.ListElem(place(l.list()), expr(l.index()), l.site(), 0);
        };
    }

    /** {@code p}, or null for null. */
    CPlace optional(Place p) {
        return p == null ? null : place(p);
    }

    private CPlace elem(Place.Elem e, boolean inner) {
        CPlace base = place(e.base(), inner);
        CExpr index = inner ? node(e.index()) : expr(e.index());
        int lo = skew && base.global ? e.lo() - 1 : e.lo();
        CPlace.Shape s = new CPlace.Shape(lo, e.count(), e.stride(), e.nullable(), e.site());
        if (base instanceof CPlace.GlobalSlot g) {
            return new CPlace.FixedElem(true, g.at, index, s);
        }
        if (base instanceof CPlace.LocalSlot l) {
            return new CPlace.FixedElem(false, l.at, index, s);
        }
        return new CPlace.Elem(base, index, s, 0);
    }

    CDomain domain(DomainIr d) {
        return switch (d.kind()) {
            case TYPE -> new CDomain.OfType(d.lo(), d.count());
            case RANGE -> new CDomain.Range(expr(d.from()), expr(d.to()), d.site());
            case SET -> new CDomain.OfSet(expr(d.set()), d.lo());
            case LIST -> new CDomain.OfList(place(d.list()));
        };
    }

    CArg[] args(List<IrExpr.Arg> args) {
        CArg[] out = new CArg[args.size()];
        for (int k = 0; k < out.length; k++) {
            IrExpr.Arg a = args.get(k);
            out[k] = a.value() != null ? new CArg(expr(a.value()), null, a.width(), a.lo(), a.hi())
                    : new CArg(null, place(a.place()), a.width(), a.lo(), a.hi());
        }
        return out;
    }
}
