package org.mmspec.ref;

import static org.mmspec.ref.state.Layout.G_OOPS_AUX;
import static org.mmspec.ref.state.Layout.G_OOPS_KIND;
import static org.mmspec.ref.state.Layout.G_OOPS_OBJ;

import org.mmspec.ref.io.IoCompletion;
import org.mmspec.ref.sched.ThreadStatus;
import org.mmspec.ref.sched.Threads;
import org.mmspec.ref.state.KernelState;
import org.mmspec.ref.state.Mem;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Executor;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.spec.semantics.Fault;

/**
 * Runs a step-machine procedure to completion in the sequential thread slot, with no other thread
 * interleaved: the same code the explorer interleaves, called like a function. If it would block or
 * sleep, or hits a kernel BUG, the machine is rolled back and the outcome says why.
 *
 * <p>I/O the call submits completes as interrupts would deliver it: whenever the call would sleep or
 * wait, and when it returns, the I/O completion context ({@link IoCompletion}) runs until the request
 * queue is empty — in an empty scenario thread slot (sequential calls run before a scenario's threads
 * are spawned, so the state vector needs no slot of its own for it); a call waiting for its own I/O (a
 * swap-in's {@code lock_page}) then goes on.
 */
final class Sequential {

    private static final int MAX_STEPS = 100_000;

    private final Kernel k;

    Sequential(Kernel k) {
        this.k = k;
    }

    Outcome run(Procedure p, int a0, int a1, int a2, int a3) {
        Mem m = k.mem();
        KernelState before = m.snapshot();
        int tid = k.sequentialTid();
        Threads threads = k.threads();
        threads.spawn(tid, p.id(), a0, a1, a2, a3);
        for (int steps = 0; steps < MAX_STEPS; steps++) {
            KernelState pre = k.bios().headOp() != 0 ? m.snapshot() : null;
            Executor.Result r = k.executor().step(tid);
            ThreadStatus s = threads.status(tid);
            boolean stuck = r == Executor.Result.DISABLED || s == ThreadStatus.SLEEPING || s == ThreadStatus.IDLE;
            if (stuck && pre != null) {
                if (r == Executor.Result.DISABLED) {
                    m.load(pre);
                }
                Outcome irq = drainIo();
                if (irq != null) {
                    m.load(before);
                    return irq;
                }
                continue;
            }
            if (stuck) {
                var reason = k.blockReasons().describe(tid, t -> "T" + t);
                m.load(before);
                return new Outcome.WouldBlock(reason);
            }
            if (s == ThreadStatus.DEAD) {
                Outcome bug = bug(tid);
                m.load(before);
                return bug;
            }
            if (s == ThreadStatus.FINISHED) {
                int value = threads.returnValue(tid);
                threads.reap(tid);
                Outcome irq = drainIo();
                if (irq != null) {
                    m.load(before);
                    return irq;
                }
                return new Outcome.Returned(value);
            }
        }
        m.load(before);
        return new Outcome.KernelBug(new Fault(Fault.Kind.MODEL_ERROR, -1,
                p.name() + " did not finish within " + MAX_STEPS + " steps"));
    }

    /** Completes every queued block request now; {@link Outcome.Returned} 0, or what went wrong. */
    Outcome completeIo() {
        Outcome o = drainIo();
        return o == null ? new Outcome.Returned(0) : o;
    }

    /** Completes every queued block request in the I/O slot; null, or the BUG the completion hit. */
    private Outcome drainIo() {
        if (k.bios().headOp() == 0) {
            return null;
        }
        Threads threads = k.threads();
        int irq = -1;
        for (int t = k.config().nrThreads() - 1; t >= 0 && irq < 0; t--) {
            if (threads.status(t) == ThreadStatus.EMPTY) {
                irq = t;
            }
        }
        if (irq < 0) {
            return new Outcome.KernelBug(new Fault(Fault.Kind.MODEL_ERROR, -1,
                    "I/O is queued but no empty thread slot is left to complete it in (a sequential call needs one)"));
        }
        threads.spawn(irq, k.procedures().of(IoCompletion.class).id(), 1, 0, 0, 0);
        for (int steps = 0; steps < MAX_STEPS; steps++) {
            Executor.Result r = k.executor().step(irq);
            ThreadStatus s = threads.status(irq);
            if (s == ThreadStatus.DEAD) {
                return bug(irq);
            }
            if (s == ThreadStatus.FINISHED) {
                threads.reap(irq);
                return null;
            }
            if (r == Executor.Result.DISABLED || s != ThreadStatus.RUNNING) {
                return new Outcome.KernelBug(new Fault(Fault.Kind.MODEL_ERROR, -1,
                        "the I/O completion context cannot go on: " + k.blockReasons().describe(irq, t -> "T" + t)
                                .describe()));
            }
        }
        return new Outcome.KernelBug(new Fault(Fault.Kind.MODEL_ERROR, -1, "I/O completion did not finish"));
    }

    private Outcome bug(int tid) {
        Mem m = k.mem();
        OopsKind kind = OopsKind.of(m.get(G_OOPS_KIND) - 1);
        String where = k.executor().where(tid);
        return new Outcome.KernelBug(new Fault(kind.faultKind(), -1, kind.render(where, m.get(G_OOPS_OBJ),
                m.get(G_OOPS_AUX))));
    }
}
