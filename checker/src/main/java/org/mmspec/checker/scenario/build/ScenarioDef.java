package org.mmspec.checker.scenario.build;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mmspec.spec.diag.SourceSpan;

/**
 * A scenario as written, before names and types are checked: what a scenario file's {@code scenario}
 * block says and what {@link ScenarioBuilder} records. {@link ScenarioCompiler} turns it into a
 * {@link org.mmspec.checker.scenario.Scenario}.
 *
 * @param name the scenario's name
 * @param nameSpan where the name is
 * @param summary one line (may be empty)
 * @param machine {@code machine { key = value; }} settings over the scenario machine
 * @param setup the set-up statements, in order
 * @param threads the threads, in order (their ids)
 * @param expect what the check must find with every historic bug off (empty: pass)
 * @param bug the historic bug the scenario reproduces, with what must be found when it is on
 * @param check the invariants checked (empty: all)
 * @param strategy the search strategy, if given
 * @param bounds {@code bounds { preemptions = P; depth = D; }}
 * @param cover code points a pass must have reached ({@code "procedure:point"})
 */
public record ScenarioDef(String name, SourceSpan nameSpan, String summary, List<Setting> machine,
        List<SetupStmt> setup, List<ThreadDecl> threads, List<OutcomeDef> expect, Optional<BugClause> bug,
        List<NameRef> check, Optional<NameRef> strategy, List<Setting> bounds, List<NameRef> cover) {

    public ScenarioDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nameSpan, "nameSpan");
        Objects.requireNonNull(summary, "summary");
        machine = List.copyOf(machine);
        setup = List.copyOf(setup);
        threads = List.copyOf(threads);
        expect = List.copyOf(expect);
        Objects.requireNonNull(bug, "bug");
        check = List.copyOf(check);
        Objects.requireNonNull(strategy, "strategy");
        bounds = List.copyOf(bounds);
        cover = List.copyOf(cover);
    }

    /** A name or string as written, with its place. */
    public record NameRef(String text, SourceSpan span) {
    }

    /** {@code key = value;} in a {@code machine} or {@code bounds} block. */
    public record Setting(String key, SourceSpan keySpan, long value, SourceSpan valueSpan) {
    }

    /** {@code [target =] call;} in the set-up. */
    public record SetupStmt(Optional<NameRef> target, Call call) {
    }

    /** {@code thread NAME = call;}. */
    public record ThreadDecl(NameRef name, Call call) {
    }

    /** {@code bug ID expect OUTCOME | ...;}. */
    public record BugClause(NameRef bug, List<OutcomeDef> outcomes) {
        public BugClause {
            outcomes = List.copyOf(outcomes);
        }
    }

    /**
     * One acceptable outcome: {@code pass}, {@code violation ID}, {@code deadlock}, {@code kernel_bug}.
     *
     * @param kind which
     * @param invariant the invariant, for {@link Kind#VIOLATION}
     * @param span where it is written
     */
    public record OutcomeDef(Kind kind, Optional<NameRef> invariant, SourceSpan span) {
        /** The outcomes a scenario can expect. */
        public enum Kind {
            PASS, VIOLATION, DEADLOCK, KERNEL_BUG
        }
    }
}
