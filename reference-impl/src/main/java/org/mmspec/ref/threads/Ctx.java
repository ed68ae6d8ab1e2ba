package org.mmspec.ref.threads;

import static org.mmspec.ref.state.Layout.FR_HEADER;
import static org.mmspec.ref.state.Layout.FR_PC;
import static org.mmspec.ref.state.Layout.FR_PROC;
import static org.mmspec.ref.state.Layout.FR_RET;
import static org.mmspec.ref.state.Layout.TH_HELD;
import static org.mmspec.ref.state.Layout.TH_RET;
import static org.mmspec.ref.state.Layout.TH_SP;
import static org.mmspec.ref.state.Layout.TH_STATUS;

import org.mmspec.ref.Kernel;
import org.mmspec.ref.bugs.BugId;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;
import org.mmspec.ref.sync.LockClass;
import org.mmspec.ref.sync.OopsKind;

/**
 * The running thread's view of the machine during one step: "current" in kernel terms. It gives a
 * procedure its locals and the operations that move its program counter: continue, yield (end of the
 * atomic step), call, return, block and sleep.
 */
public final class Ctx {

    private final Kernel k;
    private final Layout l;
    private final Mem m;
    private int tid;
    private int frame;
    BlockKind blockKind = BlockKind.NONE;
    int blockA;
    int blockB;
    private int acquiredThisStep;

    public Ctx(Kernel k) {
        this.k = k;
        this.l = k.layout();
        this.m = k.mem();
        this.tid = k.config().nrThreads();
        this.frame = -1;
    }

    /** Makes {@code tid} current; its top frame becomes the one procedures see. */
    void enter(int tid) {
        this.tid = tid;
        this.blockKind = BlockKind.NONE;
        this.acquiredThisStep = 0;
        refreshFrame();
    }

    private void refreshFrame() {
        int sp = m.peek(l.thread(tid, TH_SP));
        frame = sp == 0 ? -1 : l.frame(tid, sp - 1, 0);
    }

    public Kernel k() {
        return k;
    }

    /** The current thread id. */
    public int tid() {
        return tid;
    }

    /** The CPU the current thread runs on. */
    public int cpu() {
        return tid % k.config().nrCpus();
    }

    /** Whether a historic bug is switched on. */
    public boolean bug(BugId id) {
        return k.config().bug(id);
    }

    // ---- locals ----

    public int local(int i) {
        return m.peek(frame + FR_HEADER + i);
    }

    public void set(int i, int v) {
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
        m.poke(frame + FR_PC, pc);
        return Flow.CONTINUE;
    }

    /** Ends the atomic step; the thread resumes at {@code pc}, an interleaving point. */
    public Flow yieldTo(int pc) {
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
        m.poke(frame + FR_PC, returnPc);
        int sp = m.peek(l.thread(tid, TH_SP));
        if (sp >= k.config().stackDepth()) {
            throw k.bug(OopsKind.MODEL_CAPACITY, -1, sp);
        }
        int f = l.frame(tid, sp, 0);
        m.poke(f + FR_PROC, p.id() + 1);
        m.poke(f + FR_PC, 0);
        m.poke(f + FR_RET, 0);
        int locals = k.config().nrLocals();
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
        int sp = m.peek(l.thread(tid, TH_SP));
        int locals = k.config().nrLocals();
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
     * The step cannot be taken now; records what it waits for. A step that already took a lock must not
     * block on another: the state "holding one, waiting for the other" would be lost (the whole step is
     * discarded), so that is reported as a model error — end the step before the second acquisition.
     */
    public Flow block(BlockKind kind, int a, int b) {
        if (acquiredThisStep > 0) {
            throw k.bug(OopsKind.MODEL_MISUSE, 100 + kind.ordinal(), acquiredThisStep);
        }
        blockKind = kind;
        blockA = a;
        blockB = b;
        return Flow.BLOCK;
    }

    /** Goes to sleep on a wait queue ({@code io_schedule()}); resumes at {@code pc} once woken. */
    public Flow sleep(int pc) {
        m.set(l.thread(tid, TH_STATUS), ThreadStatus.SLEEPING.ordinal());
        return yieldTo(pc);
    }

    /** Goes idle (a daemon's sleep with no work); resumes at {@code pc} once woken. */
    public Flow idle(int pc) {
        m.set(l.thread(tid, TH_STATUS), ThreadStatus.IDLE.ordinal());
        return yieldTo(pc);
    }

    // ---- lock-order bookkeeping (ghost) ----

    /**
     * Notes a blocking acquisition of a lock of class {@code c} (or an attempt that is about to sleep).
     * If the thread already holds a lock of a later class, the first such inversion is recorded for
     * the {@code lock_order} invariant.
     */
    public void acquiring(LockClass c) {
        k.ghost().checkLockOrder(tid, c);
    }

    /** Counts a lock of class {@code c} as held (after acquiring or a successful trylock). */
    public void held(LockClass c) {
        int w = l.thread(tid, TH_HELD);
        int count = (m.get(w) >>> c.shift()) & 0xF;
        if (count == 0xF) {
            throw k.bug(OopsKind.MODEL_CAPACITY, -2, c.ordinal());
        }
        m.add(w, 1 << c.shift());
        acquiredThisStep++;
    }

    /**
     * Counts a lock of class {@code c} as released. The page lock may be released by another context
     * than the one that took it (I/O completion unlocks pages), so it is not checked.
     */
    public void released(LockClass c) {
        int w = l.thread(tid, TH_HELD);
        int count = (m.get(w) >>> c.shift()) & 0xF;
        if (count == 0) {
            if (c == LockClass.PAGE_LOCK) {
                return;
            }
            throw k.bug(OopsKind.UNLOCK_NOT_HELD, c.ordinal(), 0);
        }
        m.add(w, -(1 << c.shift()));
    }
}
