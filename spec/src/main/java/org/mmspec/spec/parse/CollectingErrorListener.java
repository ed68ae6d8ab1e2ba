package org.mmspec.spec.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.mmspec.spec.diag.DiagnosticCode;
import org.mmspec.spec.diag.Diagnostics;
import org.mmspec.spec.diag.SourceSpan;

/** Turns ANTLR's syntax errors into diagnostics (never prints, never throws). */
final class CollectingErrorListener extends BaseErrorListener {

    private static final int MAX_EXPECTED = 6;

    private final String file;
    private final Diagnostics diagnostics;
    private int count;

    CollectingErrorListener(String file, Diagnostics diagnostics) {
        this.file = file;
        this.diagnostics = diagnostics;
    }

    int count() {
        return count;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int column,
            String msg, RecognitionException e) {
        count++;
        int width = 1;
        String text = null;
        if (offendingSymbol instanceof Token t && t.getType() != Token.EOF && t.getText() != null) {
            width = Math.max(1, t.getText().length());
            text = t.getText();
        }
        SourceSpan span = new SourceSpan(file, line, column + 1, line, column + 1 + width);
        String message = e instanceof NoViableAltException
                ? "unexpected " + (text == null ? "end of file" : "'" + text + "'")
                : reword(msg);
        diagnostics.error(DiagnosticCode.SYNTAX_ERROR, span, message);
    }

    /** Soft keywords: they may also be names, so ANTLR lists them wherever a name may stand. */
    private static final Set<String> NAME_TOKENS = Set.of("ID", "'memory'", "'set'", "'map'", "'list'",
            "'count'", "'sum'", "'init'", "'thread'", "'bounds'", "'check'", "'all'", "'none'", "'expect'",
            "'strategy'", "'pass'", "'violation'", "'deadlock'", "'fault'", "'bits'", "'ghost'");

    /** ANTLR's wording, made shorter and in our terms. */
    static String reword(String msg) {
        String m = msg.replace("mismatched input", "unexpected")
                .replace("extraneous input", "unexpected")
                .replace("'<EOF>'", "end of file")
                .replace("<EOF>", "end of file")
                .replace(" expecting ", "; expected ");
        int open = m.indexOf('{');
        int close = m.lastIndexOf('}');
        if (open >= 0 && close > open) {
            m = m.substring(0, open) + tokenSet(m.substring(open + 1, close)) + m.substring(close + 1);
        }
        m = m.replace("; expected ID", "; expected a name").replace("missing ID", "missing a name")
                .replace("; expected INT", "; expected a number").replace("; expected STRING", "; expected a string");
        return m.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    }

    /** A set of expected tokens: names folded into "a name", at most a few listed. */
    private static String tokenSet(String items) {
        List<String> out = new ArrayList<>();
        boolean name = false;
        for (String item : items.split(", ")) {
            if (NAME_TOKENS.contains(item)) {
                name = true;
            } else {
                out.add(item.equals("INT") ? "a number" : item.equals("STRING") ? "a string" : item);
            }
        }
        if (name) {
            out.add(0, "a name");
        }
        if (out.size() == 1) {
            return out.get(0);
        }
        List<String> shown = out.subList(0, Math.min(out.size(), MAX_EXPECTED));
        return "one of " + String.join(", ", shown) + (out.size() > MAX_EXPECTED ? ", ..." : "");
    }
}
