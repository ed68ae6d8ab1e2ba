package org.mmspec.spec.eval;

import java.util.List;
import org.mmspec.spec.ir.Instr;
import org.mmspec.spec.ir.Layout;
import org.mmspec.spec.ir.ProcCode;

/** The instruction loop: thread steps (with frames in the state) and inline runs (scratch frames). */
final class Instructions {

    private static final int NOT_SIMPLE = -1;

    private final Machine m;
    private final Evaluator ev;
    private final Layout layout;

    Instructions(Machine m) {
        this.m = m;
        this.ev = m.ev;
        this.layout = m.layout;
    }

    /** Where a running step is: the procedure on top of the thread's stack, its code, the pc. */
    private static final class Cursor {
        int top;
        List<Instr> code;
        int pc;

        Cursor(int top, List<Instr> code, int pc) {
            this.top = top;
            this.code = code;
            this.pc = pc;
        }
    }

    /** Runs one step of {@code c.thread} from {@code startPc} of procedure {@code startProc}. */
    Machine.Outcome runStep(Ctx c, int startProc, int startPc) {
        Cursor at = new Cursor(startProc, m.ir.procs().get(startProc).code(), startPc);
        boolean first = true;
        while (true) {
            budget(c);
            Instr in = at.code.get(at.pc);
            if (c.audit != null) {
                at(c, in);
            }
            if (!m.locality.local(at.top, at.pc)) {
                c.shared = true;
            }
            int next = simple(in, c, at.pc);
            if (next != NOT_SIMPLE) {
                at.pc = next;
            } else {
                Machine.Outcome end = stepOnly(in, c, at, first);
                if (end != null) {
                    return end;
                }
            }
            first = false;
        }
    }

    /** Instructions that only threads execute; returns how the step ended, or null to go on. */
    private Machine.Outcome stepOnly(Instr in, Ctx c, Cursor at, boolean first) {
        int[] s = c.g;
        switch (in) {
            case Instr.Label l -> {
                if (!first) {
                    s[c.fb + Layout.FRAME_PC] = at.pc;
                    return Machine.Outcome.DONE;
                }
                at.pc++;
            }
            case Instr.Await a -> {
                if (!awaitHolds(a, c)) {
                    c.blockSite = a.site();
                    return Machine.Outcome.BLOCKED;
                }
                at.pc++;
            }
            case Instr.LockOp l -> {
                int addr = ev.addr(l.lock(), c);
                boolean acquire = switch (l.action()) {
                    case LOCK, DOWN_READ, DOWN_WRITE -> true;
                    default -> false;
                };
                if (c.audit != null && acquire) {
                    c.audit.blocking(addr, AccessKind.LOCK, l.site());
                }
                Locks.Outcome o = Locks.apply(s, addr, l.action(), c.thread, l.site());
                if (o == Locks.Outcome.BLOCKED) {
                    c.blockSite = l.site();
                    c.blockAddr = addr;
                    return Machine.Outcome.BLOCKED;
                }
                if (o == Locks.Outcome.QUEUED) {
                    if (c.audit != null) {
                        c.audit.access(c, addr, -1, AccessKind.LOCK, l.site());
                    }
                    s[c.fb + Layout.FRAME_PC] = at.pc;    // queued: the next step tries again from here
                    return Machine.Outcome.DONE;
                }
                if (c.audit != null) {
                    c.audit.access(c, addr, -1, acquire ? AccessKind.LOCK : AccessKind.UNLOCK, l.site());
                }
                at.pc++;
            }
            case Instr.TryLock tl -> {
                int addr = ev.addr(tl.lock(), c);
                boolean got = Locks.tryLock(s, addr, c.thread);
                if (c.audit != null) {
                    c.audit.access(c, addr, -1, got ? AccessKind.LOCK : AccessKind.TRYLOCK_FAILED, tl.site());
                }
                m.store(tl.dst(), got ? 1 : 0, 0, 1, -1, c);
                at.pc++;
            }
            case Instr.Choose ch -> {
                int k = c.oracle.choose(ch.targets().length);
                note(c, "either:" + (k + 1));
                at.pc = ch.targets()[k];
            }
            case Instr.Pick p -> {
                int n = ev.count(p.domain(), c);
                if (n == 0) {
                    c.blockSite = p.site();
                    return Machine.Outcome.BLOCKED;
                }
                int v = ev.elem(p.domain(), c.oracle.choose(n), c);
                note(c, p.name() + "=" + m.format.scalar(p.type(), v));
                m.store(p.var(), v, Integer.MIN_VALUE, Integer.MAX_VALUE, -1, c);
                at.pc++;
            }
            case Instr.Call call -> call(call, c, at);
            case Instr.Return r -> {
                return ret(r, c, at);
            }
            default -> throw new IllegalStateException("unexpected instruction " + in);
        }
        return null;
    }

