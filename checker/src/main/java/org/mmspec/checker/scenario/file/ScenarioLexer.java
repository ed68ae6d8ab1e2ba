package org.mmspec.checker.scenario.file;

import java.util.ArrayList;
import java.util.List;
import org.mmspec.checker.scenario.build.Problems;
import org.mmspec.checker.scenario.build.ScenarioCode;
import org.mmspec.spec.diag.SourceSpan;

/**
 * Splits a scenario file into tokens: names (letters, digits, {@code _}, and {@code -} between two such
 * runs, so that {@code gup-vs-madvise} and {@code dirty-cow} are names), integers (decimal or
 * {@code 0x} hexadecimal), strings in double quotes ({@code \"}, {@code \\}, {@code \n}, {@code \t}),
 * the punctuation {@code { } ( ) ; , = + - * | :} and comments ({@code //}, {@code /* *}{@code /}).
 * Bad characters are reported and skipped.
 */
final class ScenarioLexer {

    private static final String PUNCT = "{}();,=+-*|:";

    private final String file;
    private final String text;
    private final Problems problems;
    private int pos;
    private int line = 1;
    private int col = 1;

    ScenarioLexer(String file, String text, Problems problems) {
        this.file = file;
        this.text = text;
        this.problems = problems;
    }

    List<Token> tokens() {
        List<Token> out = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            if (pos >= text.length()) {
                out.add(new Token(Token.Kind.EOF, "", 0, SourceSpan.point(file, line, col)));
                return out;
            }
            Token t = next();
            if (t != null) {
                out.add(t);
            }
        }
    }

    private Token next() {
        char c = text.charAt(pos);
        int l = line;
        int c0 = col;
        if (Character.isLetter(c) || c == '_') {
            return token(Token.Kind.NAME, name(), 0, l, c0);
        }
        if (c >= '0' && c <= '9') {
            return number(l, c0);
        }
        if (c == '"') {
            return string(l, c0);
        }
        advance();
        if (PUNCT.indexOf(c) >= 0) {
            return token(Token.Kind.PUNCT, String.valueOf(c), 0, l, c0);
        }
        String shown = Character.isISOControl(c) || Character.isWhitespace(c) ? String.format("U+%04X", (int) c)
                : "'" + c + "'";
        problems.error(ScenarioCode.BAD_CHARACTER, new SourceSpan(file, l, c0, l, c0 + 1), shown);
        return null;
    }

    private String name() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            boolean word = Character.isLetterOrDigit(c) || c == '_';
            boolean dash = c == '-' && pos + 1 < text.length() && pos > start
                    && (Character.isLetterOrDigit(text.charAt(pos + 1)) || text.charAt(pos + 1) == '_');
            if (!word && !dash) {
                break;
            }
            advance();
        }
        return text.substring(start, pos);
    }

    private Token number(int l, int c0) {
        int start = pos;
        boolean hex = text.startsWith("0x", pos) || text.startsWith("0X", pos);
        if (hex) {
            advance();
            advance();
        }
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            advance();
        }
        String digits = text.substring(start, pos);
        String body = (hex ? digits.substring(2) : digits).replace("_", "");
        long value;
        try {
            value = body.length() > 16 ? Long.MAX_VALUE : Long.parseLong(body, hex ? 16 : 10);
        } catch (NumberFormatException e) {
            problems.error(ScenarioCode.SYNTAX, new SourceSpan(file, l, c0, line, col), "a number", "'" + digits + "'");
            value = 0;
        }
        return token(Token.Kind.INT, digits, value < 0 ? Long.MAX_VALUE : value, l, c0);
    }

    private Token string(int l, int c0) {
        advance();
        StringBuilder b = new StringBuilder();
        while (pos < text.length() && text.charAt(pos) != '"' && text.charAt(pos) != '\n') {
            char c = text.charAt(pos);
            if (c == '\\' && pos + 1 < text.length()) {
                advance();
                char e = text.charAt(pos);
                b.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
            } else {
                b.append(c);
            }
            advance();
        }
        if (pos >= text.length() || text.charAt(pos) != '"') {
            problems.error(ScenarioCode.UNTERMINATED, new SourceSpan(file, l, c0, line, col), "string");
        } else {
            advance();
        }
        return token(Token.Kind.STRING, b.toString(), 0, l, c0);
    }

    private Token token(Token.Kind kind, String t, long number, int l, int c0) {
        return new Token(kind, t, number, new SourceSpan(file, l, c0, line, col));
    }

    private void skipSpaceAndComments() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f') {
                advance();
            } else if (text.startsWith("//", pos)) {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    advance();
                }
            } else if (text.startsWith("/*", pos)) {
                blockComment();
            } else {
                return;
            }
        }
    }

    private void blockComment() {
        int l = line;
        int c0 = col;
        advance();
        advance();
        while (pos < text.length() && !text.startsWith("*/", pos)) {
            advance();
        }
        if (pos >= text.length()) {
            problems.error(ScenarioCode.UNTERMINATED, new SourceSpan(file, l, c0, l, c0 + 2), "comment");
            return;
        }
        advance();
        advance();
    }

    private void advance() {
        if (text.charAt(pos) == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
        pos++;
    }
}
