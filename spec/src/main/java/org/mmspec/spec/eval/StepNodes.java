package org.mmspec.spec.eval;

import org.mmspec.spec.ir.Instr;
import org.mmspec.spec.ir.Layout;

/**
 * Compiled instructions only a thread's step runs: step boundaries, waits, locks, nondeterministic choices,
 * calls and returns of procedures with steps. Each does what {@code Instructions.stepOnly} does with the
 * atomicity audit off.
 */
final class StepNodes {

    private StepNodes() {
    }

    /** A step-only instruction: an inline run meeting it is a bug in the lowering, as in the interpreter. */
    abstract static class StepOnly extends CInstr {
        private final Instr ir;

        StepOnly(Instr ir) {
            this.ir = ir;
        }

        @Override
        final int exec(Ctx c, int pc) {
            throw new IllegalStateException("instruction " + ir + " in inline procedure");
        }
    }

    static void note(Ctx c, String choice) {
        c.choices.append(c.choices.isEmpty() ? "" : " ").append(choice);
    }

    /** A step boundary: ends the step unless the step started here. */
    static final class Label extends StepOnly {
        Label(Instr ir) {
            super(ir);
        }

        @Override
        int step(Ctx c, Cursor at) {
            if (!at.first) {
                c.g[c.fb + Layout.FRAME_PC] = at.pc;
                c.wrote(c.g, c.fb + Layout.FRAME_PC);
                return DONE;
            }
            return at.pc + 1;
        }
    }

    /** Blocks the step unless the condition holds. */
    static final class Await extends StepOnly {
        final CExpr cond;
        final int site;

        Await(Instr.Await ir, CExpr cond) {
            super(ir);
            this.cond = cond;
            this.site = ir.site();
        }

        @Override
        int step(Ctx c, Cursor at) {
            if (cond.eval(c) == 0) {
                c.blockSite = site;
                return BLOCKED;
            }
            return at.pc + 1;
        }
    }

    /** Lock, unlock, down/up of an rwsem. */
    static final class LockOp extends StepOnly {
        private final CPlace lock;
        private final Instr.LockAction action;
        final int site;
        private final int width;

        LockOp(Instr.LockOp ir, CPlace lock) {
            super(ir);
            this.lock = lock;
            this.action = ir.action();
            this.site = ir.site();
            this.width = Locks.slots(action);
        }

        @Override
        int step(Ctx c, Cursor at) {
            int addr = lock.addr(c);
            Locks.Outcome o = Locks.apply(c.g, addr, action, c.thread, site);
            if (o == Locks.Outcome.BLOCKED) {
                c.blockSite = site;
                c.blockAddr = addr;
                return BLOCKED;
            }
            c.wrote(c.g, addr, addr + width);
            if (o == Locks.Outcome.QUEUED) {
                c.g[c.fb + Layout.FRAME_PC] = at.pc;     // queued: the next step tries again from here
                c.wrote(c.g, c.fb + Layout.FRAME_PC);
                return DONE;
            }
            return at.pc + 1;
        }
    }

    /** {@code dst = trylock(lock)}. */
    static final class TryLock extends StepOnly {
        private final CPlace dst;
        private final CPlace lock;

        TryLock(Instr.TryLock ir, CPlace dst, CPlace lock) {
            super(ir);
            this.dst = dst;
            this.lock = lock;
        }

        @Override
        int step(Ctx c, Cursor at) {
            int addr = lock.addr(c);
            boolean got = Locks.tryLock(c.g, addr, c.thread);
            c.wrote(c.g, addr);
            InstrNodes.store(dst, got ? 1 : 0, 0, 1, -1, c);
            return at.pc + 1;
        }
    }

    /** {@code either}: one of the targets, chosen by the oracle. */
    static final class Choose extends StepOnly {
        final int[] targets;

        Choose(Instr.Choose ir) {
            super(ir);
            this.targets = ir.targets().clone();
        }

        @Override
        int step(Ctx c, Cursor at) {
            int k = c.oracle.choose(targets.length);
            if (c.choices != null) {
                note(c, "either:" + (k + 1));
            }
            return targets[k];
        }
    }

    /** {@code with (var in domain)}: a value chosen by the oracle; blocks on an empty domain. */
    static final class Pick extends StepOnly {
        final Instr.Pick ir;
        final CPlace var;
        final CDomain domain;
        private final ValueFormat format;

        Pick(Instr.Pick ir, CPlace var, CDomain domain, ValueFormat format) {
            super(ir);
            this.ir = ir;
            this.var = var;
            this.domain = domain;
            this.format = format;
        }