    /** Pushes the callee's frame (in the thread's region of the state) and continues in it. */
    private void call(Instr.Call call, Ctx c, Cursor at) {
        int[] s = c.g;
        int calleeFb = layout.frameBase(c.thread, call.proc());
        ProcCode callee = m.ir.procs().get(call.proc());
        m.writeArgs(call.args(), callee, c, s, calleeFb);
        s[c.fb + Layout.FRAME_PC] = at.pc;
        s[calleeFb + Layout.FRAME_CALLER] = at.top;
        s[calleeFb + Layout.FRAME_PC] = 0;
        s[layout.threadBase(c.thread) + Layout.TOP] = call.proc();
        at.top = call.proc();
        at.code = callee.code();
        at.pc = 0;
        c.fb = calleeFb;
    }

    /** Pops the frame; stores the value into the caller's destination, or ends the thread. */
    private Machine.Outcome ret(Instr.Return r, Ctx c, Cursor at) {
        int[] s = c.g;
        int v = r.value() == null ? 0 : ev.eval(r.value(), c);
        int caller = s[c.fb + Layout.FRAME_CALLER];
        if (caller < 0) {
            c.shared = true;                       // ending reads every lock and is visible to the judge
            m.finish(s, c.thread);                 // clears the region; a fault leaves the frame whole
            return Machine.Outcome.DONE;
        }
        java.util.Arrays.fill(s, c.fb, c.fb + m.ir.procs().get(at.top).frameSize(), 0);
        at.top = caller;
        at.code = m.ir.procs().get(caller).code();
        c.fb = layout.frameBase(c.thread, caller);
        s[layout.threadBase(c.thread) + Layout.TOP] = caller;
        int callPc = s[c.fb + Layout.FRAME_PC];
        Instr.Call call = (Instr.Call) at.code.get(callPc);
        if (call.dst() != null) {
            m.store(call.dst(), v, call.lo(), call.hi(), call.site(), c);
        }
        at.pc = callPc + 1;
        return null;
    }

    int runInline(ProcCode p, Ctx c) {
        List<Instr> code = p.code();
        int pc = 0;
        while (true) {
            budget(c);
            Instr in = code.get(pc);
            if (c.audit != null) {
                at(c, in);
            }
            int next = simple(in, c, pc);
            if (next == NOT_SIMPLE) {
                if (in instanceof Instr.Return r) {
                    return r.value() == null ? 0 : ev.eval(r.value(), c);
                }
                throw new IllegalStateException("instruction " + in + " in inline procedure " + p.name());
            }
            pc = next;
        }
    }

