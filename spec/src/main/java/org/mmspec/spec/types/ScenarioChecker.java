package org.mmspec.spec.types;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.mmspec.spec.ast.Decl;
import org.mmspec.spec.ast.Expr;
import org.mmspec.spec.ast.ScenarioItem;
import org.mmspec.spec.ast.Stmt;
import org.mmspec.spec.diag.DiagnosticCode;
import org.mmspec.spec.diag.Diagnostics;
import org.mmspec.spec.diag.Hints;

/** Checks {@code scenario} blocks: sizes, init, threads, bounds, selected invariants, expectation. */
final class ScenarioChecker {

    /** Largest id domain (so that sets of ids fit one word). */
    static final int MAX_IDS = 31;
    private static final Set<String> SIZES = Set.of("pages", "mms", "vmas");
    private static final Set<String> BOUNDS = Set.of("preemptions", "depth");
    private static final Set<String> STRATEGIES = Set.of("bfs", "dfs", "preempt", "random");
    private static final Set<String> FAULTS = Set.of("assertion", "kernel_bug", "model_error");

    private final CheckedProgram out;
    private final ExprChecker exprs;
    private final StmtChecker stmts;
    private final ConstEvaluator consts;
    private final Diagnostics diagnostics;

    ScenarioChecker(CheckedProgram out, ExprChecker exprs, StmtChecker stmts, ConstEvaluator consts,
            Diagnostics diagnostics) {
        this.out = out;
        this.exprs = exprs;
        this.stmts = stmts;
        this.consts = consts;
        this.diagnostics = diagnostics;
    }

    CheckedScenario check(Decl.Scenario s) {
        String name = s.name().text();
        Map<String, Integer> sizes = new LinkedHashMap<>();
        Decl.Memory global = out.scope.memory();
        if (global != null) {
            sizes(global.sizes(), sizes);
        }
        Frame frame = new Frame("scenario " + name);
        Env env = new Env(frame, Env.Kind.INIT, null, new Type.Void());
        Stmt.Block init = null;
        List<CheckedScenario.ThreadSpec> threads = new ArrayList<>();
        Map<String, Integer> bounds = new LinkedHashMap<>();
        String strategy = null;
        List<String> checks = null;
        ScenarioItem.Expect expect = null;
        Set<String> seenItems = new TreeSet<>();
        for (ScenarioItem item : s.items()) {
            String kind = itemKind(item);
            if (kind != null && !seenItems.add(kind)) {
                diagnostics.error(DiagnosticCode.DUPLICATE_SCENARIO_ITEM, item.span(), name, "a '" + kind + "' item");
                continue;
            }
            switch (item) {
                case ScenarioItem.Memory m -> sizes(m.sizes(), sizes);
                case ScenarioItem.Init i -> {
                    stmts.block(i.body(), env);
                    init = i.body();
                }
                case ScenarioItem.Thread t -> threads.add(thread(t, threads, env));
                case ScenarioItem.Bounds b -> bounds(b, bounds);
                case ScenarioItem.Check c -> checks = checks(c);
                case ScenarioItem.Expect e -> expect = expect(e);
                case ScenarioItem.Strategy st -> strategy = strategy(st);
                case ScenarioItem.Cover v -> { } // code points are checked against the lowered procedures
            }
        }
        if (threads.isEmpty()) {
            diagnostics.error(DiagnosticCode.NO_THREADS, s.name().span(), name);
        }
        List<String> selected = checks == null ? invariantIds() : checks;
        if (expect != null && expect.kind() == ScenarioItem.Expect.Kind.VIOLATION
                && invariantIds().contains(expect.name().text()) && !selected.contains(expect.name().text())) {
            diagnostics.error(DiagnosticCode.EXPECTED_NOT_CHECKED, expect.name().span(), name, expect.name().text());
        }
        return new CheckedScenario(name, s.name().span(), sizes, init, frame, threads,
                bounds.getOrDefault("preemptions", -1), bounds.getOrDefault("depth", -1), strategy, selected, expect);
    }

    private static String itemKind(ScenarioItem item) {
        return switch (item) {
            case ScenarioItem.Memory m -> "memory";
            case ScenarioItem.Init i -> "init";
            case ScenarioItem.Bounds b -> "bounds";
            case ScenarioItem.Check c -> "check";
            case ScenarioItem.Expect e -> "expect";
            case ScenarioItem.Strategy s -> "strategy";
            case ScenarioItem.Cover v -> "cover";
            case ScenarioItem.Thread t -> null;
        };
    }

    private void sizes(List<Decl.SizeItem> items, Map<String, Integer> sizes) {
        for (Decl.SizeItem i : items) {
            String n = i.name().text();
            if (!SIZES.contains(n)) {
                diagnostics.errorWithHints(DiagnosticCode.UNKNOWN_MEMORY_SIZE, i.name().span(),
                        Hints.didYouMean(n, SIZES), n);
                continue;
            }
            Integer v = small(i.value(), "a memory size", 0, MAX_IDS);
            if (v != null) {
                sizes.put(n, v);
            }
        }
    }

