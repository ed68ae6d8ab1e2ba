package org.mmspec.spec.eval;

/**
 * The mutable context of one run: the state being built, the running frame, the thread, the choice
 * oracle, an instruction budget, and where the run blocked.
 */
final class Ctx {

    /** Instructions one step may execute before it is a model error. */
    static final int STEP_LIMIT = 200_000;

    final int[] g;
    int[] f;
    int fb;
    final int thread;
    final Oracle oracle;
    int executed;
    int blockSite = -1;
    int blockAddr = -1;
    StringBuilder choices;

    Ctx(int[] g, int[] f, int fb, int thread, Oracle oracle) {
        this.g = g;
        this.f = f;
        this.fb = fb;
        this.thread = thread;
        this.oracle = oracle;
    }

    /** A context for running a procedure inline with a fresh frame, sharing this one's state and budget. */
    Ctx inline(int[] frame) {
        Ctx c = new Ctx(g, frame, 0, thread, oracle);
        c.executed = executed;
        c.choices = choices;
        return c;
    }
}
