package org.mmspec.spec.eval;

import org.mmspec.spec.ir.DomainIr;
import org.mmspec.spec.ir.IrExpr;
import org.mmspec.spec.ir.Place;

/** Evaluates lowered expressions and resolves places to slot addresses. */
final class Evaluator {

    private final Machine machine;

    Evaluator(Machine machine) {
        this.machine = machine;
    }

    static int[] array(Place p, Ctx c) {
        return p.global() ? c.g : c.f;
    }

    int addr(Place p, Ctx c) {
        return switch (p) {
            case Place.Global g -> g.offset();
            case Place.Local l -> c.fb + l.offset();
            case Place.FieldOf f -> addr(f.base(), c) + f.offset();
            case Place.Elem e -> {
                int base = addr(e.base(), c);
                int v = eval(e.index(), c);
                if (e.nullable() && v == -1) {
                    throw new EvalError(RuntimeError.NULL_INDEX, e.site());
                }
                int k = v - e.lo();
                if (k < 0 || k >= e.count()) {
                    throw new EvalError(RuntimeError.INDEX_OUT_OF_RANGE, e.site(), v, e.lo(), e.lo() + e.count() - 1);
                }
                yield base + k * e.stride();
            }
            case Place.ListElem l -> {
                int base = addr(l.list(), c);
                int i = eval(l.index(), c);
                int len = array(l.list(), c)[base];
                if (i < 0 || i >= len) {
                    throw new EvalError(RuntimeError.LIST_INDEX, l.site(), i, len, 0);
                }
                yield base + 1 + i;
            }
        };
    }

    int load(Place p, Ctx c) {
        return array(p, c)[addr(p, c)];
    }

    /** {@link #load}, recorded by the atomicity audit as a read of the members {@code mask} at {@code site}. */
    int audited(Place p, int mask, int site, Ctx c) {
        int a = addr(p, c);
        if (c.audit != null && p.global()) {
            c.audit.read(c, a, mask, site);
        }
        return array(p, c)[a];
    }

    /** The address of a list's length slot, its read recorded by the audit. */
    private int listBase(Place list, Ctx c) {
        int base = addr(list, c);
        if (c.audit != null && list.global()) {
            c.audit.read(c, base, -1, -1);
        }
        return base;
    }

    /** The value of {@code e}; one unit of fuel and one level of nesting while it is evaluated. */
    int eval(IrExpr e, Ctx c) {
        c.spend(1);
        c.enter();
        int v = evalNode(e, c);
        c.leave();
        return v;
    }

    private int evalNode(IrExpr e, Ctx c) {
        return switch (e) {
            case IrExpr.Const k -> k.value();
            case IrExpr.Load l -> audited(l.place(), l.mask(), l.site(), c);
            case IrExpr.Self s -> c.thread;
            case IrExpr.Unary u -> unary(u, c);
            case IrExpr.Binary b -> Operators.binary(this, b, c);
            case IrExpr.Cond k -> eval(k.cond(), c) != 0 ? eval(k.then(), c) : eval(k.otherwise(), c);
            case IrExpr.ToMask m -> {
                int v = eval(m.value(), c);
                int k = v - m.lo();
                if (k < 0 || k >= m.count() || k >= 32) {
                    throw new EvalError(RuntimeError.NOT_A_MEMBER, m.site(), v, m.lo(), m.lo() + m.count() - 1);
                }
                yield 1 << k;
            }
            case IrExpr.Quant q -> quant(q, c);
            case IrExpr.AggEq a -> {
                int[] la = array(a.left(), c);
                int[] ra = array(a.right(), c);
                int l = addr(a.left(), c);
                int r = addr(a.right(), c);
                if (c.audit != null) {
                    for (int i = 0; i < a.width(); i++) {
                        if (a.left().global()) {
                            c.audit.read(c, l + i, -1, -1);
                        }
                        if (a.right().global()) {
                            c.audit.read(c, r + i, -1, -1);
                        }
                    }
                }
                boolean eq = java.util.Arrays.equals(la, l, l + a.width(), ra, r, r + a.width());
                yield eq != a.negate() ? 1 : 0;
            }
            case IrExpr.ListLen l -> array(l.list(), c)[listBase(l.list(), c)];
            case IrExpr.ListContains l -> {
                int[] arr = array(l.list(), c);
                int base = listBase(l.list(), c);
                int v = eval(l.value(), c);
                int found = 0;
                c.spend(arr[base]);
                for (int i = 0; i < arr[base]; i++) {
                    if (arr[base + 1 + i] == v) {
                        found = 1;
                        break;
                    }
                }
                yield found;
            }
            case IrExpr.ListFirst l -> {
                int[] arr = array(l.list(), c);
                int base = listBase(l.list(), c);
                if (arr[base] == 0) {
                    throw new EvalError(RuntimeError.LIST_EMPTY, l.site());
                }
                yield arr[base + 1];
            }
            case IrExpr.PteOp p -> Operators.pte(this, p, c);
            case IrExpr.LockQuery q -> Locks.query(this, q, c);
            case IrExpr.CallFn f -> machine.runInline(f.proc(), f.args(), c);
        };
    }