        /** Records the value chosen (when the step's choices are recorded). */
        void note(Ctx c, int v) {
            StepNodes.note(c, ir.name() + "=" + format.scalar(ir.type(), v));
        }

        @Override
        int step(Ctx c, Cursor at) {
            int n = domain.count(c);
            if (n == 0) {
                c.blockSite = ir.site();
                return BLOCKED;
            }
            int v = domain.elem(c.oracle.choose(n), c);
            if (c.choices != null) {
                note(c, v);
            }
            InstrNodes.store(var, v, Integer.MIN_VALUE, Integer.MAX_VALUE, -1, c);
            return at.pc + 1;
        }
    }

    /** A call of a procedure with steps: its frame pushed in the thread's region of the state. */
    static final class Call extends StepOnly {
        private final CompiledProgram program;
        final int proc;
        private final CArg[] args;
        final CPlace dst;
        final long lo;
        final long hi;
        final int site;

        Call(CompiledProgram program, Instr.Call ir, CArg[] args, CPlace dst) {
            super(ir);
            this.program = program;
            this.proc = ir.proc();
            this.args = args;
            this.dst = dst;
            this.lo = ir.lo();
            this.hi = ir.hi();
            this.site = ir.site();
        }

        @Override
        int step(Ctx c, Cursor at) {
            int[] s = c.g;
            Layout layout = program.layout();
            int calleeFb = layout.frameBase(c.thread, proc);
            CProc callee = program.proc(proc);
            int[] values = new int[callee.frameSize()];    // all arguments first, then the frame is written
            CArg.write(args, callee.paramOffsets(), c, values, 0);
            for (int k = 0; k < args.length; k++) {
                int off = callee.paramOffsets()[k];
                int width = args[k].value() != null ? 1 : args[k].width();
                System.arraycopy(values, off, s, calleeFb + off, width);
                c.wrote(s, calleeFb + off, calleeFb + off + width);
            }
            s[c.fb + Layout.FRAME_PC] = at.pc;
            s[calleeFb + Layout.FRAME_CALLER] = at.top;
            s[calleeFb + Layout.FRAME_PC] = 0;
            s[layout.threadBase(c.thread) + Layout.TOP] = proc;
            c.wrote(s, c.fb + Layout.FRAME_PC);
            c.wrote(s, calleeFb + Layout.FRAME_CALLER);
            c.wrote(s, calleeFb + Layout.FRAME_PC);
            c.wrote(s, layout.threadBase(c.thread) + Layout.TOP);
            at.top = proc;
            at.proc = callee;
            c.fb = calleeFb;
            return 0;
        }
    }

    /** Pops the frame and stores the value in the caller's destination, or ends the thread; in an inline run, returns. */
    static final class Return extends StepOnly {
        private final CompiledProgram program;
        final CExpr value;

        Return(Instr.Return ir, CompiledProgram program, CExpr value) {
            super(ir);
            this.program = program;
            this.value = value;
        }

        @Override
        int inline(Ctx c, int pc) {
            c.returned = value == null ? 0 : value.eval(c);
            return RETURNED;
        }

        @Override
        int step(Ctx c, Cursor at) {
            int[] s = c.g;
            int v = value == null ? 0 : value.eval(c);
            int caller = s[c.fb + Layout.FRAME_CALLER];
            if (caller < 0) {
                c.shared = true;                       // ending reads every lock and is visible to the judge
                program.finish(s, c.thread);           // clears the region; a fault leaves the frame whole
                Layout layout = program.layout();
                c.wrote(s, layout.threadBase(c.thread), layout.threadEnd(c.thread));
                return DONE;
            }
            java.util.Arrays.fill(s, c.fb, c.fb + at.proc.frameSize(), 0);
            c.wrote(s, c.fb, c.fb + at.proc.frameSize());
            Layout layout = program.layout();
            at.top = caller;
            at.proc = program.proc(caller);
            c.fb = layout.frameBase(c.thread, caller);
            s[layout.threadBase(c.thread) + Layout.TOP] = caller;
            c.wrote(s, layout.threadBase(c.thread) + Layout.TOP);
            int callPc = s[c.fb + Layout.FRAME_PC];
            Call call = (Call) at.proc.code()[callPc];
            if (call.dst != null) {
                InstrNodes.store(call.dst, v, call.lo, call.hi, call.site, c);
            }
            return callPc + 1;
        }
    }
}
