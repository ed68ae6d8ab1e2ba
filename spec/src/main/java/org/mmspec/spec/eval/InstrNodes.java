package org.mmspec.spec.eval;

import org.mmspec.spec.ir.Instr;
import org.mmspec.spec.ir.IrExpr;
import org.mmspec.spec.semantics.Fault;

/** Compiled instructions that mean the same in a thread's step and an inline run. */
final class InstrNodes {

    private InstrNodes() {
    }

    /** {@code Machine.store}: the range check, then the place's address, then the write. */
    static void store(CPlace p, int v, long lo, long hi, int site, Ctx c) {
        if (v < lo || v > hi) {
            throw new EvalError(RuntimeError.VALUE_OUT_OF_RANGE, site, v, (int) lo, (int) hi);
        }
        int a = p.addr(c);
        int[] arr = p.array(c);
        arr[a] = v;
        c.wrote(arr, a);
    }

    /** A scalar assignment. */
    static final class Store extends CInstr {
        final CPlace place;
        final CExpr value;
        final long lo;
        final long hi;
        final int site;

        Store(CPlace place, CExpr value, long lo, long hi, int site) {
            this.place = place;
            this.value = value;
            this.lo = lo;
            this.hi = hi;
            this.site = site;
        }

        @Override
        int exec(Ctx c, int pc) {
            store(place, value.eval(c), lo, hi, site, c);
            return pc + 1;
        }
    }

    /** A compound assignment: one read-modify-write. */
    static final class Update extends CInstr {
        final CPlace place;
        final IrExpr.Op op;
        final CExpr operand;
        final long lo;
        final long hi;
        final int site;

        Update(CPlace place, IrExpr.Op op, CExpr operand, long lo, long hi, int site) {
            this.place = place;
            this.op = op;
            this.operand = operand;
            this.lo = lo;
            this.hi = hi;
            this.site = site;
        }

        @Override
        int exec(Ctx c, int pc) {
            int[] arr = place.array(c);
            int a = place.addr(c);
            int operandValue = operand.eval(c);
            int v = Updates.updated(op, arr[a], operandValue, site);
            Updates.check(v, lo, hi, site);
            arr[a] = v;
            c.wrote(arr, a);
            return pc + 1;
        }
    }

    /** An atomic built-in. */
    static final class Atomic extends CInstr {
        final Instr.Atomic ir;
        final CPlace target;
        final CExpr a;
        final CExpr b;
        final CPlace dst;

        Atomic(Instr.Atomic ir, CPlace target, CExpr a, CExpr b, CPlace dst) {
            this.ir = ir;
            this.target = target;
            this.a = a;
            this.b = b;
            this.dst = dst;
        }

        @Override
        int exec(Ctx c, int pc) {
            int[] arr = target.array(c);
            int addr = target.addr(c);
            int x = a == null ? 0 : a.eval(c);
            int y = b == null ? 0 : b.eval(c);
            Updates.Effect e = Updates.effect(ir, arr[addr], x, y);
            Updates.check(e.value(), ir.lo(), ir.hi(), ir.site());
            arr[addr] = e.value();
            c.wrote(arr, addr);
            if (dst != null) {
                store(dst, e.result(), Integer.MIN_VALUE, Integer.MAX_VALUE, ir.site(), c);
            }
            return pc + 1;
        }
    }

    /** An aggregate copy. */
    static final class Copy extends CInstr {
        final CPlace to;
        final CPlace from;
        final int width;

        Copy(CPlace to, CPlace from, int width) {
            this.to = to;
            this.from = from;
            this.width = width;
        }

        @Override
        int exec(Ctx c, int pc) {
            int src = from.addr(c);
            int dst = to.addr(c);
            int[] into = to.array(c);
            System.arraycopy(from.array(c), src, into, dst, width);
            c.wrote(into, dst, dst + width);
            return pc + 1;
        }
    }

    /** {@code count} consecutive scalars set to one checked value. */
    static final class Fill extends CInstr {
        final CPlace place;
        final int count;
        final CExpr value;
        final long lo;
        final long hi;
        final int site;

        Fill(CPlace place, int count, CExpr value, long lo, long hi, int site) {
            this.place = place;
            this.count = count;
            this.value = value;
            this.lo = lo;
            this.hi = hi;
            this.site = site;
        }

        @Override
        int exec(Ctx c, int pc) {
            int v = value.eval(c);
            if (v < lo || v > hi) {
                throw new EvalError(RuntimeError.VALUE_OUT_OF_RANGE, site, v, (int) lo, (int) hi);
            }
            int at = place.addr(c);
            int[] arr = place.array(c);
            java.util.Arrays.fill(arr, at, at + count, v);
            c.wrote(arr, at, at + count);
            return pc + 1;
        }
    }

