package org.mmspec.checker.fidelity.observe;

import java.util.Objects;

/**
 * Where a compared value belongs: a step, a process and a place ({@code r1[0]} for a page,
 * {@code f1[0]} for a file page, {@code -} for a step's outcome).
 *
 * @param step step number, or {@link #END} for values read after the last step
 * @param process process name, or {@code -}
 * @param place page or file page, or {@code -}
 */
public record Site(int step, String process, String place) {

    /** The step number of values read after the last step (file contents). */
    public static final int END = Integer.MAX_VALUE;

    public Site {
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(place, "place");
    }

    /** The step as text: its number, or {@code end}. */
    public String stepText() {
        return step == END ? "end" : Integer.toString(step);
    }
}
