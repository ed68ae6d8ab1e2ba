package org.mmspec.spec.resolve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mmspec.spec.ast.AstWalk;
import org.mmspec.spec.ast.Decl;
import org.mmspec.spec.ast.Expr;
import org.mmspec.spec.ast.Ident;
import org.mmspec.spec.ast.Stmt;
import org.mmspec.spec.diag.DiagnosticCode;
import org.mmspec.spec.diag.Diagnostics;

/**
 * Who calls whom, and what each procedure does: whether it has atomic steps (labels, {@code await},
 * locks, nondeterminism, or calls to such procedures) and whether it writes global state. A procedure
 * with neither is a <em>function</em>: it may be called inside expressions and invariants. Recursion is
 * reported here.
 */
public final class CallGraph {

    private final Map<String, Set<String>> callees = new HashMap<>();
    private final Set<String> hasSteps = new HashSet<>();
    private final Set<String> writesGlobals = new HashSet<>();

    private CallGraph() {
    }

    /** Builds the graph for every procedure of {@code scope}. */
    public static CallGraph build(GlobalScope scope, Diagnostics diagnostics) {
        CallGraph g = new CallGraph();
        for (Decl.Proc p : scope.procs()) {
            g.scan(p, scope);
        }
        g.close(scope);
        g.reportRecursion(scope, diagnostics);
        return g;
    }

    /** True when {@code proc} may be called inside an expression. */
    public boolean isFunction(String proc) {
        return !hasSteps.contains(proc) && !writesGlobals.contains(proc);
    }

    /** True when {@code proc} (or something it calls) has atomic steps. */
    public boolean hasSteps(String proc) {
        return hasSteps.contains(proc);
    }

    /** The procedures {@code proc} calls directly, sorted. */
    public List<String> callees(String proc) {
        return callees.getOrDefault(proc, Set.of()).stream().sorted().toList();
    }

    /** {@code proc} and every procedure it may call, in a stable order. */
    public List<String> reachable(String proc) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> work = new ArrayList<>(List.of(proc));
        while (!work.isEmpty()) {
            String p = work.remove(work.size() - 1);
            if (seen.add(p)) {
                work.addAll(callees.getOrDefault(p, Set.of()).stream().sorted().toList());
            }
        }
        return List.copyOf(seen);
    }

    private void scan(Decl.Proc p, GlobalScope scope) {
        String name = p.name().text();
        Set<String> calls = new LinkedHashSet<>();
        AstWalk.stmts(p.body(), s -> {
            switch (s) {
                case Stmt.With w -> hasSteps.add(name);
                case Stmt.Labeled l -> hasSteps.add(name);
                case Stmt.Await a -> hasSteps.add(name);
                case Stmt.Either e -> hasSteps.add(name);
                default -> {
                }
            }
        }, e -> {
        });
        AstWalk.stmts(p.body(), s -> {
            Expr target = switch (s) {
                case Stmt.Assign a -> a.target();
                case Stmt.Step x -> x.target();
                default -> null;
            };
            markWrite(name, target, scope);
        }, e -> {
            if (e instanceof Expr.Call c) {
                Symbol sym = scope.lookup(c.callee().text());
                if (sym instanceof Symbol.Proc) {
                    calls.add(c.callee().text());
                } else if (sym instanceof Symbol.BuiltinFn b && !b.builtin().pure()) {
                    if (b.builtin().locking()) {
                        hasSteps.add(name);
                    } else if (!c.args().isEmpty()) {
                        boolean bitOp = b.builtin() == org.mmspec.spec.types.Builtin.TEST_AND_SET_BIT
                                || b.builtin() == org.mmspec.spec.types.Builtin.TEST_AND_CLEAR_BIT;
                        markWrite(name, c.args().get(bitOp && c.args().size() > 1 ? 1 : 0), scope);
                    }
                }
            }
        });
        callees.put(name, calls);
    }

    /**
     * Conservative: a write to a name that is a global counts as a global write even where a local of
     * that name shadows it, so that nothing called from an invariant can change the state.
     */
    private void markWrite(String proc, Expr target, GlobalScope scope) {
        if (target == null) {
            return;
        }
        Ident root = AstWalk.placeRoot(target);
        if (root != null && scope.lookup(root.text()) instanceof Symbol.Global) {
            writesGlobals.add(proc);
        }
    }

    /** A caller of a procedure with steps (or global writes) has them too: one pass over the callers, linear. */
    private void close(GlobalScope scope) {
        Map<String, List<String>> callers = new HashMap<>();
        for (Decl.Proc p : scope.procs()) {
            String n = p.name().text();
            for (String c : callees.getOrDefault(n, Set.of())) {
                callers.computeIfAbsent(c, k -> new ArrayList<>()).add(n);
            }
        }
        propagateToCallers(hasSteps, callers);
        propagateToCallers(writesGlobals, callers);
    }

    private static void propagateToCallers(Set<String> marked, Map<String, List<String>> callers) {
        java.util.ArrayDeque<String> work = new java.util.ArrayDeque<>(marked);
        while (!work.isEmpty()) {
            for (String caller : callers.getOrDefault(work.pop(), List.of())) {
                if (marked.add(caller)) {
                    work.push(caller);
                }
            }
        }
    }

    /**
     * Reports every procedure on a call cycle, with the shortest cycle through it. Cycles are found as
     * strongly connected components (linear time); a path is searched for at most
     * {@link Diagnostics#LIMIT} procedures, the number of errors the collector keeps.
     */
    private void reportRecursion(GlobalScope scope, Diagnostics diagnostics) {
        Set<String> cyclic = new CallCycles(callees).onCycles();
        int reported = 0;
        for (Decl.Proc p : scope.procs()) {
            String n = p.name().text();
            if (!cyclic.contains(n)) {
                continue;
            }
            List<String> path = reported++ < Diagnostics.LIMIT ? cycleFrom(n) : null;
            diagnostics.error(DiagnosticCode.RECURSION, p.name().span(), n,
                    path == null ? "a call cycle" : String.join(" -> ", path));
        }
    }

    /** A call path from {@code start} back to itself, or null. */
    private List<String> cycleFrom(String start) {
        Map<String, String> parent = new HashMap<>();
        java.util.ArrayDeque<String> work = new java.util.ArrayDeque<>(List.of(start));
        Set<String> seen = new HashSet<>();
        while (!work.isEmpty()) {
            String cur = work.poll();
            for (String c : callees.getOrDefault(cur, Set.of()).stream().sorted().toList()) {
                if (c.equals(start)) {
                    List<String> path = new ArrayList<>(List.of(start));
                    for (String x = cur; x != null && !x.equals(start); x = parent.get(x)) {
                        path.add(1, x);
                    }
                    path.add(start);
                    return path;
                }
                if (seen.add(c)) {
                    parent.put(c, cur);
                    work.add(c);
                }
            }
        }
        return null;
    }
}