    /** A fresh local's slots set to zero. */
    static final class Zero extends CInstr {
        final CPlace place;
        final int width;

        Zero(CPlace place, int width) {
            this.place = place;
            this.width = width;
        }

        @Override
        int exec(Ctx c, int pc) {
            int at = place.addr(c);
            int[] arr = place.array(c);
            java.util.Arrays.fill(arr, at, at + width, 0);
            c.wrote(arr, at, at + width);
            return pc + 1;
        }
    }

    static final class Jump extends CInstr {
        final int target;

        Jump(int target) {
            this.target = target;
        }

        @Override
        int exec(Ctx c, int pc) {
            return target;
        }
    }

    static final class JumpIfNot extends CInstr {
        final CExpr cond;
        final int target;

        JumpIfNot(CExpr cond, int target) {
            this.cond = cond;
            this.target = target;
        }

        @Override
        int exec(Ctx c, int pc) {
            return cond.eval(c) == 0 ? target : pc + 1;
        }
    }

    /** The end test of a loop over a domain. */
    static final class JumpIfDone extends CInstr {
        final CDomain domain;
        final CExpr index;
        final int target;

        JumpIfDone(CDomain domain, CExpr index, int target) {
            this.domain = domain;
            this.index = index;
            this.target = target;
        }

        @Override
        int exec(Ctx c, int pc) {
            return index.eval(c) >= domain.count(c) ? target : pc + 1;
        }
    }

    /** A loop's variable set to the domain's element at the loop index. */
    static final class ElemAt extends CInstr {
        final CPlace var;
        final CDomain domain;
        final CExpr index;

        ElemAt(CPlace var, CDomain domain, CExpr index) {
            this.var = var;
            this.domain = domain;
            this.index = index;
        }

        @Override
        int exec(Ctx c, int pc) {
            store(var, domain.elem(index.eval(c), c), Integer.MIN_VALUE, Integer.MAX_VALUE, -1, c);
            return pc + 1;
        }
    }

    /** {@code assert} / {@code BUG_ON}. */
    static final class Check extends CInstr {
        final CExpr cond;
        final RuntimeError error;
        final int site;

        Check(CExpr cond, Fault.Kind kind, int site) {
            this.cond = cond;
            this.error = kind == Fault.Kind.ASSERTION ? RuntimeError.ASSERTION : RuntimeError.BUG;
            this.site = site;
        }

        @Override
        int exec(Ctx c, int pc) {
            if (cond.eval(c) == 0) {
                throw new EvalError(error, site);
            }
            return pc + 1;
        }
    }

    /** A list mutation. */
    static final class ListOp extends CInstr {
        final Instr.ListOp ir;
        final CPlace list;
        final CExpr value;

        ListOp(Instr.ListOp ir, CPlace list, CExpr value) {
            this.ir = ir;
            this.list = list;
            this.value = value;
        }

        @Override
        int exec(Ctx c, int pc) {
            int[] a = list.array(c);
            int base = list.addr(c);
            int v = value.eval(c);
            int len = a[base];
            Lists.mutate(a, base, v, ir);
            c.wrote(a, base, base + len + 2);              // the length and the elements, one appended
            return pc + 1;
        }
    }

    /** A procedure without steps run to completion here. */
    static final class RunInline extends CInstr {
        final CompiledProgram program;
        final int proc;
        final CArg[] args;
        final CPlace dst;
        final long lo;
        final long hi;
        final int site;

        RunInline(CompiledProgram program, Instr.RunInline r, CArg[] args, CPlace dst) {
            this.program = program;
            this.proc = r.proc();
            this.args = args;
            this.dst = dst;
            this.lo = r.lo();
            this.hi = r.hi();
            this.site = r.site();
        }

        @Override
        int exec(Ctx c, int pc) {
            int v = program.runInline(proc, args, c);
            if (dst != null) {
                store(dst, v, lo, hi, site, c);
            }
            return pc + 1;
        }
    }

    /** An instruction that does nothing without the audit (a ghost block's bounds). */
    static final class Nop extends CInstr {
        @Override
        int exec(Ctx c, int pc) {
            return pc + 1;
        }
    }

    /** Control fell off the end of a procedure that must return a value. */
    static final class MissingReturn extends CInstr {
        final int site;

        MissingReturn(int site) {
            this.site = site;
        }

        @Override
        int exec(Ctx c, int pc) {
            throw new EvalError(RuntimeError.MISSING_RETURN, site);
        }
    }
}
