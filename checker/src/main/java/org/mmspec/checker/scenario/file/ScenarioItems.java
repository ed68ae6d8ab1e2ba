package org.mmspec.checker.scenario.file;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mmspec.checker.scenario.build.Call;
import org.mmspec.checker.scenario.build.ScenarioDef;
import org.mmspec.checker.scenario.build.ScenarioDef.BugClause;
import org.mmspec.checker.scenario.build.ScenarioDef.NameRef;
import org.mmspec.checker.scenario.build.ScenarioDef.OutcomeDef;
import org.mmspec.checker.scenario.build.ScenarioDef.SetupStmt;
import org.mmspec.checker.scenario.build.ScenarioDef.Setting;
import org.mmspec.checker.scenario.build.ScenarioDef.ThreadDecl;
import org.mmspec.checker.scenario.build.ScenarioCode;

/** The items of a {@code scenario { ... }} block, parsed into a {@link Builder}. */
final class ScenarioItems {

    static final List<String> KEYWORDS = List.of("machine", "setup", "thread", "expect", "bug", "check", "strategy",
            "bounds", "cover");

    private final ScenarioParser p;

    ScenarioItems(ScenarioParser parser) {
        this.p = parser;
    }

    /** What one scenario block has said so far. */
    static final class Builder {
        final NameRef name;
        final String summary;
        final List<Setting> machine = new ArrayList<>();
        final List<SetupStmt> setup = new ArrayList<>();
        final List<ThreadDecl> threads = new ArrayList<>();
        final List<OutcomeDef> expect = new ArrayList<>();
        Optional<BugClause> bug = Optional.empty();
        final List<NameRef> check = new ArrayList<>();
        Optional<NameRef> strategy = Optional.empty();
        final List<Setting> bounds = new ArrayList<>();
        final List<NameRef> cover = new ArrayList<>();

        Builder(NameRef name, String summary) {
            this.name = name;
            this.summary = summary;
        }

        ScenarioDef build() {
            return new ScenarioDef(name.text(), name.span(), summary, machine, setup, threads, expect, bug, check,
                    strategy, bounds, cover);
        }
    }

    Builder builder(NameRef name, String summary) {
        return new Builder(name, summary);
    }

    void item(Builder b) {
        Token t = p.peek();
        if (t.kind() != Token.Kind.NAME || !KEYWORDS.contains(t.text())) {
            p.error("a scenario item (" + String.join(", ", KEYWORDS) + ")");
        }
        p.next();
        switch (t.text()) {
            case "machine" -> b.machine.addAll(p.settings());
            case "bounds" -> b.bounds.addAll(p.settings());
            case "setup" -> setup(b);
            case "thread" -> thread(b);
            case "expect" -> b.expect.addAll(once(b.expect.isEmpty(), t, p.outcomes()));
            case "bug" -> bug(b, t);
            case "check" -> check(b);
            case "strategy" -> {
                NameRef s = p.name("a strategy (bfs, dfs, preempt, random)");
                p.expect(";");
                b.strategy = Optional.of(s);
            }
            default -> cover(b);
        }
    }

    private <T> List<T> once(boolean first, Token t, List<T> value) {
        if (!first) {
            reportTwice(t);
        }
        return value;
    }

    private void reportTwice(Token t) {
        p.problemsReport(ScenarioCode.DUPLICATE, t, "clause", t.text());
    }

    private void setup(Builder b) {
        p.expect("{");
        while (!p.peek().is("}") && p.peek().kind() != Token.Kind.EOF) {
            Optional<NameRef> target = Optional.empty();
            if (p.peek().kind() == Token.Kind.NAME && p.peekAt(1).is("=")) {
                target = Optional.of(p.name("a variable"));
                p.next();
            }
            Call call = p.call();
            p.expect(";");
            b.setup.add(new SetupStmt(target, call));
        }
        p.expect("}");
    }

    private void thread(Builder b) {
        NameRef name = p.name("a thread name");
        p.expect("=");
        Call call = p.call();
        p.expect(";");
        b.threads.add(new ThreadDecl(name, call));
    }

    private void bug(Builder b, Token t) {
        NameRef id = p.name("a historic bug id (e.g. dirty-cow)");
        p.expect("expect");
        List<OutcomeDef> outcomes = p.outcomes();
        if (b.bug.isPresent()) {
            reportTwice(t);
        }
        b.bug = Optional.of(new BugClause(id, outcomes));
    }

    private void check(Builder b) {
        if (p.accept("all")) {
            p.expect(";");
            return;
        }
        do {
            b.check.add(p.name("an invariant id"));
        } while (p.accept(","));
        p.expect(";");
    }

    private void cover(Builder b) {
        do {
            b.cover.add(p.string("a code point in quotes, e.g. \"zap_pte_range:page_remove_rmap\""));
        } while (p.accept(","));
        p.expect(";");
    }
}