    /** Instructions that mean the same in steps and inline runs; returns the next pc or NOT_SIMPLE. */
    private int simple(Instr in, Ctx c, int pc) {
        switch (in) {
            case Instr.Store st -> m.store(st.place(), ev.eval(st.value(), c), st.lo(), st.hi(), st.site(), c);
            case Instr.Update u -> Updates.update(m, u, c);
            case Instr.Atomic a -> Updates.atomic(m, a, c);
            case Instr.Copy cp -> {
                int[] from = Evaluator.array(cp.from(), c);
                int[] to = Evaluator.array(cp.to(), c);
                int src = ev.addr(cp.from(), c);
                int dst = ev.addr(cp.to(), c);
                if (c.audit != null) {
                    Updates.recordCopy(c, cp, src, dst);
                }
                System.arraycopy(from, src, to, dst, cp.width());
            }
            case Instr.Fill f -> {
                int v = ev.eval(f.value(), c);
                if (v < f.lo() || v > f.hi()) {
                    throw new EvalError(RuntimeError.VALUE_OUT_OF_RANGE, f.site(), v, (int) f.lo(), (int) f.hi());
                }
                int at = ev.addr(f.place(), c);
                if (c.audit != null && f.place().global()) {
                    for (int i = 0; i < f.count(); i++) {
                        c.audit.access(c, at + i, -1, AccessKind.WRITE, f.site());
                    }
                }
                java.util.Arrays.fill(Evaluator.array(f.place(), c), at, at + f.count(), v);
            }
            case Instr.Zero z -> {
                int at = ev.addr(z.place(), c);
                java.util.Arrays.fill(Evaluator.array(z.place(), c), at, at + z.width(), 0);
            }
            case Instr.Jump j -> {
                return j.target();
            }
            case Instr.JumpIfNot j -> {
                return ev.eval(j.cond(), c) == 0 ? j.target() : pc + 1;
            }
            case Instr.JumpIfDone j -> {
                return ev.eval(j.index(), c) >= ev.count(j.domain(), c) ? j.target() : pc + 1;
            }
            case Instr.ElemAt e -> m.store(e.var(), ev.elem(e.domain(), ev.eval(e.index(), c), c),
                    Integer.MIN_VALUE, Integer.MAX_VALUE, -1, c);
            case Instr.Check k -> {
                if (checkFails(k, c)) {
                    throw new EvalError(k.kind() == org.mmspec.spec.semantics.Fault.Kind.ASSERTION
                            ? RuntimeError.ASSERTION : RuntimeError.BUG, k.site());
                }
            }
            case Instr.ListOp l -> Lists.apply(ev, l, c);
            case Instr.RunInline r -> {
                int v = m.runInline(r.proc(), r.args(), c);
                if (r.dst() != null) {
                    m.store(r.dst(), v, r.lo(), r.hi(), r.site(), c);
                }
            }
            case Instr.Ghost gh -> {
                if (c.audit != null) {
                    c.audit.ghost(gh.begin());
                }
            }
            case Instr.MissingReturn mr -> throw new EvalError(RuntimeError.MISSING_RETURN, mr.site());
            default -> {
                return NOT_SIMPLE;
            }
        }
        return pc + 1;
    }

    /**
     * An {@code await}: for the audit, a blocking wait that must come first in its step and, once its
     * condition holds, a right mover (the wake-up); the condition says what wakes the sleeper and is not
     * itself audited.
     */
    private boolean awaitHolds(Instr.Await a, Ctx c) {
        if (c.audit == null) {
            return ev.eval(a.cond(), c) != 0;
        }
        c.audit.blocking(-1, AccessKind.AWAIT, a.site());
        c.audit.mute++;
        boolean holds = ev.eval(a.cond(), c) != 0;
        c.audit.mute--;
        if (holds) {
            c.audit.woken(a.site());
        }
        return holds;
    }

    /** An assertion's condition is the model's own check, not a kernel access: the audit does not see it. */
    private boolean checkFails(Instr.Check k, Ctx c) {
        if (c.audit == null) {
            return ev.eval(k.cond(), c) == 0;
        }
        c.audit.mute++;
        boolean fails = ev.eval(k.cond(), c) == 0;
        c.audit.mute--;
        return fails;
    }

    /** Tells the audit which statement runs (the position of accesses without one of their own). */
    private static void at(Ctx c, Instr in) {
        int site = switch (in) {
            case Instr.Store s -> s.site();
            case Instr.Update u -> u.site();
            case Instr.Atomic a -> a.site();
            case Instr.Fill f -> f.site();
            case Instr.LockOp l -> l.site();
            case Instr.TryLock t -> t.site();
            case Instr.ListOp l -> l.site();
            case Instr.Await a -> a.site();
            case Instr.Call k -> k.site();
            case Instr.RunInline r -> r.site();
            case Instr.Pick p -> p.site();
            default -> -1;
        };
        if (site >= 0) {
            c.audit.site = site;
        }
    }

    private static void budget(Ctx c) {
        if (++c.executed > Ctx.STEP_LIMIT) {
            throw new EvalError(RuntimeError.STEP_TOO_LONG, -1, Ctx.STEP_LIMIT, 0, 0);
        }
        c.spend(1);
    }

    private static void note(Ctx c, String choice) {
        if (c.choices != null) {
            c.choices.append(c.choices.isEmpty() ? "" : " ").append(choice);
        }
    }
}
