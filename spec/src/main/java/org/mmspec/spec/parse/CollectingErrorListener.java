package org.mmspec.spec.parse;

import org.antlr.v4.runtime.BaseErrorListener;
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
        if (offendingSymbol instanceof Token t && t.getType() != Token.EOF && t.getText() != null) {
            width = Math.max(1, t.getText().length());
        }
        SourceSpan span = new SourceSpan(file, line, column + 1, line, column + 1 + width);
        diagnostics.error(DiagnosticCode.SYNTAX_ERROR, span, reword(msg));
    }

    /** ANTLR's wording, made shorter: long lists of expected tokens are cut. */
    static String reword(String msg) {
        String m = msg.replace("mismatched input", "unexpected")
                .replace("extraneous input", "unexpected")
                .replace("no viable alternative at input", "cannot parse")
                .replace("<EOF>", "end of file")
                .replace(" expecting ", "; expected ");
        int open = m.indexOf("; expected {");
        if (open >= 0 && m.endsWith("}")) {
            String[] items = m.substring(open + 12, m.length() - 1).split(", ");
            StringBuilder b = new StringBuilder(m.substring(0, open)).append("; expected one of ");
            for (int i = 0; i < Math.min(items.length, MAX_EXPECTED); i++) {
                b.append(i > 0 ? ", " : "").append(items[i]);
            }
            if (items.length > MAX_EXPECTED) {
                b.append(", ...");
            }
            m = b.toString();
        }
        int cannot = m.indexOf("cannot parse '");
        if (cannot >= 0 && m.length() > cannot + 60) {
            m = m.substring(0, cannot + 14) + "..." + m.substring(m.length() - 30);
        }
        return m.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    }
}
