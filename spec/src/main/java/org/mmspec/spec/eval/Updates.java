package org.mmspec.spec.eval;

import org.mmspec.spec.ir.Instr;
import org.mmspec.spec.ir.IrExpr;

/**
 * Read-modify-writes: compound assignments ({@code x += e}, {@code S -= m}, {@code x++}) and the atomic
 * built-ins ({@code test_and_set_bit}, {@code atomic_dec_and_test}, ...). Each is one access for the
 * atomicity audit: its old value is not read separately.
 */
final class Updates {

    private Updates() {
    }

    static void update(Machine m, Instr.Update u, Ctx c) {
        int[] arr = Evaluator.array(u.place(), c);
        int addr = m.ev.addr(u.place(), c);
        int operand = m.ev.eval(u.operand(), c);
        int v = updated(u.op(), arr[addr], operand, u.site());
        check(v, u.lo(), u.hi(), u.site());
        if (c.audit != null && u.place().global()) {
            boolean clears = u.op() == IrExpr.Op.MASK_ANDNOT || u.op() == IrExpr.Op.MASK_AND;
            int mask = switch (u.op()) {
                case MASK_OR, MASK_ANDNOT -> operand;
                case MASK_AND -> ~operand;
                default -> -1;
            };
            c.audit.access(c, addr, mask, clears ? AccessKind.RMW_CLEAR : AccessKind.RMW, u.site());
        }
        arr[addr] = v;
    }

    /** The new value of a compound assignment {@code old op= operand}. */
    static int updated(IrExpr.Op op, int old, int operand, int site) {
        return switch (op) {
            case ADD -> exact((long) old + operand, site);
            case SUB -> exact((long) old - operand, site);
            case MASK_OR -> old | operand;
            case MASK_ANDNOT -> old & ~operand;
            case MASK_AND -> old & operand;
            default -> throw new IllegalStateException("update " + op);
        };
    }

    static void atomic(Machine m, Instr.Atomic a, Ctx c) {
        int[] arr = Evaluator.array(a.target(), c);
        int addr = m.ev.addr(a.target(), c);
        int x = a.a() == null ? 0 : m.ev.eval(a.a(), c);
        int y = a.b() == null ? 0 : m.ev.eval(a.b(), c);
        Effect e = effect(a, arr[addr], x, y);
        check(e.value(), a.lo(), a.hi(), a.site());
        if (c.audit != null && a.target().global()) {
            c.audit.access(c, addr, e.mask(), e.kind(), a.site());
        }
        arr[addr] = e.value();
        if (a.dst() != null) {
            m.store(a.dst(), e.result(), Integer.MIN_VALUE, Integer.MAX_VALUE, a.site(), c);
        }
    }

    /** What an atomic built-in does to a value: the new value, its result, the members touched, the access. */
    record Effect(int value, int result, int mask, AccessKind kind) {
    }

    static Effect effect(Instr.Atomic a, int old, int x, int y) {
        return switch (a.fn()) {
            case TEST_AND_SET_BIT -> new Effect(old | x, (old & x) != 0 ? 1 : 0, x,
                    (old & x) != 0 ? AccessKind.TEST_SET_FAILED : AccessKind.TEST_SET_OK);
            case TEST_AND_CLEAR_BIT -> new Effect(old & ~x, (old & x) != 0 ? 1 : 0, x, AccessKind.RMW_CLEAR);
            case DEC_AND_TEST -> {
                int v = exact((long) old - 1, a.site());
                yield new Effect(v, v == 0 ? 1 : 0, -1, AccessKind.RMW);
            }
            case INC_NOT_ZERO -> new Effect(old == 0 ? 0 : exact((long) old + 1, a.site()), old != 0 ? 1 : 0, -1,
                    AccessKind.RMW);
            case CMPXCHG -> new Effect(old == x ? y : old, old, -1, AccessKind.RMW);
            case XCHG -> new Effect(x, old, -1, AccessKind.RMW);
        };
    }

    /** The audit's view of an aggregate copy: every slot read from a global, every slot written to one. */
    static void recordCopy(Ctx c, Instr.Copy cp, int src, int dst) {
        for (int i = 0; i < cp.width(); i++) {
            if (cp.from().global()) {
                c.audit.read(c, src + i, -1, -1);
            }
        }
        for (int i = 0; i < cp.width(); i++) {
            if (cp.to().global()) {
                c.audit.access(c, dst + i, -1, AccessKind.WRITE, -1);
            }
        }
    }

    private static int exact(long v, int site) {
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new EvalError(RuntimeError.OVERFLOW, site);
        }
        return (int) v;
    }

    static void check(int v, long lo, long hi, int site) {
        if (v < lo || v > hi) {
            throw new EvalError(RuntimeError.VALUE_OUT_OF_RANGE, site, v, (int) lo, (int) hi);
        }
    }
}
