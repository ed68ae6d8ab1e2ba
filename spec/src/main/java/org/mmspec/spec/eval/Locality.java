package org.mmspec.spec.eval;

import java.util.List;
import org.mmspec.spec.ir.DomainIr;
import org.mmspec.spec.ir.Instr;
import org.mmspec.spec.ir.IrExpr;
import org.mmspec.spec.ir.Place;
import org.mmspec.spec.ir.ProcCode;

/**
 * Which instructions are <em>local</em>: they read and write only the running thread's own frames (its
 * locals and parameters), never a global variable, a lock or a list, and call no procedure that runs in a
 * scratch frame unless that procedure's instructions are all local too. Decided from the code alone, once
 * per scenario, and conservatively: an instruction kind not listed here, a {@code CallFn}, a global place
 * anywhere in an instruction (in an index, a domain or an argument) make it not local.
 *
 * <p>A step all of whose executed instructions are local (and which neither ends the thread nor faults:
 * both touch shared state) commutes with every other thread's steps and changes nothing an invariant reads
 * (invariants read globals only): partial-order reduction may explore it alone ({@code StepInfo#local}).
 */
final class Locality {

    private final List<ProcCode> procs;
    /** Per procedure and pc: the instruction is local. */
    private final boolean[][] local;
    /** Per procedure: 0 unknown, 1 being decided, 2 every instruction local, 3 not. */
    private final byte[] whole;

    /** Whether a return into a shared place counts as local ({@link Evaluation#LOCAL_RETURNS}, a mutation). */
    private final boolean localReturns;

    Locality(List<ProcCode> procs) {
        this(procs, false);
    }

    /** With {@code localReturns}, the soundness bug {@link Evaluation#LOCAL_RETURNS} puts back (tests only). */
    Locality(List<ProcCode> procs, boolean localReturns) {
        this.procs = procs;
        this.localReturns = localReturns;
        this.local = new boolean[procs.size()][];
        this.whole = new byte[procs.size()];
        boolean[] returnsIntoShared = returnsIntoShared(procs);
        for (int p = 0; p < procs.size(); p++) {
            List<Instr> code = procs.get(p).code();
            local[p] = new boolean[code.size()];
            for (int pc = 0; pc < code.size(); pc++) {
                Instr in = code.get(pc);
                local[p][pc] = instr(in) && (localReturns || !(in instanceof Instr.Return && returnsIntoShared[p]));
            }
        }
    }

    /**
     * Per procedure: some {@code call} of it stores its value in a place that is not local ({@code g = f();}
     * with {@code g} global). Its {@code return}, a later step than the call, makes that store, so it is not
     * local there.
     */
    private boolean[] returnsIntoShared(List<ProcCode> procs) {
        boolean[] out = new boolean[procs.size()];
        for (ProcCode p : procs) {
            for (Instr in : p.code()) {
                if (in instanceof Instr.Call c && c.dst() != null && !place(c.dst())) {
                    out[c.proc()] = true;
                }
            }
        }
        return out;
    }

    /** Whether this classifies every instruction as {@code other} does (the same rule on the same code). */
    boolean sameRuleAs(Locality other) {
        return procs == other.procs && localReturns == other.localReturns;
    }

    /** Whether instruction {@code pc} of procedure {@code proc} is local. */
    boolean local(int proc, int pc) {
        return local[proc][pc];
    }

    private boolean instr(Instr in) {
        return switch (in) {
            case Instr.Label l -> true;
            case Instr.Jump j -> true;
            case Instr.Choose c -> true;
            case Instr.Ghost g -> true;
            case Instr.MissingReturn m -> true;
            case Instr.Store s -> place(s.place()) && expr(s.value());
            case Instr.Update u -> place(u.place()) && expr(u.operand());
            case Instr.Atomic a -> place(a.target()) && opt(a.a()) && opt(a.b())
                    && (a.dst() == null || place(a.dst()));
            case Instr.Copy c -> place(c.to()) && place(c.from());
            case Instr.Fill f -> place(f.place()) && expr(f.value());
            case Instr.Zero z -> place(z.place());
            case Instr.JumpIfNot j -> expr(j.cond());
            case Instr.JumpIfDone j -> domain(j.domain()) && expr(j.index());
            case Instr.ElemAt e -> place(e.var()) && domain(e.domain()) && expr(e.index());
            case Instr.Pick p -> place(p.var()) && domain(p.domain());
            case Instr.Await a -> expr(a.cond());
            case Instr.Check k -> expr(k.cond());
            case Instr.Return r -> r.value() == null || expr(r.value());
            case Instr.Call c -> args(c.args()) && (c.dst() == null || place(c.dst()));
            case Instr.RunInline r -> args(r.args()) && (r.dst() == null || place(r.dst())) && wholeProc(r.proc());
            case Instr.LockOp l -> false;
            case Instr.TryLock t -> false;
            case Instr.ListOp l -> false;
        };
    }

