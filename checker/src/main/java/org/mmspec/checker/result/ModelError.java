package org.mmspec.checker.result;

import java.util.Objects;

/**
 * The model is wrong, not the kernel: a runtime error in a spec, a non-deterministic {@code step}, or a
 * scenario whose threads never interleave (the explorer's self-check).
 */
public record ModelError(String message) implements Violation {

    public ModelError {
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String describe() {
        return "model error: " + message;
    }
}
