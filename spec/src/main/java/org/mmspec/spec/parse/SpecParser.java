package org.mmspec.spec.parse;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.mmspec.spec.ast.SpecFile;
import org.mmspec.spec.diag.DiagnosticCode;
import org.mmspec.spec.diag.Diagnostics;
import org.mmspec.spec.diag.SourceSpan;
import org.mmspec.spec.diag.SourceText;
import org.mmspec.spec.syntax.MmSpecLexer;
import org.mmspec.spec.syntax.MmSpecParser;

/**
 * Text to AST: lex, check bracket nesting, parse with a collecting error listener and a bounded rule
 * depth, then build AST records. Every problem becomes a diagnostic; nothing is thrown.
 */
public final class SpecParser {

    /** Largest accepted file, in characters. */
    public static final int MAX_CHARS = 1 << 20;
    /** Deepest accepted bracket nesting ({@code ( [ {}). */
    public static final int MAX_BRACKETS = 48;
    /** Deepest accepted parser rule nesting (covers quantifier and conditional chains). */
    public static final int MAX_RULE_DEPTH = 300;

    private SpecParser() {
    }

    /**
     * Parses {@code source}, reporting into {@code diagnostics} (which must already know the source).
     *
     * @return the file's AST, or null when it has syntax errors
     */
    public static SpecFile parse(SourceText source, Diagnostics diagnostics) {
        return parse(source, diagnostics, true);
    }

    /** As {@link #parse(SourceText, Diagnostics)}; with {@code sllFirst} false, by LL prediction alone (tests). */
    static SpecFile parse(SourceText source, Diagnostics diagnostics, boolean sllFirst) {
        String name = source.name();
        if (source.text().length() > MAX_CHARS) {
            diagnostics.error(DiagnosticCode.FILE_TOO_LARGE, SourceSpan.point(name, 1, 1),
                    source.text().length(), MAX_CHARS);
            return null;
        }
        MmSpecLexer lexer = new MmSpecLexer(CharStreams.fromString(source.text(), name));
        lexer.removeErrorListeners();
        List<Token> tokens = new ArrayList<>();
        int before = diagnostics.count();
        for (Token t = lexer.nextToken(); ; t = lexer.nextToken()) {
            if (t.getType() == MmSpecLexer.BAD_CHAR) {
                diagnostics.error(DiagnosticCode.UNEXPECTED_CHARACTER, span(name, t), describe(t.getText()));
            } else {
                tokens.add(t);
            }
            if (t.getType() == Token.EOF) {
                break;
            }
        }
        if (!bracketsShallow(name, tokens, diagnostics)) {
            return null;
        }
        MmSpecParser.FileContext fast = sllFirst ? parseSll(tokens, name) : null;
        if (fast != null) {
            return new AstBuilder(name, diagnostics).file(fast);
        }
        DepthLimitedParser parser = new DepthLimitedParser(
                new CommonTokenStream(new ListTokenSource(tokens, name)), MAX_RULE_DEPTH);
        parser.removeErrorListeners();
        CollectingErrorListener listener = new CollectingErrorListener(name, diagnostics);
        parser.addErrorListener(listener);
        parser.getInterpreter().setPredictionMode(PredictionMode.LL);
        MmSpecParser.FileContext tree;
        try {
            tree = parser.file();
        } catch (DepthLimitedParser.TooDeep e) {
            diagnostics.error(DiagnosticCode.NESTING_TOO_DEEP, span(name, e.at), MAX_RULE_DEPTH);
            return null;
        }
        if (listener.count() > 0 || diagnostics.count() > before) {
            return null;
        }
        return new AstBuilder(name, diagnostics).file(tree);
    }

    /**
     * The tree by SLL prediction alone, the first stage of ANTLR's two-stage parse: where it succeeds the tree
     * is the one LL prediction gives (PredictionMode.SLL's contract), without LL's full-context predictions,
     * which a cold JVM pays for on every start (issue 14: start-up of {@code check}). Null at the first syntax
     * error or where SLL is not enough, and when the rule depth runs out: the LL parse then decides and reports
     * as before.
     */
    static MmSpecParser.FileContext parseSll(List<Token> tokens, String name) {
        DepthLimitedParser sll = new DepthLimitedParser(
                new CommonTokenStream(new ListTokenSource(tokens, name)), MAX_RULE_DEPTH);
        sll.removeErrorListeners();
        sll.setErrorHandler(new BailErrorStrategy());
        sll.getInterpreter().setPredictionMode(PredictionMode.SLL);
        try {
            return sll.file();
        } catch (ParseCancellationException | DepthLimitedParser.TooDeep e) {
            return null;
        }
    }

    private static boolean bracketsShallow(String name, List<Token> tokens, Diagnostics diagnostics) {
        int depth = 0;
        for (Token t : tokens) {
            String text = t.getType() == Token.EOF ? "" : t.getText();
            if (text.equals("(") || text.equals("[") || text.equals("{")) {
                if (++depth > MAX_BRACKETS) {
                    diagnostics.error(DiagnosticCode.NESTING_TOO_DEEP, span(name, t), MAX_BRACKETS);
                    return false;
                }
            } else if (text.equals(")") || text.equals("]") || text.equals("}")) {
                depth = Math.max(0, depth - 1);
            }
        }
        return true;
    }

    static SourceSpan span(String file, Token t) {
        int len = t.getType() == Token.EOF || t.getText() == null ? 1 : Math.max(1, t.getText().length());
        return new SourceSpan(file, t.getLine(), t.getCharPositionInLine() + 1, t.getLine(),
                t.getCharPositionInLine() + 1 + len);
    }

    private static String describe(String text) {
        int cp = text.codePointAt(0);
        if (cp < 0x20 || cp == 0x7f || cp > 0x7e) {
            return String.format("U+%04X", cp);
        }
        return "'" + text + "'";
    }
}
