package org.mmspec.spec.eval;

import java.util.List;
import org.mmspec.spec.ir.Instr;
import org.mmspec.spec.ir.IrExpr;
import org.mmspec.spec.ir.Layout;
import org.mmspec.spec.ir.ProcCode;
import org.mmspec.spec.ir.ScenarioIr;

/**
 * A scenario's procedures compiled once ({@link Evaluation#COMPILED}) and run: a thread's step and inline
 * runs, with the interpreter's budgets (one unit of fuel and one instruction of {@link Ctx#STEP_LIMIT} per
 * instruction), through bytecode generated from the closures ({@link ProcGen}) unless {@link Evaluation#CLOSURES}.
 * Immutable after construction but for the generated code, made once at the first run: machines and replicas on
 * several workers share one.
 */
final class CompiledProgram {

    private final ScenarioIr ir;
    private final Layout layout;
    private final CInstr.CProc[] procs;
    private final ExprCompiler exprs;
    /** Whether steps run through generated code ({@link ProcGen}): all but {@link Evaluation#CLOSURES}. */
    private final boolean generate;
    /** How generated code is broken ({@link Evaluation#MISGENERATED}, {@link Evaluation#UNLOGGED}), or not. */
    private final ProcGen.Fault fault;
    /**
     * The generated code, made at the first step run (a scenario loaded but not searched costs none): a memo
     * that any worker may fill, under this program's lock; the same code whichever does.
     */
    private volatile Generated gen;

    /** Per procedure and pc, the chunk that runs it in a thread's step and in an inline run; null: the closures. */
    private record Generated(GenChunk[][] steps, GenChunk[][] inline) {
    }

    CompiledProgram(ScenarioIr ir, Locality locality, Evaluation evaluation) {
        this.ir = ir;
        this.layout = ir.layout();
        this.exprs = new ExprCompiler(this, evaluation == Evaluation.MISCOMPILED);
        List<ProcCode> code = ir.procs();
        this.procs = new CInstr.CProc[code.size()];
        ValueFormat format = new ValueFormat(layout);
        for (int p = 0; p < procs.length; p++) {
            ProcCode pc = code.get(p);
            CInstr[] compiled = new CInstr[pc.code().size()];
            boolean[] local = new boolean[compiled.length];
            for (int i = 0; i < compiled.length; i++) {
                compiled[i] = instr(pc.code().get(i), format);
                local[i] = locality.local(p, i);
            }
            procs[p] = new CInstr.CProc(pc.name(), compiled, local, pc.frameSize(), pc.paramOffsets().clone());
        }
        this.generate = evaluation != Evaluation.CLOSURES;
        this.fault = evaluation == Evaluation.MISGENERATED ? ProcGen.Fault.OPERATOR
                : evaluation == Evaluation.UNLOGGED ? ProcGen.Fault.UNLOGGED : ProcGen.Fault.NONE;
    }

    /** The generated code, made now if no step has run yet. */
    private Generated generated() {
        Generated g = gen;
        if (g == null) {
            synchronized (this) {
                g = gen;
                if (g == null) {
                    g = generate();
                    gen = g;
                }
            }
        }
        return g;
    }

    private Generated generate() {
        GenChunk[][] steps = new GenChunk[procs.length][];
        GenChunk[][] inline = new GenChunk[procs.length][];
        boolean[] stepped = stepped(ir);
        for (int p = 0; p < procs.length; p++) {
            boolean inlinable = ProcGen.inlinable(procs[p]);
            steps[p] = stepped[p] || !inlinable ? ProcGen.of(p, procs[p], fault, false) : null;
            inline[p] = inlinable ? ProcGen.of(p, procs[p], fault, true) : null;
        }
        return new Generated(steps, inline);
    }

    /** The procedures a thread's step may run: the threads' entries and every procedure called with steps. */
    private boolean[] stepped(ScenarioIr ir) {
        boolean[] out = new boolean[procs.length];
        for (int entry : ir.threadEntries()) {
            out[entry] = true;
        }
        for (CInstr.CProc p : procs) {
            for (CInstr in : p.code()) {
                if (in instanceof StepNodes.Call call) {
                    out[call.proc] = true;
                }
            }
        }
        return out;
    }

    Layout layout() {
        return layout;
    }

    CInstr.CProc proc(int index) {
        return procs[index];
    }

    /**
     * An expression compiled against this program's procedures (an invariant's body). Not generated: its
     * bytecode measured no faster than the closures (invariants are mostly skipped by {@link InvariantMemo}).
     */
    CExpr compile(IrExpr e) {
        return exprs.expr(e);
    }

