package org.mmspec.ref.sync;

/**
 * Thrown inside kernel code when it hits {@code BUG()}: like the kernel's oops, control does not come
 * back to the caller. The step executor catches it at the step boundary and turns it into a value
 * (recorded in the state, the thread stopped); sequential callers get it as an
 * {@code Outcome} through {@code Kernel.attempt}. Kernel-internal
 * methods that can BUG say so with {@code @throws Oops}.
 *
 * <p>The oops does not know which kernel function hit it: whoever catches it names the function from
 * the thread's stack ({@link OopsKind#render}), so kernel objects need not know about threads.
 */
public final class Oops extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient OopsKind kind;
    private final int obj;
    private final int aux;

    public Oops(OopsKind kind, int obj, int aux) {
        super(kind.name() + " obj=" + obj + " aux=" + aux, null, false, false);
        this.kind = kind;
        this.obj = obj;
        this.aux = aux;
    }

    public OopsKind kind() {
        return kind;
    }

    public int obj() {
        return obj;
    }

    public int aux() {
        return aux;
    }

    /** The one-line message, naming {@code where} (the kernel function that hit the BUG). */
    public String message(String where) {
        return kind.render(where, obj, aux);
    }
}
