package org.mmspec.spec.semantics;

/**
 * What a system tells the explorer about one thread's step besides its successors
 * ({@link TransitionSystem#successors(Object, int, StepInfo)}); one object is reused for every step.
 */
public final class StepInfo {

    private boolean local;

    /**
     * True when the step read and wrote only the stepping thread's own state — its program counter, its
     * frames and locals — and nothing shared (no global variable, lock or list): such a step commutes with
     * every step of every other thread, can neither enable nor disable one, and changes nothing an invariant
     * reads (invariants read shared state only). False when unknown.
     */
    public boolean local() {
        return local;
    }

    public void setLocal(boolean local) {
        this.local = local;
    }
}
