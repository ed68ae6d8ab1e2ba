package org.mmspec.checker.fidelity.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * A token of one scenario line.
 *
 * @param text the token's text; for a quoted string, the text between the quotes
 * @param column 1-based column of its first character
 * @param quoted whether it was written in double quotes
 */
record Token(String text, int column, boolean quoted) {

    /** The result of splitting a line: its tokens, or the column of an unterminated string. */
    record Line(List<Token> tokens, int endColumn, int unterminatedAt) {
    }

    /**
     * Splits a line at white space; {@code :} is a token of its own, {@code #} starts a comment outside
     * quotes, {@code "..."} is one token.
     */
    static Line split(String line) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == '#') {
                break;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == ':') {
                tokens.add(new Token(":", i + 1, false));
                i++;
            } else if (c == '"') {
                int close = line.indexOf('"', i + 1);
                if (close < 0) {
                    return new Line(tokens, n + 1, i + 1);
                }
                tokens.add(new Token(line.substring(i + 1, close), i + 1, true));
                i = close + 1;
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(line.charAt(i)) && ":#\"".indexOf(line.charAt(i)) < 0) {
                    i++;
                }
                tokens.add(new Token(line.substring(start, i), start + 1, false));
            }
        }
        return new Line(tokens, trimmedEnd(line), 0);
    }

    /** The column just after the last non-blank character before any comment. */
    private static int trimmedEnd(String line) {
        int hash = line.indexOf('#');
        String code = hash < 0 ? line : line.substring(0, hash);
        return code.stripTrailing().length() + 1;
    }
}
