package org.mmspec.checker.scenario.build;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mmspec.checker.scenario.Expectation;
import org.mmspec.checker.scenario.Scenario;
import org.mmspec.checker.scenario.build.ScenarioDef.NameRef;
import org.mmspec.checker.scenario.build.ScenarioDef.SetupStmt;
import org.mmspec.checker.scenario.build.ScenarioDef.ThreadDecl;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.bugs.BugId;

/**
 * Turns {@link ScenarioDef}s into {@link Scenario}s: checks every name (operations, parameters,
 * variables, threads, invariants, bugs, machine keys, code points — each unknown one with a
 * did-you-mean hint) and every type, then builds the scenario once with its historic bugs off, so that
 * a set-up call that fails is reported at its statement. Every problem is a {@link ScenarioDiagnostic}.
 */
public final class ScenarioCompiler {

    /** The model has at most this many scenario threads. */
    public static final int MAX_THREADS = 7;

    private final Problems problems;
    private final String origin;

    /**
     * @param problems where problems go
     * @param origin where the scenarios were written (a file name, or {@code "java"})
     */
    public ScenarioCompiler(Problems problems, String origin) {
        this.problems = problems;
        this.origin = origin;
    }

    /** The scenarios of {@code defs}, in order; check {@link Problems#hasErrors()} before using them. */
    public List<Scenario> compile(List<ScenarioDef> defs) {
        List<Scenario> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ScenarioDef d : defs) {
            if (!names.add(d.name())) {
                problems.error(ScenarioCode.DUPLICATE, d.nameSpan(), "scenario", d.name());
                continue;
            }
            compile(d).ifPresent(out::add);
        }
        return out;
    }

    private Optional<Scenario> compile(ScenarioDef d) {
        int before = problems.count();
        List<String> threadNames = threadNames(d);
        Config config = MachineSettings.build(Math.max(1, Math.min(MAX_THREADS, threadNames.size())), d.machine(),
                problems, d.nameSpan());
        Scope scope = new Scope(threadNames);
        Typer typer = new Typer(scope, problems);
        Binder binder = new Binder(typer, problems);
        List<CompiledSetup.Stmt> stmts = setup(d.setup(), scope, binder);
        List<CompiledSetup.Thread> threads = threads(d.threads(), binder);
        ScenarioChecks checks = new ScenarioChecks(problems);
        Expectation expected = checks.expectation(d.expect(), d.nameSpan());
        Optional<BugId> bug = d.bug().flatMap(b -> checks.bug(b.bug()));
        Expectation whenBuggy = d.bug().map(b -> checks.expectation(b.outcomes(), b.bug().span()))
                .orElse(Expectation.pass());
        List<String> invariants = checks.invariants(d.check());
        var search = checks.search(d.strategy(), d.bounds());
        List<String> cover = checks.cover(d.cover());
        if (problems.count() > before || config == null) {
            return Optional.empty();
        }
        Scenario s = new Scenario(d.name(), d.summary(), config, new CompiledSetup(stmts, threads, scope.size()),
                bug, whenBuggy, invariants, search, expected, cover, origin);
        return dryRun(s, d) ? Optional.of(s) : Optional.empty();
    }

    private List<String> threadNames(ScenarioDef d) {
        List<String> names = new ArrayList<>();
        for (ThreadDecl t : d.threads()) {
            if (names.contains(t.name().text())) {
                problems.error(ScenarioCode.DUPLICATE, t.name().span(), "thread", t.name().text());
            }
            names.add(t.name().text());
        }
        if (names.isEmpty()) {
            problems.error(ScenarioCode.NO_THREADS, d.nameSpan());
        } else if (names.size() > MAX_THREADS) {
            problems.error(ScenarioCode.TOO_MANY_THREADS, d.threads().get(MAX_THREADS).name().span(), names.size(),
                    MAX_THREADS);
        }
        return names;
    }

    private List<CompiledSetup.Stmt> setup(List<SetupStmt> setup, Scope scope, Binder binder) {
        List<CompiledSetup.Stmt> out = new ArrayList<>();
        for (SetupStmt s : setup) {
            Optional<Operation> op = binder.resolve(s.call());
            Optional<BoundCall> call = op.flatMap(o -> binder.bind(o, s.call()));
            int target = -1;
            if (s.target().isPresent()) {
                target = op.isPresent() && call.isPresent() ? define(s.target().get(), op.get(), scope) : -1;
                if (target < 0) {
                    scope.poison(s.target().get().text());
                }
            }
            if (call.isPresent()) {
                out.add(new CompiledSetup.Stmt(call.get(), target));
            }
        }
        return out;
    }

    /** Defines the variable a statement assigns; returns its slot, or -1 (reported). */
    private int define(NameRef name, Operation op, Scope scope) {
        String n = name.text();
        if (op.result() == ArgType.NONE) {
            problems.error(ScenarioCode.NO_RESULT, name.span(), op.name(), n);
            return -1;
        }
        if (scope.var(n) != null) {
            problems.error(ScenarioCode.DUPLICATE, name.span(), "variable", n);
            return -1;
        }
        String reserved = scope.isThread(n) ? "a thread" : Constants.byName(n).isPresent() ? "a constant"
                : n.equals("true") || n.equals("false") ? "a boolean" : null;
        if (reserved != null) {
            problems.error(ScenarioCode.RESERVED_NAME, name.span(), n, reserved);
            return -1;
        }
        return scope.define(n, op.result());
    }

    private List<CompiledSetup.Thread> threads(List<ThreadDecl> decls, Binder binder) {
        List<CompiledSetup.Thread> out = new ArrayList<>();
        for (ThreadDecl t : decls) {
            Optional<Operation> op = binder.resolve(t.call());
            if (op.isPresent() && !op.get().isProcedure()) {
                problems.error(ScenarioCode.NOT_A_PROCEDURE, t.call().nameSpan(), op.get().name());
                continue;
            }
            op.flatMap(o -> binder.bind(o, t.call()))
                    .ifPresent(c -> out.add(new CompiledSetup.Thread(t.name().text(), c)));
        }
        return out;
    }

    /** Builds the scenario once with its bugs off; a failing set-up statement is reported there. */
    private boolean dryRun(Scenario s, ScenarioDef d) {
        try {
            s.instantiate(Set.of());
            return true;
        } catch (CompiledSetup.StatementFailed e) {
            problems.error(ScenarioCode.SETUP_FAILED, e.span(), e.reason());
        } catch (RuntimeException e) {
            problems.error(ScenarioCode.SETUP_FAILED, d.nameSpan(), String.valueOf(e.getMessage()));
        }
        return false;
    }
}
