package org.mmspec.spec.parse;

import java.util.HashMap;
import java.util.Map;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenFactory;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenFactory;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.misc.Pair;
import org.mmspec.spec.syntax.MmSpecParser;

/**
 * The lexer rules of {@code MmSpec.g4} written out by hand, for start-up (issue 14: ANTLR's generated lexer
 * builds its DFA from the ATN anew in every JVM, and at start-up that code is interpreted: about 15% of loading
 * the shared workload's spec). The tokens are the generated lexer's: the same types, channels, text, lines,
 * columns and code-point indices, the longest match winning and, on a tie, the rule first in the grammar (the
 * literal tokens, then INT, ID, STRING, the comments, WS, BAD_CHAR); where a rule fails part way (an unclosed
 * string or comment, {@code 0x} without digits) the longest match found before it wins. {@code TokenizerTest}
 * compares the two on every spec file of the project and on mutated inputs.
 */
final class Tokenizer implements TokenSource {

    /** The literal tokens of the grammar (keywords and operators), by text. */
    private static final Map<String, Integer> LITERALS = literals();
    /** The longest literal token, in characters. */
    private static final int LONGEST = LITERALS.keySet().stream().mapToInt(String::length).max().orElse(1);

    private final CharStream input;
    private final int[] cps;
    private final Pair<TokenSource, CharStream> source;
    private int at;
    private int line = 1;
    private int column;

    Tokenizer(String text, String name) {
        this.input = CharStreams.fromString(text, name);
        this.cps = text.codePoints().toArray();
        this.source = new Pair<>(this, input);
    }

    private static Map<String, Integer> literals() {
        Map<String, Integer> out = new HashMap<>();
        for (int t = 1; t <= MmSpecParser.VOCABULARY.getMaxTokenType(); t++) {
            String lit = MmSpecParser.VOCABULARY.getLiteralName(t);
            if (lit != null) {
                out.put(lit.substring(1, lit.length() - 1), t);
            }
        }
        return Map.copyOf(out);
    }

    @Override
    public Token nextToken() {
        int start = at;
        int startLine = line;
        int startColumn = column;
        if (at >= cps.length) {
            CommonToken eof = new CommonToken(source, Token.EOF, Token.DEFAULT_CHANNEL, at, at - 1);
            eof.setLine(line);
            eof.setCharPositionInLine(column);
            return eof;
        }
        int[] typeAndChannel = match();
        CommonToken t = new CommonToken(source, typeAndChannel[0], typeAndChannel[1], start, at - 1);
        t.setLine(startLine);
        t.setCharPositionInLine(startColumn);
        return t;
    }

    /** Consumes the token at {@link #at}; its type and channel. */
    private int[] match() {
        int c = cps[at];
        if (whitespace(c)) {
            while (at < cps.length && whitespace(cps[at])) {
                consume();
            }
            return new int[] {MmSpecParser.WS, Token.HIDDEN_CHANNEL};
        }
        if (c == '/' && peek(1) == '/') {
            while (at < cps.length && cps[at] != '\r' && cps[at] != '\n') {
                consume();
            }
            return new int[] {MmSpecParser.LINE_COMMENT, Token.HIDDEN_CHANNEL};
        }
        if (c == '/' && peek(1) == '*' && blockCommentEnd() >= 0) {
            consumeTo(blockCommentEnd());
            return new int[] {MmSpecParser.BLOCK_COMMENT, Token.HIDDEN_CHANNEL};
        }
        if (c == '"' && stringEnd() >= 0) {
            consumeTo(stringEnd());
            return new int[] {MmSpecParser.STRING, Token.DEFAULT_CHANNEL};
        }
        if (letter(c)) {
            int end = at;
            while (end < cps.length && (letter(cps[end]) || digit(cps[end]))) {
                end++;
            }
            Integer keyword = LITERALS.get(new String(cps, at, end - at));
            consumeTo(end);
            return new int[] {keyword != null ? keyword : MmSpecParser.ID, Token.DEFAULT_CHANNEL};
        }
        if (digit(c)) {
            int end = at + 1;
            if (c == '0' && (peek(1) == 'x' || peek(1) == 'X') && hex(peek(2))) {
                end = at + 2;
                while (end < cps.length && hex(cps[end])) {
                    end++;
                }
            } else {
                while (end < cps.length && digit(cps[end])) {
                    end++;
                }
            }
            consumeTo(end);
            return new int[] {MmSpecParser.INT, Token.DEFAULT_CHANNEL};
        }
        for (int len = Math.min(LONGEST, cps.length - at); len > 0; len--) {
            Integer op = LITERALS.get(new String(cps, at, len));
            if (op != null) {
                consumeTo(at + len);
                return new int[] {op, Token.DEFAULT_CHANNEL};
            }
        }
        consume();
        return new int[] {MmSpecParser.BAD_CHAR, Token.DEFAULT_CHANNEL};
    }

    /** The index after the {@code *}{@code /} closing the comment opening at {@link #at}, or -1. */
    private int blockCommentEnd() {
        for (int i = at + 2; i + 1 < cps.length; i++) {
            if (cps[i] == '*' && cps[i + 1] == '/') {
                return i + 2;
            }
        }
        return -1;
    }

    /** The index after the quote closing the string opening at {@link #at}, or -1 (unclosed, or a bad escape). */
    private int stringEnd() {
        for (int i = at + 1; i < cps.length; i++) {
            int c = cps[i];
            if (c == '"') {
                return i + 1;
            }
            if (c == '\r' || c == '\n') {
                return -1;
            }
            if (c == '\\') {
                int e = i + 1 < cps.length ? cps[i + 1] : -1;
                if (e != '"' && e != '\\' && e != 'n' && e != 't') {
                    return -1;
                }
                i++;
            }
        }
        return -1;
    }

    private int peek(int k) {
        return at + k < cps.length ? cps[at + k] : -1;
    }

    private void consumeTo(int end) {
        while (at < end) {
            consume();
        }
    }

    /** One code point, counted as ANTLR's lexer counts lines and columns. */
    private void consume() {
        if (cps[at] == '\n') {
            line++;
            column = 0;
        } else {
            column++;
        }
        at++;
    }

    private static boolean whitespace(int c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
    }

    private static boolean letter(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    private static boolean digit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean hex(int c) {
        return digit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    @Override
    public int getLine() {
        return line;
    }

    @Override
    public int getCharPositionInLine() {
        return column;
    }

    @Override
    public CharStream getInputStream() {
        return input;
    }

    @Override
    public String getSourceName() {
        return input.getSourceName();
    }

    @Override
    public void setTokenFactory(TokenFactory<?> factory) {
        throw new UnsupportedOperationException("tokens are CommonTokens");
    }

    @Override
    public TokenFactory<?> getTokenFactory() {
        return CommonTokenFactory.DEFAULT;
    }
}
