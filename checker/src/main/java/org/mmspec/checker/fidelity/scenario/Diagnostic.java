package org.mmspec.checker.fidelity.scenario;

import java.util.Objects;

/**
 * A problem in a scenario text, at a 1-based line and column.
 *
 * @param line 1-based line
 * @param column 1-based column of the offending token (or of the end of the line when something is missing)
 * @param message what is wrong, in one sentence without position
 */
public record Diagnostic(int line, int column, String message) {

    public Diagnostic {
        Objects.requireNonNull(message, "message");
    }

    /** {@code line:column: message}. */
    @Override
    public String toString() {
        return line + ":" + column + ": " + message;
    }
}
