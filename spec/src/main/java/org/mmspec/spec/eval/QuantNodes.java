package org.mmspec.spec.eval;

import org.mmspec.spec.ir.IrExpr;

/**
 * Compiled quantifiers and aggregates: bind the variable's slot to each value of the domain (one unit of
 * fuel per value), stop early as the interpreter does ({@code forall} at the first false, {@code exists} at
 * the first true), reset the slot to 0, and check a count or sum for overflow.
 */
final class QuantNodes {

    private QuantNodes() {
    }

    static CExpr of(IrExpr.Quant.Kind kind, CPlace var, CDomain domain, CExpr body) {
        return switch (kind) {
            case FORALL -> new Forall(var, domain, body);
            case EXISTS -> new Exists(var, domain, body);
            case COUNT -> new Count(var, domain, body, false);
            case SUM -> new Count(var, domain, body, true);
        };
    }

    /** The parts of a quantifier; a domain of a type is enumerated in place, without calls. */
    abstract static class Quant extends CExpr {
        final CPlace var;
        final CDomain domain;
        final CExpr body;
        final CDomain.OfType type;

        Quant(CPlace var, CDomain domain, CExpr body) {
            this.var = var;
            this.domain = domain;
            this.body = body;
            this.type = domain instanceof CDomain.OfType t ? t : null;
        }

        final int count(Ctx c) {
            return type != null ? type.count : domain.count(c);
        }

        final int elem(int i, Ctx c) {
            return type != null ? type.lo + i : domain.elem(i, c);
        }
    }

    static final class Forall extends Quant {
        Forall(CPlace var, CDomain domain, CExpr body) {
            super(var, domain, body);
        }

        @Override
        int run(Ctx c) {
            int[] arr = var.array(c);
            int slot = var.addr(c);
            int n = count(c);
            int acc = 1;
            for (int i = 0; i < n; i++) {
                c.tick();
                arr[slot] = elem(i, c);
                if (body.eval(c) == 0) {
                    acc = 0;
                    break;
                }
            }
            arr[slot] = 0;
            c.wrote(arr, slot);
            return acc;
        }
    }

    static final class Exists extends Quant {
        Exists(CPlace var, CDomain domain, CExpr body) {
            super(var, domain, body);
        }

        @Override
        int run(Ctx c) {
            int[] arr = var.array(c);
            int slot = var.addr(c);
            int n = count(c);
            int acc = 0;
            for (int i = 0; i < n; i++) {
                c.tick();
                arr[slot] = elem(i, c);
                if (body.eval(c) != 0) {
                    acc = 1;
                    break;
                }
            }
            arr[slot] = 0;
            c.wrote(arr, slot);
            return acc;
        }
    }

    /** {@code count} (non-zero bodies) or {@code sum} (their values). */
    static final class Count extends Quant {
        final boolean sum;

        Count(CPlace var, CDomain domain, CExpr body, boolean sum) {
            super(var, domain, body);
            this.sum = sum;
        }

        @Override
        int run(Ctx c) {
            int[] arr = var.array(c);
            int slot = var.addr(c);
            int n = count(c);
            long acc = 0;
            for (int i = 0; i < n; i++) {
                c.tick();
                arr[slot] = elem(i, c);
                int v = body.eval(c);
                acc += sum ? v : v != 0 ? 1 : 0;
            }
            arr[slot] = 0;
            c.wrote(arr, slot);
            if (acc > Integer.MAX_VALUE || acc < Integer.MIN_VALUE) {
                throw new EvalError(RuntimeError.OVERFLOW, -1);
            }
            return (int) acc;
        }
    }
}
