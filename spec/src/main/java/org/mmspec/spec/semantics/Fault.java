package org.mmspec.spec.semantics;

import java.util.List;
import java.util.Objects;

/**
 * A fault recorded in a state: the model stopped a thread because something that must not happen did.
 *
 * @param kind what sort of fault
 * @param thread the thread that hit it, or {@code -1} when no single thread is to blame
 * @param message one line naming the operation and the object, e.g.
 *     {@code "VM_BUG_ON_PAGE(page_ref_count(page) == 0) in put_page: pfn 3"}
 * @param dump lines describing the object, as the kernel prints them on a BUG ({@code dump_page()}),
 *     possibly none
 */
public record Fault(Kind kind, int thread, String message, List<String> dump) {

    public Fault {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        dump = List.copyOf(dump);
    }

    /** A fault without a dump. */
    public Fault(Kind kind, int thread, String message) {
        this(kind, thread, message, List.of());
    }

    /** The sorts of fault. */
    public enum Kind {
        /** A kernel API was misused: the kernel would hit {@code BUG()} / {@code VM_BUG_ON()}. */
        KERNEL_BUG,
        /** A spec {@code assert} failed. */
        ASSERTION,
        /** The model itself is wrong or was driven outside its domain (a runtime error in a spec). */
        MODEL_ERROR
    }
}
