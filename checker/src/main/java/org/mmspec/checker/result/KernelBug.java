package org.mmspec.checker.result;

import java.util.Objects;
import org.mmspec.spec.semantics.Fault;

/** A kernel API was misused: the kernel would hit {@code BUG()} / {@code VM_BUG_ON()}. */
public record KernelBug(Fault fault) implements Violation {

    public KernelBug {
        Objects.requireNonNull(fault, "fault");
        if (fault.kind() != Fault.Kind.KERNEL_BUG) {
            throw new IllegalArgumentException("not a kernel BUG: " + fault);
        }
    }

    /** One line; the message names the thread that hit it by its scenario name ({@code "split hit ..."}). */
    @Override
    public String describe() {
        return "kernel BUG: " + fault.message();
    }
}
