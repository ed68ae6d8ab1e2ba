package org.mmspec.ref.threads;

import static org.mmspec.ref.state.Layout.FR_HEADER;
import static org.mmspec.ref.state.Layout.FR_PC;
import static org.mmspec.ref.state.Layout.FR_PROC;
import static org.mmspec.ref.state.Layout.FR_RET;
import static org.mmspec.ref.state.Layout.TH_RET;
import static org.mmspec.ref.state.Layout.TH_SP;
import static org.mmspec.ref.state.Layout.TH_STATUS;

import org.mmspec.ref.bugs.BugId;
import org.mmspec.ref.sched.ThreadStatus;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;
import org.mmspec.ref.sync.BlockKind;
import org.mmspec.ref.sync.Current;
import org.mmspec.ref.sync.LockClass;
import org.mmspec.ref.sync.ModelCapacity;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;

/**
 * The running thread's view of the machine during one step: "current" in kernel terms. It gives a
 * procedure its locals and the operations that move its program counter: continue, yield (end of the
 * atomic step), call, return and sleep; the thread's identity and lock bookkeeping are its
 * {@link Current}.
 */
public final class Ctx {

    private final Config config;
    private final Layout l;
    private final Mem m;
    private final Current current;
    private int frame;
    /** Set only while {@link StepTrace} re-runs a step for a trace label; null on the search's hot path. */
    private Runnable flowHook;

    public Ctx(Config config, Layout l, Mem m, Current current) {
        this.config = config;
        this.l = l;
        this.m = m;
        this.current = current;
        this.frame = -1;
    }

    /** Makes {@code tid} current; its top frame becomes the one procedures see. */
    void enter(int tid) {
        current.enter(tid);
        refreshFrame();
    }

    private void refreshFrame() {
        int sp = m.peek(l.thread(current.tid(), TH_SP));
        frame = sp == 0 ? -1 : l.frame(current.tid(), sp - 1, 0);
    }

    /** The current thread id. */
    public int tid() {
        return current.tid();
    }

    /** The CPU the current thread runs on. */
    public int cpu() {
        return current.cpu();
    }

    /** Whether a historic bug is switched on. */
    public boolean bug(BugId id) {
        return config.bug(id);
    }

    // ---- locals ----

    /** Local {@code i} of the top frame; a local beyond the machine's {@code locals} is a model error. */
    public int local(int i) {
        if (i >= config.nrLocals()) {
            throw new Oops(OopsKind.MODEL_CAPACITY, ModelCapacity.LOCALS, i);
        }
        return m.peek(frame + FR_HEADER + i);
    }

    /**
     * Local {@code i} of the top frame for a trace label ({@link Procedure#describe}): a local beyond the
     * machine's {@code locals} reads as zero, as it would in a larger machine that never set it.
     */
    public int localForLabel(int i) {
        return i < config.nrLocals() ? m.peek(frame + FR_HEADER + i) : 0;
    }

    public void set(int i, int v) {
        if (i >= config.nrLocals()) {
            throw new Oops(OopsKind.MODEL_CAPACITY, ModelCapacity.LOCALS, i);
        }
        m.poke(frame + FR_HEADER + i, v);
    }

    /** The value returned by the last procedure this frame called. */
    public int result() {
        return m.peek(frame + FR_RET);
    }

    int pc() {
        return m.peek(frame + FR_PC);
    }

    int procId() {
        return m.peek(frame + FR_PROC) - 1;
    }

    boolean hasFrame() {
        return frame >= 0;
    }

    // ---- control ----

    /** Goes on to {@code pc} within the same atomic step. */
    public Flow next(int pc) {
        flowPoint();
        m.poke(frame + FR_PC, pc);
        return Flow.CONTINUE;
    }

    /** Ends the atomic step; the thread resumes at {@code pc}, an interleaving point. */
    public Flow yieldTo(int pc) {
        flowPoint();
        m.poke(frame + FR_PC, pc);
        return Flow.YIELD;
    }

    /** Calls {@code p} with six arguments (its locals 0..5); the caller resumes at {@code returnPc}. */
    public Flow call(Procedure p, int returnPc, int a0, int a1, int a2, int a3, int a4, int a5) {
        call(p, returnPc, a0, a1, a2, a3);
        m.poke(frame + FR_HEADER + 4, a4);
        m.poke(frame + FR_HEADER + 5, a5);
        return Flow.CONTINUE;
    }

