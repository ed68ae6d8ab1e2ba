package org.mmspec.ref.threads;

import static org.mmspec.ref.state.Layout.G_OOPS_AUX;
import static org.mmspec.ref.state.Layout.G_OOPS_KIND;
import static org.mmspec.ref.state.Layout.G_OOPS_OBJ;
import static org.mmspec.ref.state.Layout.G_OOPS_TID;

import org.mmspec.ref.sched.ThreadStatus;
import org.mmspec.ref.sched.Threads;
import org.mmspec.ref.state.Mem;
import org.mmspec.ref.sync.BlockKind;
import org.mmspec.ref.sync.Current;
import org.mmspec.ref.sync.Ghost;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;

/**
 * Runs one atomic step of one thread on the loaded state: the top frame's procedure runs from its
 * program counter through calls and returns until it yields, blocks or the thread finishes. A
 * kernel BUG stops the thread (DEAD) and records the oops in the state.
 */
public final class Executor {

    /** Internal transitions allowed within one atomic step before it counts as a model error. */
    private static final int MAX_INTERNAL = 10_000;

    private final Mem m;
    private final Threads threads;
    private final Ghost ghost;
    private final Current current;
    private final Ctx c;
    private final ProcedureTable procedures;
    private StepObserver observer;

    public Executor(Mem m, Threads threads, Ghost ghost, Current current, Ctx c, ProcedureTable procedures) {
        this.m = m;
        this.threads = threads;
        this.ghost = ghost;
        this.current = current;
        this.c = c;
        this.procedures = procedures;
    }

    /**
     * Re-runs {@code tid}'s step from {@code before} segment by segment, for trace labels (off the hot
     * path; the machine is left at an unspecified state).
     */
    public StepTrace.Trace trace(org.mmspec.ref.state.KernelState before, int tid) {
        return StepTrace.trace(m, threads, ghost, c, procedures, before, tid);
    }

    /** Has {@code o} watch every step from now on ({@code null}: none, the ordinary search). */
    public void observe(StepObserver o) {
        this.observer = o;
    }

    /** What a step attempt did. */
    public enum Result {
        /** The thread took a step (the state changed, or at least its program counter did). */
        MOVED,
        /** The thread cannot move now; the state must be discarded. */
        DISABLED
    }

    /**
     * Attempts one atomic step of {@code tid}. On DISABLED the caller discards the working state. A step
     * that ends by queueing the thread on an rwsem's wait list is a move: the thread waits in the queue
     * (its attempts are disabled) and, once woken or handed the lock, runs the same code point again.
     */
    public Result step(int tid) {
        ThreadStatus s = threads.status(tid);
        if (s != ThreadStatus.READY && s != ThreadStatus.RUNNING) {
            return Result.DISABLED;
        }
        if (s == ThreadStatus.READY) {
            threads.setOwnStatus(tid, ThreadStatus.RUNNING);
        }
        ghost.clearEvents();
        c.enter(tid);
        StepObserver obs = observer;
        if (obs != null) {
            obs.beginStep(tid, current.cpu());
        }
        try {
            return runStep(tid, obs);
        } catch (Oops o) {
            c.flowPoint();
            if (obs != null) {
                obs.endStep(true);
            }
            dead(tid, o, obs);
            return Result.MOVED;
        } finally {
            current.leave();
        }
    }

    /** Runs the thread's frames until a procedure yields, blocks or the stack empties. */
    private Result runStep(int tid, StepObserver obs) {
        for (int n = 0; n < MAX_INTERNAL; n++) {
            if (!c.hasFrame()) {
                return finish(tid, obs);
            }
            int procId = c.procId();
            Procedure p = procedures.byId(procId);
            int pc = c.pc();
            if (obs != null) {
                obs.at(procId, pc);
            }
            Flow f = p.run(c, pc);
            if (f == Flow.YIELD) {
                return c.hasFrame() ? moved(tid, obs) : finish(tid, obs);
            }
            if (f == Flow.BLOCK) {
                if (current.queued()) {
                    return moved(tid, obs);
                }
                if (obs != null) {
                    obs.endStep(false);
                }
                return Result.DISABLED;
            }
        }
        throw new Oops(OopsKind.MODEL_MISUSE, 1, MAX_INTERNAL);
    }

    private Result finish(int tid, StepObserver obs) {
        Result r = moved(tid, obs);
        if (threads.ownStatus(tid) != ThreadStatus.DEAD) {
            threads.setOwnStatus(tid, ThreadStatus.FINISHED);
        }
        return r;
    }

    /** The step completed: the observer may still find it broke a rule visible only at its end. */
    private Result moved(int tid, StepObserver obs) {
        if (obs != null) {
            Oops late = obs.endStep(true);
            if (late != null) {
                dead(tid, late, obs);
            }
        }
        return Result.MOVED;
    }

    private void dead(int tid, Oops o, StepObserver obs) {
        recordOops(tid, o);
        if (o.kind() == OopsKind.ATOMICITY && obs != null) {
            obs.report(m);
        }
        threads.setOwnStatus(tid, ThreadStatus.DEAD);
    }

    private void recordOops(int tid, Oops o) {
        if (m.peek(G_OOPS_KIND) == 0) {
            m.poke(G_OOPS_KIND, o.kind().ordinal() + 1);
            m.poke(G_OOPS_TID, tid + 1);
            m.poke(G_OOPS_OBJ, o.obj());
            m.poke(G_OOPS_AUX, o.aux());
        }
    }

    /** What the current step blocked on (valid right after a DISABLED result from a blocked lock). */
    public BlockKind blockKind() {
        return current.blockKind();
    }

    public int blockA() {
        return current.blockA();
    }

    public int blockB() {
        return current.blockB();
    }

    /** The procedure of frame {@code depth} of {@code tid}. */
    public Procedure procedureAt(int tid, int depth) {
        return procedures.byId(threads.procedureNumberAt(tid, depth));
    }

    /**
     * The kernel function a BUG of {@code tid} is reported in: the procedure on top of its stack, or
     * {@code "kernel"} for a call made outside any step machine.
     */
    public String where(int tid) {
        int depth = threads.depth(tid);
        return depth == 0 ? "kernel" : procedureAt(tid, depth - 1).name();
    }
}
