package org.mmspec.spec.eval;

import java.util.List;
import org.mmspec.spec.ir.Instr;
import org.mmspec.spec.ir.IrExpr;
import org.mmspec.spec.ir.Layout;
import org.mmspec.spec.ir.Place;
import org.mmspec.spec.ir.ProcCode;
import org.mmspec.spec.ir.ScenarioIr;
import org.mmspec.spec.semantics.Deadline;

/**
 * Runs lowered code: one atomic step of a thread (from the label it stands at to the next label, or to
 * a block), procedures without steps run inline, and the initialisation. Run-time errors become faults
 * recorded in the state.
 */
final class Machine {

    /** How a step run ended. */
    enum Outcome {
        /** The state was advanced (possibly into a fault). */
        DONE,
        /** The step cannot be taken: an await is false, a lock is held, or a with-domain is empty. */
        BLOCKED,
        /** The thread has finished, or the state already has a fault. */
        DISABLED
    }

    static final int NOT_STARTED = 0;
    static final int RUNNING = 1;
    static final int FINISHED = 2;

    final ScenarioIr ir;
    final Layout layout;
    final Evaluator ev;
    final ValueFormat format;
    final Deadline deadline;
    private final Instructions instr;
    /** Which instructions touch only the running thread's frames (for partial-order reduction). */
    final Locality locality;
    /** The atomicity audit's table when every step is audited, else null (nothing is recorded). */
    private final AuditTable audit;
    /** How steps and invariants run. */
    final Evaluation evaluation;
    /** The compiled procedures, null when {@link Evaluation#INTERPRETED}; shared by derived machines. */
    final CompiledProgram program;

    Machine(ScenarioIr ir) {
        this(ir, Evaluation.byDefault());
    }

    Machine(ScenarioIr ir, Evaluation evaluation) {
        this(ir, Deadline.NONE, false, evaluation, null);
    }

    private Machine(ScenarioIr ir, Deadline deadline, boolean audited, Evaluation evaluation, CompiledProgram program) {
        this.ir = ir;
        this.layout = ir.layout();
        this.ev = new Evaluator(this);
        this.format = new ValueFormat(layout);
        this.deadline = deadline;
        this.locality = new Locality(ir.procs(), evaluation == Evaluation.LOCAL_RETURNS);
        this.instr = new Instructions(this);
        this.audit = audited ? new AuditTable(this) : null;
        this.evaluation = evaluation;
        this.program = evaluation == Evaluation.INTERPRETED ? null
                : program != null ? program : new CompiledProgram(ir, locality, evaluation);
    }

    /** The same machine with work bounded by {@code d}. */
    Machine withDeadline(Deadline d) {
        return new Machine(ir, d, audit != null, evaluation, program);
    }

    /** The same machine with every step audited for atomicity ({@code on}) or not. */
    Machine withAudit(boolean on) {
        return new Machine(ir, deadline, on, evaluation, program);
    }

    /** The same machine evaluating as {@code e}. */
    Machine withEvaluation(Evaluation e) {
        return e == evaluation ? this : new Machine(ir, deadline, audit != null, e, null);
    }

    /**
     * The compiled form of an expression evaluated outside steps (an invariant's body), or null when this
     * machine interprets.
     */
    CExpr compile(IrExpr e) {
        return program == null ? null : program.compile(e);
    }

    boolean audited() {
        return audit != null;
    }

    /** A context for evaluating outside a thread's step (initialisers, invariants) with a fresh budget. */
    Ctx context(int[] s, int[] frame) {
        return new Ctx(s, frame, 0, -1, null, deadline);
    }

    /** Builds the initial state: global initialisers, the init block, thread entry frames. */
    int[] initial() {
        int[] s = new int[layout.size()];
        Ctx c = context(s, new int[ir.globalInit().frameSize()]);
        try {
            run(ir.globalInit(), c);
            Ctx i = context(s, new int[ir.init().frameSize()]);
            i.fuel = c.fuel;
            run(ir.init(), i);
            for (int t = 0; t < layout.threadCount(); t++) {
                int entry = ir.threadEntries().get(t);
                int fb = layout.frameBase(t, entry);
                s[layout.threadBase(t) + Layout.TOP] = entry;
                s[fb + Layout.FRAME_CALLER] = -1;
                ProcCode p = ir.procs().get(entry);
                List<IrExpr> args = ir.threadArgs().get(t);
                for (int k = 0; k < args.size(); k++) {
                    s[fb + p.paramOffsets()[k]] = ev.eval(args.get(k), i);
                }
            }
        } catch (EvalError e) {
            recordFault(s, -1, e);
        }
        return s;
    }

    /** Whether {@code thread} may step in {@code s} at all: it has not finished and {@code s} has no fault. */
    boolean enabled(int[] s, int thread) {
        return s[layout.threadBase(thread) + Layout.STATUS] != FINISHED && s[Layout.FAULT_KIND] == 0;
    }

    /** One step of {@code thread}, applied to {@code s} in place. */
    Outcome step(int[] s, int thread, Oracle oracle, Ctx[] ctxOut) {
        return step(s, thread, oracle, ctxOut, null, true);
    }

