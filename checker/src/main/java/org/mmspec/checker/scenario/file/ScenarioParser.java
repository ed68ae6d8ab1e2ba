package org.mmspec.checker.scenario.file;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mmspec.checker.scenario.build.Call;
import org.mmspec.checker.scenario.build.Expr;
import org.mmspec.checker.scenario.build.Problems;
import org.mmspec.checker.scenario.build.ScenarioCode;
import org.mmspec.checker.scenario.build.ScenarioDef;
import org.mmspec.checker.scenario.build.ScenarioDef.NameRef;
import org.mmspec.checker.scenario.build.ScenarioDef.OutcomeDef;
import org.mmspec.checker.scenario.build.ScenarioDef.Setting;

/**
 * Parses the tokens of a scenario file into {@link ScenarioDef}s (recursive descent; see
 * {@code docs/scenarios.md} for the grammar). A syntax error is reported and the parser skips to the
 * next {@code ;} or {@code }}, so that one run shows every error.
 */
final class ScenarioParser {

    /** Deepest nesting of parentheses and lists in a value. */
    static final int MAX_DEPTH = 48;

    /** Thrown to unwind to the nearest recovery point after a syntax error was reported. */
    private static final class Bail extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Bail() {
            super(null, null, false, false);
        }
    }

    private final List<Token> tokens;
    private final Problems problems;
    private final ScenarioItems items;
    private int pos;

    ScenarioParser(List<Token> tokens, Problems problems) {
        this.tokens = tokens;
        this.problems = problems;
        this.items = new ScenarioItems(this);
    }

    List<ScenarioDef> file() {
        List<ScenarioDef> out = new ArrayList<>();
        while (peek().kind() != Token.Kind.EOF) {
            if (!peek().is("scenario")) {
                problems.error(ScenarioCode.SYNTAX, peek().span(), "'scenario'", peek().describe());
                while (peek().kind() != Token.Kind.EOF && !peek().is("scenario")) {
                    pos++;
                }
                continue;
            }
            try {
                out.add(scenario());
            } catch (Bail b) {
                skipTo("scenario");
            }
        }
        return out;
    }

    private ScenarioDef scenario() {
        expect("scenario");
        NameRef name = name("a scenario name");
        String summary = peek().kind() == Token.Kind.STRING ? next().text() : "";
        expect("{");
        ScenarioItems.Builder b = items.builder(name, summary);
        while (!peek().is("}") && peek().kind() != Token.Kind.EOF) {
            int start = pos;
            try {
                items.item(b);
            } catch (Bail e) {
                recover();
            }
            if (pos == start) {
                pos++;
            }
        }
        expect("}");
        return b.build();
    }

    /** After an error inside a scenario: skip past the next {@code ;}, or up to a {@code }}. */
    private void recover() {
        int depth = 0;
        while (peek().kind() != Token.Kind.EOF) {
            Token t = peek();
            if (t.is("{")) {
                depth++;
            } else if (t.is("}")) {
                if (depth == 0) {
                    return;
                }
                depth--;
            } else if (t.is(";") && depth == 0) {
                pos++;
                return;
            }
            pos++;
        }
    }

    private void skipTo(String word) {
        while (peek().kind() != Token.Kind.EOF && !peek().is(word)) {
            pos++;
        }
    }

    // ---- pieces shared with ScenarioItems ----

    Token peek() {
        return tokens.get(pos);
    }

    Token peekAt(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Token.Kind.EOF) {
            pos++;
        }
        return t;
    }

    boolean accept(String punctOrName) {
        if (peek().is(punctOrName)) {
            pos++;
            return true;
        }
        return false;
    }

    Token expect(String punctOrName) {
        if (!peek().is(punctOrName)) {
            error("'" + punctOrName + "'");
        }
        return next();
    }

    NameRef name(String what) {
        if (peek().kind() != Token.Kind.NAME) {
            error(what);
        }
        Token t = next();
        return new NameRef(t.text(), t.span());
    }

    NameRef string(String what) {
        if (peek().kind() != Token.Kind.STRING) {
            error(what);
        }
        Token t = next();
        return new NameRef(t.text(), t.span());
    }

    /** Reports "expected {@code what}, found ..." at the current token and unwinds. */
    RuntimeException error(String what) {
        problems.error(ScenarioCode.SYNTAX, peek().span(), what, peek().describe());
        throw new Bail();
    }

    /** {@code key = INT;} settings up to the closing brace. */
    List<Setting> settings() {
        expect("{");
        List<Setting> out = new ArrayList<>();
        while (!peek().is("}") && peek().kind() != Token.Kind.EOF) {
            NameRef key = name("a setting name");
            expect("=");
            if (peek().kind() != Token.Kind.INT) {
                error("a number");
            }
            Token v = next();
            expect(";");
            out.add(new Setting(key.text(), key.span(), v.number(), v.span()));
        }
        expect("}");
        return out;
    }

    /** {@code pass | violation ID | deadlock | kernel_bug}, separated by {@code |}, up to {@code ;}. */
    List<OutcomeDef> outcomes() {
        List<OutcomeDef> out = new ArrayList<>();
        do {
            out.add(outcome());
        } while (accept("|"));
        expect(";");
        return out;
    }

    private OutcomeDef outcome() {
        Token t = peek();
        if (accept("pass")) {
            return new OutcomeDef(OutcomeDef.Kind.PASS, Optional.empty(), t.span());
        }
        if (accept("deadlock")) {
            return new OutcomeDef(OutcomeDef.Kind.DEADLOCK, Optional.empty(), t.span());
        }
        if (accept("kernel_bug")) {
            return new OutcomeDef(OutcomeDef.Kind.KERNEL_BUG, Optional.empty(), t.span());
        }
        if (accept("violation")) {
            NameRef id = name("an invariant id");
            return new OutcomeDef(OutcomeDef.Kind.VIOLATION, Optional.of(id), t.span().to(id.span()));
        }
        throw error("an outcome (pass, violation ID, deadlock, kernel_bug)");
    }

    /** {@code name(arg, name = arg, ...)}. */
    Call call() {
        NameRef name = name("an operation name");
        expect("(");
        List<Call.Arg> args = new ArrayList<>();
        if (!peek().is(")")) {
            do {
                args.add(arg());
            } while (accept(","));
        }
        Token close = expect(")");
        return new Call(name.text(), name.span(), args, name.span().to(close.span()));
    }

    private Call.Arg arg() {
        if (peek().kind() == Token.Kind.NAME && peekAt(1).is("=")) {
            Token n = next();
            next();
            Expr v = expr(0);
            return new Call.Arg(n.text(), v, n.span().to(v.span()));
        }
        Expr v = expr(0);
        return new Call.Arg(null, v, v.span());
    }

    /** {@code term (('+' | '-' | '|') term)*}. */
    Expr expr(int depth) {
        Expr left = term(depth);
        while (peek().is("+") || peek().is("-") || peek().is("|")) {
            char op = next().text().charAt(0);
            Expr right = term(depth);
            left = new Expr.Binary(op, left, right, left.span().to(right.span()));
        }
        return left;
    }

    private Expr term(int depth) {
        Expr left = atom(depth);
        while (accept("*")) {
            Expr right = atom(depth);
            left = new Expr.Binary('*', left, right, left.span().to(right.span()));
        }
        return left;
    }

    private Expr atom(int depth) {
        if (depth >= MAX_DEPTH) {
            problems.error(ScenarioCode.TOO_DEEP, peek().span(), MAX_DEPTH);
            throw new Bail();
        }
        Token t = peek();
        if (t.kind() != Token.Kind.INT && t.kind() != Token.Kind.NAME && !t.is("(") && !t.is("{")) {
            throw error("a value");
        }
        next();
        return switch (t.kind()) {
            case INT -> new Expr.Int(t.number(), t.span());
            case NAME -> t.text().equals("true") || t.text().equals("false")
                    ? new Expr.Bool(t.text().equals("true"), t.span()) : new Expr.Name(t.text(), t.span());
            default -> punctAtom(t, depth);
        };
    }

    private Expr punctAtom(Token t, int depth) {
        if (t.is("(")) {
            Expr inner = expr(depth + 1);
            expect(")");
            return inner;
        }
        if (t.is("{")) {
            List<Expr> elems = new ArrayList<>();
            if (!peek().is("}")) {
                do {
                    elems.add(expr(depth + 1));
                } while (accept(","));
            }
            Token close = expect("}");
            return new Expr.IntList(elems, t.span().to(close.span()));
        }
        throw new IllegalStateException("not a value: " + t);
    }

    /** Reports {@code code} at token {@code t} without unwinding. */
    void problemsReport(ScenarioCode code, Token t, Object... args) {
        problems.error(code, t.span(), args);
    }
}
