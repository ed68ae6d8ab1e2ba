package org.mmspec.spec.diag;

import java.util.Objects;

/**
 * A range of source text: the file as shown to the user, and 1-based line and column of its first and
 * last character. The front-end's own location type; ANTLR contexts never leave the parse package.
 *
 * @param file the file name as displayed (relative to the spec root)
 * @param line first line, 1-based
 * @param column first column, 1-based
 * @param endLine last line, 1-based
 * @param endColumn column after the last character, 1-based (exclusive)
 */
public record SourceSpan(String file, int line, int column, int endLine, int endColumn) {

    public SourceSpan {
        Objects.requireNonNull(file, "file");
    }

    /** A span covering one point (used for whole-file problems). */
    public static SourceSpan point(String file, int line, int column) {
        return new SourceSpan(file, line, column, line, column + 1);
    }

    /** The smallest span covering {@code this} and {@code other} (same file assumed). */
    public SourceSpan to(SourceSpan other) {
        return new SourceSpan(file, line, column, other.endLine, other.endColumn);
    }

    /** {@code file:line:column}, the form editors jump to. */
    public String where() {
        return file + ":" + line + ":" + column;
    }

    @Override
    public String toString() {
        return where();
    }
}
