package org.mmspec.ref.threads;

/**
 * A kernel procedure written as an explicit step machine: its program counter and locals live in a
 * frame of the running thread's stack inside the state vector, so a half-finished procedure is part
 * of the state and another thread can run between any two of its steps.
 *
 * <p>Subclasses implement {@link #run(Ctx, int)}: given the current program point, do what the kernel
 * does up to the next synchronisation point and say so with a {@link Flow}. The program points are
 * named after kernel code points; {@code name()} is the kernel function.
 *
 * <p>A sequential call runs the same steps to completion with no other thread interleaved
 * ({@code Kernel.run}), so there is one implementation of each procedure, not two.
 *
 * <p>A procedure is built once per machine with the kernel objects it uses and the procedures it
 * calls (constructor parameters), never with the whole machine. Its number — what a frame stores — is
 * its position in the machine's {@link ProcedureTable}, bound when the table is built.
 */
public abstract class Procedure {

    private final String name;
    private final String[] points;
    private int id = -1;

    /**
     * @param name the kernel function modelled, e.g. {@code do_wp_page}
     * @param points names of the program points, indexed by program counter
     */
    protected Procedure(String name, String... points) {
        this.name = name;
        this.points = points.clone();
    }

    /** The kernel function this models. */
    public final String name() {
        return name;
    }

    /** The name of program point {@code pc}, e.g. {@code reuse_check}. */
    public final String point(int pc) {
        return pc >= 0 && pc < points.length ? points[pc] : "pc" + pc;
    }

    /** Number of program points. */
    public final int points() {
        return points.length;
    }

    /** Runs from program point {@code pc} of the top frame of {@code c}'s thread. */
    protected abstract Flow run(Ctx c, int pc);

    /** Arguments worth showing in a trace label, from the frame's locals (e.g. {@code "pfn=3"}). */
    protected String detail(FrameView f) {
        return "";
    }

    /** The trace-label detail of a frame of this procedure. */
    public final String describe(FrameView f) {
        return detail(f);
    }

    /** The procedure's number in its machine's {@link ProcedureTable}. */
    public final int id() {
        if (id < 0) {
            throw new IllegalStateException(name + " is in no procedure table");
        }
        return id;
    }

    /** Binds the number, once: only {@link ProcedureTable} does, when the machine is built. */
    final void bind(int number) {
        if (id >= 0) {
            throw new IllegalStateException(name + " is in two procedure tables");
        }
        id = number;
    }

    @Override
    public final String toString() {
        return name;
    }
}