    private CInstr instr(Instr in, ValueFormat format) {
        ExprCompiler x = exprs;
        return switch (in) {
            case Instr.Label l -> new StepNodes.Label(l);
            case Instr.Store s -> new InstrNodes.Store(x.place(s.place()), x.expr(s.value()), s.lo(), s.hi(), s.site());
            case Instr.Update u -> new InstrNodes.Update(x.place(u.place()), u.op(), x.expr(u.operand()), u.lo(), u.hi(),
                    u.site());
            case Instr.Atomic a -> new InstrNodes.Atomic(a, x.place(a.target()), x.optional(a.a()), x.optional(a.b()),
                    x.optional(a.dst()));
            case Instr.Copy cp -> new InstrNodes.Copy(x.place(cp.to()), x.place(cp.from()), cp.width());
            case Instr.Fill f -> new InstrNodes.Fill(x.place(f.place()), f.count(), x.expr(f.value()), f.lo(), f.hi(),
                    f.site());
            case Instr.Zero z -> new InstrNodes.Zero(x.place(z.place()), z.width());
            case Instr.Jump j -> new InstrNodes.Jump(j.target());
            case Instr.JumpIfNot j -> new InstrNodes.JumpIfNot(x.expr(j.cond()), j.target());
            case Instr.Ghost g -> new InstrNodes.Nop();
            case Instr.Await a -> new StepNodes.Await(a, x.expr(a.cond()));
            case Instr.Check k -> new InstrNodes.Check(x.expr(k.cond()), k.kind(), k.site());
            case Instr.LockOp l -> new StepNodes.LockOp(l, x.place(l.lock()));
            case Instr.TryLock t -> new StepNodes.TryLock(t, x.place(t.dst()), x.place(t.lock()));
            case Instr.ListOp l -> new InstrNodes.ListOp(l, x.place(l.list()), x.expr(l.value()));
            case Instr.Call k -> new StepNodes.Call(this, k, x.args(k.args()), x.optional(k.dst()));
            case Instr.RunInline r -> new InstrNodes.RunInline(this, r, x.args(r.args()), x.optional(r.dst()));
            case Instr.Choose ch -> new StepNodes.Choose(ch);
            case Instr.Pick p -> new StepNodes.Pick(p, x.place(p.var()), x.domain(p.domain()), format);
            case Instr.ElemAt e -> new InstrNodes.ElemAt(x.place(e.var()), x.domain(e.domain()), x.expr(e.index()));
            case Instr.JumpIfDone j -> new InstrNodes.JumpIfDone(x.domain(j.domain()), x.expr(j.index()), j.target());
            case Instr.Return r -> new StepNodes.Return(r, this, x.optional(r.value()));
            case Instr.MissingReturn m -> new InstrNodes.MissingReturn(m.site());
        };
    }

    /** Runs one step of {@code c.thread} from {@code startPc} of procedure {@code startProc}. */
    Machine.Outcome runStep(Ctx c, int startProc, int startPc) {
        CInstr.Cursor at = c.cursor(startProc, procs[startProc], startPc);
        GenChunk[][] gen = generate ? generated().steps() : null;
        while (true) {
            GenChunk g = gen == null ? null : gen[at.top][at.pc];
            if (g != null) {
                int r = g.run(c, at);
                if (r != GenChunk.CONTINUE) {
                    return r == CInstr.DONE ? Machine.Outcome.DONE : Machine.Outcome.BLOCKED;
                }
                continue;
            }
            budget(c);
            if (!at.proc.local()[at.pc]) {
                c.shared = true;
            }
            int next = at.proc.code()[at.pc].step(c, at);
            if (next < 0) {
                return next == CInstr.DONE ? Machine.Outcome.DONE : Machine.Outcome.BLOCKED;
            }
            at.pc = next;
            at.first = false;
        }
    }

    /** Runs procedure {@code index} to completion with a fresh frame holding {@code args}; its value. */
    int runInline(int index, CArg[] args, Ctx caller) {
        CInstr.CProc p = procs[index];
        GenChunk[] gen = generate ? generated().inline()[index] : null;
        Ctx.Frames frames = caller.frames;
        if (frames == null) {
            return runInline(p, gen, args, caller, new int[p.frameSize()]);
        }
        try {
            return runInline(p, gen, args, caller, frames.take(p.frameSize()));
        } finally {
            frames.release();
        }
    }

    private int runInline(CInstr.CProc p, GenChunk[] gen, CArg[] args, Ctx caller, int[] frame) {
        CArg.write(args, p.paramOffsets(), caller, frame, 0);
        Ctx c = caller.inline(frame);
        c.tick();
        CInstr[] code = p.code();
        int pc = 0;
        while (true) {
            GenChunk g = gen == null ? null : gen[pc];
            if (g != null) {
                pc = g.inline(c, pc);
                if (pc == CInstr.RETURNED) {
                    caller.returnFrom(c);
                    return c.returned;
                }
                continue;
            }
            budget(c);
            int next = code[pc].inline(c, pc);
            if (next == CInstr.RETURNED) {
                caller.returnFrom(c);
                return c.returned;
            }
            pc = next;
        }
    }

    /** Ends {@code thread} ({@link Machine#finish}). */
    void finish(int[] s, int thread) {
        Machine.finish(ir, s, thread);
    }

    /** One instruction's budgets: the step's instruction count, a unit of fuel. */
    static void budget(Ctx c) {
        if (++c.executed > Ctx.STEP_LIMIT) {
            throw new EvalError(RuntimeError.STEP_TOO_LONG, -1, Ctx.STEP_LIMIT, 0, 0);
        }
        c.tick();
    }
}