    /**
     * {@link #step(int[], int, Oracle, Ctx[])} in {@code reuse} (a context of this machine, {@link Ctx#rebind
     * rebound} for the step; {@code reset} false only for a test's broken reuse), or in a new context when null.
     */
    Outcome step(int[] s, int thread, Oracle oracle, Ctx[] ctxOut, Ctx reuse, boolean reset) {
        int hdr = layout.threadBase(thread);
        if (!enabled(s, thread)) {
            return Outcome.DISABLED;
        }
        s[hdr + Layout.STATUS] = RUNNING;
        int top = s[hdr + Layout.TOP];
        int fb = layout.frameBase(thread, top);
        Ctx c = reuse == null ? new Ctx(s, s, fb, thread, oracle, deadline)
                : reuse.rebind(s, fb, thread, oracle, reset);
        c.fuel = oracle.fuelUsed;
        if (ctxOut != null) {
            ctxOut[0] = c;
            c.choices = new StringBuilder();
        }
        if (audit != null) {
            c.audit = new StepAudit(audit);
        }
        logStart(c, s, hdr);
        try {
            Outcome o = program != null && c.audit == null ? program.runStep(c, top, s[fb + Layout.FRAME_PC])
                    : instr.runStep(c, top, s[fb + Layout.FRAME_PC]);
            if (o == Outcome.DONE && c.audit != null) {
                c.audit.end(c);
            }
            return o;
        } catch (EvalError e) {
            c.shared = true;                       // the fault is recorded in global slots
            if (c.log != null) {
                c.log.lose();
            }
            recordFault(s, thread, e);
            return Outcome.DONE;
        } finally {
            oracle.fuelUsed = c.fuel;
            oracle.shared |= c.shared;
        }
    }

    /** Reports the step's status write to {@code c}'s write log, which cannot follow an interpreted or audited step. */
    private void logStart(Ctx c, int[] s, int hdr) {
        if (c.log != null) {
            c.wrote(s, hdr + Layout.STATUS);
            if (program == null || c.audit != null) {
                c.log.lose();                      // the interpreter does not log its writes
            }
        }
    }

    /** Runs a procedure without steps to completion with a fresh frame; returns its value. */
    int runInline(int proc, List<IrExpr.Arg> args, Ctx caller) {
        ProcCode p = ir.procs().get(proc);
        int[] frame = new int[p.frameSize()];
        writeArgs(args, p, caller, frame, 0);
        Ctx c = caller.inline(frame);
        c.spend(1);
        int v = run(p, c);
        caller.returnFrom(c);
        return v;
    }

    private int run(ProcCode p, Ctx c) {
        return instr.runInline(p, c);
    }

    /** Evaluates {@code args} in {@code caller} and stores them as {@code p}'s parameters at {@code base}. */
    void writeArgs(List<IrExpr.Arg> args, ProcCode p, Ctx caller, int[] target, int base) {
        int[][] values = new int[args.size()][];
        for (int k = 0; k < args.size(); k++) {
            IrExpr.Arg a = args.get(k);
            if (a.value() != null) {
                int v = ev.eval(a.value(), caller);
                if (v < a.lo() || v > a.hi()) {
                    throw new EvalError(RuntimeError.VALUE_OUT_OF_RANGE, -1, v, (int) a.lo(), (int) a.hi());
                }
                values[k] = new int[] {v};
            } else {
                int[] from = Evaluator.array(a.place(), caller);
                int at = ev.addr(a.place(), caller);
                if (caller.audit != null && a.place().global()) {
                    for (int i = 0; i < a.width(); i++) {
                        caller.audit.read(caller, at + i, -1, -1);
                    }
                }
                values[k] = java.util.Arrays.copyOfRange(from, at, at + a.width());
            }
        }
        for (int k = 0; k < args.size(); k++) {
            System.arraycopy(values[k], 0, target, base + p.paramOffsets()[k], values[k].length);
        }
    }

    void store(Place p, int v, long lo, long hi, int site, Ctx c) {
        if (v < lo || v > hi) {
            throw new EvalError(RuntimeError.VALUE_OUT_OF_RANGE, site, v, (int) lo, (int) hi);
        }
        int addr = ev.addr(p, c);
        if (c.audit != null && p.global()) {
            c.audit.access(c, addr, -1, AccessKind.WRITE, site);
        }
        Evaluator.array(p, c)[addr] = v;
    }

    /** Ends {@code thread}: a fault if it still holds a lock, otherwise its region is cleared. */
    void finish(int[] s, int thread) {
        finish(ir, s, thread);
    }

    static void finish(ScenarioIr ir, int[] s, int thread) {
        Layout layout = ir.layout();
        List<Integer> locks = ir.lockSlots();
        for (int i = 0; i < locks.size(); i++) {
            if (Locks.holds(s, locks.get(i), ir.lockIsRwsem().get(i), thread)) {
                throw new EvalError(RuntimeError.FINISHED_HOLDING, -1, locks.get(i), 0, 0);
            }
        }
        int base = layout.threadBase(thread);
        java.util.Arrays.fill(s, base, layout.threadEnd(thread), 0);
        s[base + Layout.STATUS] = FINISHED;
    }

    private static void recordFault(int[] s, int thread, EvalError e) {
        s[Layout.FAULT_KIND] = e.error.ordinal() + 1;
        s[Layout.FAULT_THREAD] = thread;
        s[Layout.FAULT_CODE] = e.error.ordinal();
        s[Layout.FAULT_SITE] = e.site;
        s[Layout.FAULT_A] = e.a;
        s[Layout.FAULT_B] = e.b;
        s[Layout.FAULT_C] = e.c;
    }
}