    public Flow call(Procedure p, int returnPc, int a0, int a1, int a2, int a3, int a4) {
        return call(p, returnPc, a0, a1, a2, a3, a4, 0);
    }

    /** Calls {@code p} with up to four arguments (its locals 0..3); the caller resumes at {@code returnPc}. */
    public Flow call(Procedure p, int returnPc, int a0, int a1, int a2, int a3) {
        flowPoint();
        m.poke(frame + FR_PC, returnPc);
        int tid = current.tid();
        int sp = m.peek(l.thread(tid, TH_SP));
        if (sp >= config.stackDepth()) {
            throw new Oops(OopsKind.MODEL_CAPACITY, ModelCapacity.STACK, sp);
        }
        int f = l.frame(tid, sp, 0);
        m.poke(f + FR_PROC, p.id() + 1);
        m.poke(f + FR_PC, 0);
        m.poke(f + FR_RET, 0);
        int locals = config.nrLocals();
        for (int i = 0; i < locals; i++) {
            m.poke(f + FR_HEADER + i, 0);
        }
        m.poke(f + FR_HEADER, a0);
        m.poke(f + FR_HEADER + 1, a1);
        m.poke(f + FR_HEADER + 2, a2);
        m.poke(f + FR_HEADER + 3, a3);
        m.poke(l.thread(tid, TH_SP), sp + 1);
        frame = f;
        return Flow.CONTINUE;
    }

    public Flow call(Procedure p, int returnPc, int a0, int a1, int a2) {
        return call(p, returnPc, a0, a1, a2, 0);
    }

    public Flow call(Procedure p, int returnPc, int a0, int a1) {
        return call(p, returnPc, a0, a1, 0, 0);
    }

    public Flow call(Procedure p, int returnPc, int a0) {
        return call(p, returnPc, a0, 0, 0, 0);
    }

    /** Returns {@code value} to the caller (the caller continues in the same atomic step). */
    public Flow ret(int value) {
        int tid = current.tid();
        flowPoint();
        int sp = m.peek(l.thread(tid, TH_SP));
        int locals = config.nrLocals();
        int f = frame;
        m.poke(f + FR_PROC, 0);
        m.poke(f + FR_PC, 0);
        m.poke(f + FR_RET, 0);
        for (int i = 0; i < locals; i++) {
            m.poke(f + FR_HEADER + i, 0);
        }
        m.poke(l.thread(tid, TH_SP), sp - 1);
        refreshFrame();
        if (frame >= 0) {
            m.poke(frame + FR_RET, value);
        } else {
            m.poke(l.thread(tid, TH_RET), value);
        }
        return Flow.CONTINUE;
    }

    /**
     * The step cannot be taken now: it waits for {@code kind} (a resource that is not a lock of
     * {@code sync.Locks}, such as a free block request). Must be the step's first action.
     */
    public Flow block(BlockKind kind, int a, int b) {
        current.block(kind, a, b);
        return Flow.BLOCK;
    }

    /** Goes to sleep on a wait queue ({@code io_schedule()}); resumes at {@code pc} once woken. */
    public Flow sleep(int pc) {
        m.set(l.thread(current.tid(), TH_STATUS), ThreadStatus.SLEEPING.ordinal());
        return yieldTo(pc);
    }

    /** Goes idle (a daemon's sleep with no work); resumes at {@code pc} once woken. */
    public Flow idle(int pc) {
        m.set(l.thread(current.tid(), TH_STATUS), ThreadStatus.IDLE.ordinal());
        return yieldTo(pc);
    }

    /**
     * Marks a point where control leaves the running procedure's code: a flow operation above, or a
     * kernel BUG (the executor calls it when an oops ends the step). Does nothing unless a step is being
     * traced for its label.
     */
    public void flowPoint() {
        if (flowHook != null) {
            flowHook.run();
        }
    }

    void setFlowHook(Runnable hook) {
        this.flowHook = hook;
    }

    // ---- lock bookkeeping (ghost), for procedures that take locks themselves ----

    /** See {@link Current#acquiring}. */
    public void acquiring(LockClass c) {
        current.acquiring(c);
    }

    /** See {@link Current#held}. */
    public void held(LockClass c) {
        current.held(c);
    }

    /** See {@link Current#released}. */
    public void released(LockClass c) {
        current.released(c);
    }
}