    private void bounds(ScenarioItem.Bounds b, Map<String, Integer> bounds) {
        for (Decl.SizeItem i : b.items()) {
            String n = i.name().text();
            if (!BOUNDS.contains(n)) {
                diagnostics.errorWithHints(DiagnosticCode.UNKNOWN_BOUND, i.name().span(), Hints.didYouMean(n, BOUNDS), n);
                continue;
            }
            // a depth of 0 would search nothing but the initial state: at least one step
            Integer v = small(i.value(), n.equals("depth") ? "a depth bound" : "a bound", n.equals("depth") ? 1 : 0,
                    1_000_000);
            if (v != null) {
                bounds.put(n, v);
            }
        }
    }

    private Integer small(Expr e, String what, int lo, int hi) {
        Long v = consts.intValue(e, what);
        if (v == null) {
            return null;
        }
        if (v < lo || v > hi) {
            diagnostics.error(DiagnosticCode.VALUE_OUT_OF_RANGE, e.span(), v, what + " (" + lo + ".." + hi + ")");
            return null;
        }
        return v.intValue();
    }

    private CheckedScenario.ThreadSpec thread(ScenarioItem.Thread t, List<CheckedScenario.ThreadSpec> threads,
            Env init) {
        String name = t.name().text();
        for (CheckedScenario.ThreadSpec other : threads) {
            if (other.name().equals(name)) {
                diagnostics.errorWithHints(DiagnosticCode.DUPLICATE_DECLARATION, t.name().span(),
                        List.of("first declared at " + other.span().where()), name);
            }
        }
        if (threads.size() >= MAX_IDS) {
            diagnostics.error(DiagnosticCode.VALUE_OUT_OF_RANGE, t.span(), threads.size() + 1,
                    "the number of threads (1.." + MAX_IDS + ")");
        }
        ProcInfo info = out.procs.get(t.proc().text());
        if (info == null) {
            diagnostics.errorWithHints(DiagnosticCode.UNKNOWN_PROCEDURE, t.proc().span(),
                    Hints.didYouMean(t.proc().text(), out.procs.keySet()), t.proc().text());
        } else if (info.paramTypes().size() != t.args().size()) {
            diagnostics.error(DiagnosticCode.WRONG_ARG_COUNT, t.span(), t.proc().text(), info.paramTypes().size(),
                    t.args().size());
        } else {
            Env env = new Env(init.frame, Env.Kind.THREAD_ARGS, null, new Type.Void());
            for (int i = 0; i < t.args().size(); i++) {
                Type want = info.paramTypes().get(i);
                if (!want.scalar()) {
                    diagnostics.error(DiagnosticCode.THREAD_ARGUMENT, t.args().get(i).span(), i + 1, t.proc().text());
                } else {
                    exprs.expect(t.args().get(i), env, want);
                    checkRange(t, i, want);
                }
            }
        }
        return new CheckedScenario.ThreadSpec(name, t.name().span(), t.proc().text(), t.args());
    }

    /**
     * A constant thread argument outside its parameter's range ({@code user_write(0, 1)} when addresses are
     * {@code 0..0}) is reported now, not as a model error in the search's first step.
     */
    private void checkRange(ScenarioItem.Thread t, int i, Type want) {
        if (!(want instanceof Type.Int range) || range.unbounded()) {
            return;
        }
        ConstValue v = new ConstEvaluator(out.scope, new Diagnostics()).eval(t.args().get(i), "");
        if (v != null && v.type() instanceof Type.Int && (v.value() < range.lo() || v.value() > range.hi())) {
            diagnostics.error(DiagnosticCode.VALUE_OUT_OF_RANGE, t.args().get(i).span(), v.value(),
                    "argument " + (i + 1) + " of '" + t.proc().text() + "' (" + range.lo() + ".." + range.hi() + ")");
        }
    }

    private List<String> checks(ScenarioItem.Check c) {
        if (c.all()) {
            return invariantIds();
        }
        Set<String> wanted = new TreeSet<>();
        for (var n : c.names()) {
            if (!invariantIds().contains(n.text())) {
                diagnostics.errorWithHints(DiagnosticCode.UNKNOWN_INVARIANT, n.span(),
                        Hints.didYouMean(n.text(), invariantIds()), n.text());
            }
            wanted.add(n.text());
        }
        return invariantIds().stream().filter(wanted::contains).toList();
    }

    /** The invariants a scenario can check, in declaration order: every {@code invariant}, no {@code limit}. */
    private List<String> invariantIds() {
        return out.scope.invariants().values().stream().filter(i -> !i.limit()).map(i -> i.name().text()).toList();
    }

    private ScenarioItem.Expect expect(ScenarioItem.Expect e) {
        if (e.kind() == ScenarioItem.Expect.Kind.VIOLATION && !invariantIds().contains(e.name().text())) {
            diagnostics.errorWithHints(DiagnosticCode.UNKNOWN_INVARIANT, e.name().span(),
                    Hints.didYouMean(e.name().text(), invariantIds()), e.name().text());
        }
        if (e.kind() == ScenarioItem.Expect.Kind.FAULT && !FAULTS.contains(e.name().text())) {
            diagnostics.errorWithHints(DiagnosticCode.UNKNOWN_FAULT_KIND, e.name().span(),
                    Hints.didYouMean(e.name().text(), FAULTS), e.name().text());
        }
        return e;
    }

    private String strategy(ScenarioItem.Strategy s) {
        String n = s.name().text();
        if (!STRATEGIES.contains(n)) {
            diagnostics.errorWithHints(DiagnosticCode.UNKNOWN_STRATEGY, s.name().span(), Hints.didYouMean(n, STRATEGIES), n);
            return null;
        }
        return n;
    }
}
