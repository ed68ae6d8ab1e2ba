package org.mmspec.spec.eval;

import java.util.BitSet;
import org.mmspec.spec.ir.DomainIr;
import org.mmspec.spec.ir.IrExpr;
import org.mmspec.spec.ir.Layout;
import org.mmspec.spec.ir.Place;

/**
 * The state slots an expression evaluated outside a thread's step (an invariant's body) can read, found from
 * its lowered form: a global scalar is its slot, a field its base's slots moved by the field's offset, an
 * element of an array every element's slot (the index is known only at run time) and what the index reads, an
 * aggregate compared whole its {@code width} slots, a lock its one or three slots. A list, a list domain and a
 * function call are not analysed: an expression that has one reads, as far as this says, the whole global
 * region. Local places (quantifier variables, the expression's own scratch frame) are not state.
 *
 * <p>Such an expression is a function of the slots it reads: it writes no global, runs with a fresh frame
 * and a fresh budget, and a thread id ({@code self}) is -1 outside a step. Equal slots give an equal result;
 * {@link InvariantMemo} relies on it.
 */
final class ReadSet {

    private final Layout layout;
    private final int globalsEnd;
    private final BitSet slots = new BitSet();
    /** Something was read that this analysis does not follow: the whole global region counts as read. */
    private boolean everything;

    private ReadSet(Layout layout) {
        this.layout = layout;
        this.globalsEnd = layout.threadCount() == 0 ? layout.size() : layout.threadBase(0);
    }

    /** The global slots {@code e} can read, ascending: a subset of the global region, or the whole of it. */
    static int[] of(IrExpr e, Layout layout) {
        ReadSet r = new ReadSet(layout);
        r.expr(e);
        if (r.everything) {
            r.slots.set(Layout.HEADER, r.globalsEnd);
        }
        return r.slots.stream().toArray();
    }

    private void expr(IrExpr e) {
        switch (e) {
            case IrExpr.Const c -> { }
            case IrExpr.Self s -> { }
            case IrExpr.Load l -> place(l.place(), 1);
            case IrExpr.Unary u -> expr(u.operand());
            case IrExpr.Binary b -> {
                expr(b.left());
                expr(b.right());
            }
            case IrExpr.Cond c -> {
                expr(c.cond());
                expr(c.then());
                expr(c.otherwise());
            }
            case IrExpr.ToMask m -> expr(m.value());
            case IrExpr.Quant q -> {
                place(q.var(), 1);
                domain(q.domain());
                expr(q.body());
            }
            case IrExpr.AggEq a -> {
                place(a.left(), a.width());
                place(a.right(), a.width());
            }
            case IrExpr.PteOp p -> p.args().forEach(this::expr);
            case IrExpr.LockQuery q -> {
                place(q.lock(), q.rwsem() ? 3 : 1);
                if (q.thread() != null) {
                    expr(q.thread());
                }
            }
            case IrExpr.ListLen l -> everything = true;
            case IrExpr.ListContains l -> everything = true;
            case IrExpr.ListFirst l -> everything = true;
            case IrExpr.CallFn c -> everything = true;
        }
    }

    private void domain(DomainIr d) {
        switch (d.kind()) {
            case TYPE -> { }
            case RANGE -> {
                expr(d.from());
                expr(d.to());
            }
            case SET -> expr(d.set());
            case LIST -> everything = true;
        }
    }

    /** Reads {@code width} slots at each address {@code p} may name (none for a local place). */
    private void place(Place p, int width) {
        BitSet bases = bases(p);
        if (bases == null) {
            return;
        }
        for (int a = bases.nextSetBit(0); a >= 0; a = bases.nextSetBit(a + 1)) {
            if (a < Layout.HEADER || a + width > globalsEnd) {
                everything = true;          // not a global region address: do not pretend to know
                return;
            }
            slots.set(a, a + width);
        }
    }

    /** The addresses {@code p} may name in the state, or null for a place in the frame; reads its indices. */
    private BitSet bases(Place p) {
        return switch (p) {
            case Place.Global g -> {
                BitSet b = new BitSet();
                b.set(g.offset());
                yield b;
            }
            case Place.Local l -> null;
            case Place.FieldOf f -> shifted(bases(f.base()), f.offset());
            case Place.Elem e -> {
                expr(e.index());
                BitSet base = bases(e.base());
                if (base == null) {
                    yield null;
                }
                BitSet out = new BitSet();
                for (int a = base.nextSetBit(0); a >= 0; a = base.nextSetBit(a + 1)) {
                    for (int k = 0; k < e.count(); k++) {
                        out.set(a + k * e.stride());
                    }
                }
                yield out;
            }
            case Place.ListElem l -> {
                expr(l.index());
                if (l.list().global()) {
                    everything = true;
                }
                yield null;
            }
        };
    }

    private static BitSet shifted(BitSet base, int by) {
        if (base == null) {
            return null;
        }
        BitSet out = new BitSet();
        for (int a = base.nextSetBit(0); a >= 0; a = base.nextSetBit(a + 1)) {
            out.set(a + by);
        }
        return out;
    }
}
