package org.mmspec.ref.system;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.KernelState;

/** Drives chosen interleavings of spawned threads through a {@link KernelSystem}, for interleaving tests. */
public final class Stepper {

    private final KernelSystem sys;
    private KernelState s;

    /** A system over {@code k}'s current state (threads already spawned), with threads named T0, T1, .... */
    public Stepper(Kernel k) {
        Config c = k.config();
        List<String> names = new java.util.ArrayList<>();
        for (int t = 0; t < c.nrThreads(); t++) {
            names.add("T" + t);
        }
        this.sys = new KernelSystem(c, k.state(), names);
        this.s = sys.initialState();
    }

    public KernelSystem system() {
        return sys;
    }

    public KernelState state() {
        return s;
    }

    /** One step of {@code tid}; fails if it cannot move. Returns the step's label. */
    public String step(int tid) {
        KernelState next = sys.step(s, tid);
        assertNotNull(next, () -> "T" + tid + " cannot move: " + sys.blockReason(s, tid).describe());
        String label = sys.label(s, tid, next).step();
        s = next;
        return label;
    }

    /** Whether {@code tid} can take a step now. */
    public boolean canMove(int tid) {
        return sys.step(s, tid) != null;
    }

    /** The label of the step {@code tid} would take next (procedure:point). */
    public String next(int tid) {
        return sys.label(s, tid, s).step();
    }

    /** Steps {@code tid} until the step about to run is labelled {@code point} (procedure:point). */
    public void runUntil(int tid, String point) {
        for (int i = 0; i < 200; i++) {
            if (next(tid).equals(point)) {
                return;
            }
            step(tid);
        }
        throw new AssertionError("T" + tid + " never reached " + point);
    }

    /** Steps {@code tid} until {@code done} holds of the machine. */
    public void runUntil(int tid, java.util.function.Predicate<Kernel> done) {
        for (int i = 0; i < 200; i++) {
            if (done.test(kernel())) {
                return;
            }
            step(tid);
        }
        throw new AssertionError("T" + tid + " never got there");
    }

    /** Steps {@code tid} until it finishes. */
    public void finish(int tid) {
        for (int i = 0; i < 500 && sys.phase(s, tid) != org.mmspec.spec.semantics.ThreadPhase.FINISHED; i++) {
            step(tid);
        }
    }

    /** A machine positioned at the current state, to look at it through the kernel objects. */
    public Kernel kernel() {
        return Kernel.resume(sys.config(), s);
    }
}
