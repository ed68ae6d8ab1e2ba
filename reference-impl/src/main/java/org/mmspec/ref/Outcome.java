package org.mmspec.ref;

import org.mmspec.spec.semantics.BlockReason;
import org.mmspec.spec.semantics.Fault;

/**
 * What a sequential call into the reference implementation did. The machine is left unchanged by a
 * call that would block or that hit a kernel BUG.
 */
public sealed interface Outcome {

    /** The call ran to completion and returned {@code value} (a pfn, an address, an error code, 0). */
    record Returned(int value) implements Outcome {
    }

    /** The call would sleep or spin: a lock or page bit it needs is held. */
    record WouldBlock(BlockReason reason) implements Outcome {
    }

    /** The call hit a kernel BUG ({@code VM_BUG_ON}-style misuse) or a model error. */
    record KernelBug(Fault fault) implements Outcome {
    }

    /** The returned value; throws if the call did not return. */
    default int value() {
        if (this instanceof Returned r) {
            return r.value();
        }
        throw new IllegalStateException("call did not return: " + this);
    }

    default boolean returned() {
        return this instanceof Returned;
    }
}
