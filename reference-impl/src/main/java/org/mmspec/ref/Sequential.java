package org.mmspec.ref;

import static org.mmspec.ref.state.Layout.G_OOPS_AUX;
import static org.mmspec.ref.state.Layout.G_OOPS_KIND;
import static org.mmspec.ref.state.Layout.G_OOPS_OBJ;

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
            Executor.Result r = k.executor().step(tid);
            ThreadStatus s = threads.status(tid);
            if (r == Executor.Result.DISABLED || s == ThreadStatus.SLEEPING || s == ThreadStatus.IDLE) {
                var reason = k.blockReasons().describe(tid, t -> "T" + t);
                m.load(before);
                return new Outcome.WouldBlock(reason);
            }
            if (s == ThreadStatus.DEAD) {
                OopsKind kind = OopsKind.of(m.get(G_OOPS_KIND) - 1);
                String where = k.executor().where(tid);
                Fault fault = new Fault(kind.faultKind(), -1, kind.render(where, m.get(G_OOPS_OBJ), m.get(G_OOPS_AUX)));
                m.load(before);
                return new Outcome.KernelBug(fault);
            }
            if (s == ThreadStatus.FINISHED) {
                int value = threads.returnValue(tid);
                threads.reap(tid);
                return new Outcome.Returned(value);
            }
        }
        m.load(before);
        return new Outcome.KernelBug(new Fault(Fault.Kind.MODEL_ERROR, -1,
                p.name() + " did not finish within " + MAX_STEPS + " steps"));
    }
}
