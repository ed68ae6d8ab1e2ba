package org.mmspec.checker.fidelity.scenario;

import java.util.List;
import java.util.Optional;

/**
 * Reads the tokens of one line. The first problem is recorded as a diagnostic; after it every read returns
 * a harmless default and records nothing more, so a caller reads the whole line and then asks
 * {@link #failed()} once — no exceptions, one diagnostic per bad line.
 */
final class LineReader {

    private final List<Token> tokens;
    private final int line;
    private final int endColumn;
    private final List<Diagnostic> sink;
    private int next;
    private boolean failed;

    LineReader(Token.Line split, int line, List<Diagnostic> sink) {
        this.tokens = split.tokens();
        this.line = line;
        this.endColumn = split.endColumn();
        this.sink = sink;
    }

    boolean failed() {
        return failed;
    }

    boolean atEnd() {
        return next >= tokens.size();
    }

    /** The next token's text, if any, without consuming it. */
    Optional<String> peek() {
        return atEnd() ? Optional.empty() : Optional.of(tokens.get(next).text());
    }

    /** Column of the next token, or of the end of the line. */
    int column() {
        return atEnd() ? endColumn : tokens.get(next).column();
    }

    /** Records a problem at the next token (or the end of the line). */
    void error(String message) {
        errorAt(column(), message);
    }

    void errorAt(int column, String message) {
        if (!failed) {
            failed = true;
            sink.add(new Diagnostic(line, column, message));
        }
    }

    /** Consumes the next token if its text is {@code word}. */
    boolean accept(String word) {
        if (!failed && !atEnd() && !tokens.get(next).quoted() && tokens.get(next).text().equals(word)) {
            next++;
            return true;
        }
        return false;
    }

    /** A name: a lower-case letter, then lower-case letters, digits or {@code _}. */
    String name(String what) {
        Token t = take(what);
        if (t == null) {
            return "";
        }
        if (t.quoted() || !t.text().matches("[a-z][a-z0-9_]*")) {
            errorAt(t.column(), "expected " + what + " (a name like r1), found '" + t.text() + "'");
            return "";
        }
        return t.text();
    }

    /** A quoted string. */
    String string(String what) {
        Token t = take(what);
        if (t == null) {
            return "";
        }
        if (!t.quoted()) {
            errorAt(t.column(), "expected " + what + " in double quotes, found '" + t.text() + "'");
            return "";
        }
        return t.text();
    }

    /** A decimal number in {@code [min, max]}. */
    int number(String what, int min, int max) {
        int column = column();
        Token t = take(what);
        if (t == null) {
            return min;
        }
        if (t.quoted() || !t.text().matches("[0-9]{1,6}")) {
            errorAt(column, "expected " + what + " (a number), found '" + t.text() + "'");
            return min;
        }
        int value = Integer.parseInt(t.text());
        if (value < min || value > max) {
            errorAt(column, what + " " + value + " is out of range " + min + ".." + max);
            return min;
        }
        return value;
    }

    /** One of the given keywords; returns its position in {@code options}. */
    int keyword(String what, List<String> options) {
        Token t = take(what);
        if (t == null) {
            return 0;
        }
        int i = options.indexOf(t.text());
        if (t.quoted() || i < 0) {
            errorAt(t.column(), "expected " + what + " (" + String.join(" | ", options) + "), found '"
                    + t.text() + "'");
            return 0;
        }
        return i;
    }

    /** Whether the next token looks like a page or page range ({@code 3}, {@code 1-2}). */
    boolean atRange() {
        return !failed && peek().filter(s -> s.matches("[0-9]+(-[0-9]+)?")).isPresent();
    }

    /** A page range {@code a} or {@code a-b} with {@code 0 <= a <= b < pages}. */
    PageRange range(int pages) {
        int column = column();
        Token t = take("page range");
        if (t == null || !t.text().matches("[0-9]{1,6}(-[0-9]{1,6})?")) {
            errorAt(column, "expected a page or page range like 1-2");
            return new PageRange(0, 1);
        }
        String[] parts = t.text().split("-");
        int first = Integer.parseInt(parts[0]);
        int last = parts.length == 2 ? Integer.parseInt(parts[1]) : first;
        if (last < first || last >= pages) {
            errorAt(column, "page range " + t.text() + " is outside the region's pages 0.." + (pages - 1));
            return new PageRange(0, 1);
        }
        return new PageRange(first, last - first + 1);
    }

    /** Requires the end of the line. */
    void end() {
        if (!failed && !atEnd()) {
            error("unexpected '" + tokens.get(next).text() + "' at the end of the step");
        }
    }

    private Token take(String what) {
        if (failed) {
            return null;
        }
        if (atEnd()) {
            error("expected " + what + " but the line ended");
            return null;
        }
        return tokens.get(next++);
    }
}
