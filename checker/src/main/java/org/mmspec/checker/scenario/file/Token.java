package org.mmspec.checker.scenario.file;

import org.mmspec.spec.diag.SourceSpan;

/**
 * A token of a scenario file.
 *
 * @param kind what sort
 * @param text the name, the punctuation character, the string's contents (unescaped), or the digits
 * @param number the value of an {@link Kind#INT} (wide, so that a too-large literal can be reported)
 * @param span where it is
 */
record Token(Kind kind, String text, long number, SourceSpan span) {

    /** The sorts of token. */
    enum Kind {
        NAME, INT, STRING, PUNCT, EOF
    }

    boolean is(String punctOrName) {
        return (kind == Kind.PUNCT || kind == Kind.NAME) && text.equals(punctOrName);
    }

    /** How the token reads in a message: {@code 'thread'}, {@code end of file}, {@code a string}. */
    String describe() {
        return switch (kind) {
            case EOF -> "end of file";
            case STRING -> "a string";
            case INT -> "'" + text + "'";
            default -> "'" + text + "'";
        };
    }
}
