package org.mmspec.spec.semantics;

import java.util.Objects;

/**
 * One changed variable between two states, in kernel names:
 * {@code page[3]._mapcount 0→-1}, {@code pte(mm1, 0x1000) present→none}.
 *
 * @param variable what changed
 * @param before its value before
 * @param after its value after
 * @param at the code point (with its detail) whose code made the change, when it is not the code point
 *     the step is named after; empty otherwise (see {@link TransitionSystem#changes})
 * @param source where that code is written ({@code org/mmspec/ref/fault/FilemapFault.java:77}), or empty
 */
public record Change(String variable, String before, String after, String at, String source) {

    public Change {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(source, "source");
    }

    /** A change made by the code point the step is named after. */
    public Change(String variable, String before, String after) {
        this(variable, before, after, "", "");
    }

    /** This change, attributed to the code point {@code at} written at {@code source}. */
    public Change madeAt(String at, String source) {
        return new Change(variable, before, after, at, source);
    }

    @Override
    public String toString() {
        return variable + " " + before + "\u2192" + after;
    }
}
