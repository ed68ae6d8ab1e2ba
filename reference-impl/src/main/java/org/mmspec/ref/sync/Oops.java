package org.mmspec.ref.sync;

import org.mmspec.ref.Kernel;

/**
 * Thrown inside kernel code when it hits {@code BUG()}: like the kernel's oops, control does not come
 * back to the caller. The step executor catches it at the step boundary and turns it into a value
 * (recorded in the state, the thread stopped); sequential callers get it as an
 * {@link org.mmspec.ref.Outcome} through {@link org.mmspec.ref.Kernel#attempt}. Kernel-internal
 * methods that can BUG say so with {@code @throws Oops}.
 */
public final class Oops extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient OopsKind kind;
    private final int obj;
    private final int aux;
    private final String where;

    public Oops(OopsKind kind, String where, int obj, int aux) {
        super(kind.render(where, obj, aux), null, false, false);
        this.kind = kind;
        this.where = where;
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

    public String where() {
        return where;
    }
}