    private int unary(IrExpr.Unary u, Ctx c) {
        int v = eval(u.operand(), c);
        return switch (u.op()) {
            case NEG -> {
                if (v == Integer.MIN_VALUE) {
                    throw new EvalError(RuntimeError.OVERFLOW, u.site());
                }
                yield -v;
            }
            case NOT -> v == 0 ? 1 : 0;
            case BIT_COUNT -> Integer.bitCount(v);
            default -> throw new IllegalStateException("unary " + u.op());
        };
    }

    private int quant(IrExpr.Quant q, Ctx c) {
        int[] arr = array(q.var(), c);
        int slot = addr(q.var(), c);
        int n = count(q.domain(), c);
        long acc = q.kind() == IrExpr.Quant.Kind.FORALL ? 1 : 0;
        for (int i = 0; i < n; i++) {
            c.spend(1);
            arr[slot] = elem(q.domain(), i, c);
            int v = eval(q.body(), c);
            switch (q.kind()) {
                case FORALL -> acc = v != 0 ? acc : 0;
                case EXISTS -> acc = v != 0 ? 1 : acc;
                case COUNT -> acc += v != 0 ? 1 : 0;
                case SUM -> acc += v;
            }
            if (q.kind() == IrExpr.Quant.Kind.FORALL && acc == 0 || q.kind() == IrExpr.Quant.Kind.EXISTS && acc == 1) {
                break;
            }
        }
        arr[slot] = 0;
        if (acc > Integer.MAX_VALUE || acc < Integer.MIN_VALUE) {
            throw new EvalError(RuntimeError.OVERFLOW, -1);
        }
        return (int) acc;
    }

    /** Number of values in a domain now. */
    int count(DomainIr d, Ctx c) {
        return switch (d.kind()) {
            case TYPE -> d.count();
            case RANGE -> {
                int from = eval(d.from(), c);
                int to = eval(d.to(), c);
                long n = (long) to - from + 1;
                if (n > DomainIr.MAX_RANGE) {
                    throw new EvalError(RuntimeError.RANGE_TOO_LARGE, d.site(), from, to, DomainIr.MAX_RANGE);
                }
                yield (int) Math.max(0, n);
            }
            case SET -> Integer.bitCount(eval(d.set(), c));
            case LIST -> array(d.list(), c)[listBase(d.list(), c)];
        };
    }

    /** The value at position {@code i} (below {@link #count}). */
    int elem(DomainIr d, int i, Ctx c) {
        return switch (d.kind()) {
            case TYPE -> d.lo() + i;
            case RANGE -> eval(d.from(), c) + i;
            case SET -> {
                int mask = eval(d.set(), c);
                for (int k = 0; k < i; k++) {
                    mask &= mask - 1;
                }
                yield d.lo() + Integer.numberOfTrailingZeros(mask);
            }
            case LIST -> array(d.list(), c)[listBase(d.list(), c) + 1 + i];
        };
    }
}