    /** Every instruction of a procedure run to completion in a scratch frame is local. */
    private boolean wholeProc(int proc) {
        if (whole[proc] == 0) {
            decide(proc);
        }
        return whole[proc] == 2;                   // a recursive call (1) counts as not local
    }

    /**
     * Decides {@link #whole} for {@code root} and every procedure it runs inline, depth first with an explicit
     * stack: a chain of thousands of inline calls ({@code f0} calls {@code f1} ... ) would overflow the Java
     * stack if this recursed. A procedure is whole-local when its own instructions are local and every
     * procedure it runs inline is, and it is on no cycle of inline calls (a callee still being decided is
     * an ancestor, so the call closes a cycle and counts as not local) — the same answer in any order.
     */
    private void decide(int root) {
        int[] proc = new int[16];
        int[] next = new int[16];
        boolean[] all = new boolean[16];
        int top = 0;
        proc[0] = root;
        all[0] = true;
        whole[root] = 1;
        while (top >= 0) {
            List<Instr> code = procs.get(proc[top]).code();
            if (next[top] == code.size()) {
                boolean ok = all[top];
                whole[proc[top]] = ok ? (byte) 2 : 3;
                top--;
                if (top >= 0) {
                    all[top] &= ok;
                }
                continue;
            }
            Instr in = code.get(next[top]++);
            if (!(in instanceof Instr.RunInline r)) {
                all[top] &= instr(in);
            } else if (!args(r.args()) || r.dst() != null && !place(r.dst())) {
                all[top] = false;
            } else if (whole[r.proc()] != 0) {
                all[top] &= whole[r.proc()] == 2;
            } else {
                if (++top == proc.length) {
                    proc = java.util.Arrays.copyOf(proc, 2 * top);
                    next = java.util.Arrays.copyOf(next, 2 * top);
                    all = java.util.Arrays.copyOf(all, 2 * top);
                }
                proc[top] = r.proc();
                next[top] = 0;
                all[top] = true;
                whole[r.proc()] = 1;
            }
        }
    }

    private boolean args(List<IrExpr.Arg> args) {
        for (IrExpr.Arg a : args) {
            if (a.value() != null ? !expr(a.value()) : !place(a.place())) {
                return false;
            }
        }
        return true;
    }

    private boolean place(Place p) {
        return switch (p) {
            case Place.Global g -> false;
            case Place.Local l -> true;
            case Place.FieldOf f -> place(f.base());
            case Place.Elem e -> place(e.base()) && expr(e.index());
            case Place.ListElem l -> false;
        };
    }

    private boolean domain(DomainIr d) {
        return switch (d.kind()) {
            case TYPE -> true;
            case RANGE -> expr(d.from()) && expr(d.to());
            case SET -> expr(d.set());
            case LIST -> false;
        };
    }

    private boolean opt(IrExpr e) {
        return e == null || expr(e);
    }

    private boolean expr(IrExpr e) {
        return switch (e) {
            case IrExpr.Const k -> true;
            case IrExpr.Self s -> true;
            case IrExpr.Load l -> place(l.place());
            case IrExpr.Unary u -> expr(u.operand());
            case IrExpr.Binary b -> expr(b.left()) && expr(b.right());
            case IrExpr.Cond c -> expr(c.cond()) && expr(c.then()) && expr(c.otherwise());
            case IrExpr.ToMask m -> expr(m.value());
            case IrExpr.Quant q -> place(q.var()) && domain(q.domain()) && expr(q.body());
            case IrExpr.AggEq a -> place(a.left()) && place(a.right());
            case IrExpr.PteOp p -> p.args().stream().allMatch(this::expr);
            case IrExpr.ListLen l -> false;
            case IrExpr.ListContains l -> false;
            case IrExpr.ListFirst l -> false;
            case IrExpr.LockQuery q -> false;
            case IrExpr.CallFn f -> false;
        };
    }
}
