package org.mmspec.spec.semantics;

import java.util.Objects;

/**
 * One changed variable between two states, in kernel names:
 * {@code page[3]._mapcount 0→-1}, {@code pte(mm1, 0x1000) present→none}.
 */
public record Change(String variable, String before, String after) {

    public Change {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }

    @Override
    public String toString() {
        return variable + " " + before + "\u2192" + after;
    }
}
