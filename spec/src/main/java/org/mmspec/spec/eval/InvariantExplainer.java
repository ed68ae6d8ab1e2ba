package org.mmspec.spec.eval;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.mmspec.spec.ir.IrExpr;
import org.mmspec.spec.ir.Leaf;
import org.mmspec.spec.ir.Place;

/**
 * Says what breaks a failing invariant, once its quantified variables are bound ({@code p = 0}): the
 * failing comparison with the values of both sides ({@code page_mapcount(p) <= refcount[p]: 2 <= 1}),
 * and the state variables it reads with their values ({@code refcount[0] = 1}).
 */
final class InvariantExplainer {

    private final Machine machine;
    private final ValueFormat format;

    InvariantExplainer(Machine machine, ValueFormat format) {
        this.machine = machine;
        this.format = format;
    }

    /** Adds to {@code objects} the failing comparison and the variables {@code e} reads, as they are in {@code c}. */
    void explain(IrExpr e, Ctx c, List<String> objects) {
        if (e instanceof IrExpr.Binary b && b.site() >= 0 && comparison(b.op())) {
            String text = machine.ir.sites().get(b.site()).text();
            objects.add(text + ": " + safe(b.left(), c) + " " + symbol(b.op()) + " " + safe(b.right(), c));
        }
        Set<String> reads = new LinkedHashSet<>();
        loads(e, c, reads);
        objects.addAll(reads);
    }

    private String safe(IrExpr e, Ctx c) {
        try {
            return Integer.toString(machine.ev.eval(e, c));
        } catch (EvalError err) {
            return "?";
        }
    }

    private void loads(IrExpr e, Ctx c, Set<String> out) {
        switch (e) {
            case IrExpr.Load l -> place(l.place(), c, out);
            case IrExpr.Unary u -> loads(u.operand(), c, out);
            case IrExpr.Binary b -> {
                loads(b.left(), c, out);
                loads(b.right(), c, out);
            }
            case IrExpr.Cond k -> {
                loads(k.cond(), c, out);
                loads(k.then(), c, out);
                loads(k.otherwise(), c, out);
            }
            case IrExpr.ToMask m -> loads(m.value(), c, out);
            case IrExpr.ListLen l -> place(l.list(), c, out);
            case IrExpr.ListContains l -> {
                place(l.list(), c, out);
                loads(l.value(), c, out);
            }
            case IrExpr.ListFirst l -> place(l.list(), c, out);
            case IrExpr.PteOp p -> p.args().forEach(a -> loads(a, c, out));
            case IrExpr.LockQuery q -> place(q.lock(), c, out);
            case IrExpr.CallFn f -> f.args().forEach(a -> {
                if (a.value() != null) {
                    loads(a.value(), c, out);
                } else {
                    place(a.place(), c, out);
                }
            });
            default -> { }
        }
    }

    /** {@code refcount[0] = 1} for a global place. */
    private void place(Place p, Ctx c, Set<String> out) {
        if (!p.global()) {
            return;
        }
        int addr;
        try {
            addr = machine.ev.addr(p, c);
        } catch (EvalError err) {
            return;
        }
        for (Leaf l : machine.ir.leaves()) {
            if (l.thread() < 0 && addr >= l.offset() && addr < l.offset() + l.width()) {
                out.add(l.name() + " = " + format.show(l.type(), c.g, l.offset()));
                return;
            }
        }
    }

    private static boolean comparison(IrExpr.Op op) {
        return switch (op) {
            case LT, LE, GT, GE, EQ, NE -> true;
            default -> false;
        };
    }

    private static String symbol(IrExpr.Op op) {
        return switch (op) {
            case LT -> "<";
            case LE -> "<=";
            case GT -> ">";
            case GE -> ">=";
            case EQ -> "==";
            default -> "!=";
        };
    }
}
