package org.mmspec.spec.types;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mmspec.spec.ast.Decl;
import org.mmspec.spec.diag.DiagnosticCode;
import org.mmspec.spec.diag.Diagnostics;
import org.mmspec.spec.resolve.CallGraph;
import org.mmspec.spec.resolve.GlobalScope;
import org.mmspec.spec.resolve.Symbol;

/**
 * Second pass: with every declaration known, resolves and types global variables, procedure
 * signatures, procedure bodies, invariants and scenarios. Reports into the collector and keeps going.
 */
public final class ProgramChecker {

    private ProgramChecker() {
    }

    public static CheckedProgram check(GlobalScope scope, CallGraph calls, Diagnostics diagnostics) {
        CheckedProgram out = new CheckedProgram(scope, calls);
        ConstEvaluator consts = new ConstEvaluator(scope, diagnostics);
        TypeResolver types = new TypeResolver(scope, consts, diagnostics);
        ExprChecker exprs = new ExprChecker(out, diagnostics, consts, types);
        StmtChecker stmts = new StmtChecker(exprs);
        for (String name : scope.allNames()) {
            if (scope.lookup(name) instanceof Symbol.Const c) {
                out.constants.put(name, consts.constant(c));
            } else if (scope.lookup(name) instanceof Symbol.TypeName t) {
                Type resolved = t.builtin() != null ? t.builtin() : types.resolve(
                        new org.mmspec.spec.ast.TypeNode.NamedType(t.span(), new org.mmspec.spec.ast.Ident(name, t.span())));
                if (resolved instanceof Type.Enum e && e.name().equals(name)) {
                    out.enums.put(name, e);
                }
            }
        }
        for (Symbol.Global g : scope.globals()) {
            out.globalTypes.put(g.name(), types.withDims(types.resolve(g.decl().type()), g.declarator().dims()));
        }
        Map<String, Env> bodies = signatures(scope, calls, out, types, diagnostics);
        Frame globalInit = new Frame("global initialisers");
        for (Symbol.Global g : scope.globals()) {
            if (g.declarator().init() != null) {
                Env env = new Env(globalInit, Env.Kind.INIT, null, new Type.Void());
                new AssignRules(exprs).initializer(g.declarator().init(), out.globalTypes.get(g.name()), env, true);
            }
        }
        out.invariantFrames.put("#globals", globalInit);
        for (Decl.Proc p : scope.procs()) {
            stmts.block(p.body(), bodies.get(p.name().text()));
        }
        for (Decl.Invariant inv : scope.invariants().values()) {
            Frame f = new Frame("invariant " + inv.name().text());
            exprs.expect(inv.body(), new Env(f, Env.Kind.INVARIANT, null, new Type.Void()), new Type.Bool());
            out.invariantFrames.put(inv.name().text(), f);
        }
        DisciplineChecker disciplines = new DisciplineChecker(exprs);
        for (Symbol.Global g : scope.globals()) {
            CheckedDiscipline d = disciplines.check(g, out.globalTypes.get(g.name()), g.decl().annotations());
            out.disciplines.put(g.name(), d);
        }
        ScenarioChecker scenarios = new ScenarioChecker(out, exprs, stmts, consts, diagnostics);
        for (Decl.Scenario s : scope.scenarios().values()) {
            CheckedScenario cs = scenarios.check(s);
            out.scenarios.put(cs.name(), cs);
        }
        return out;
    }

    private static Map<String, Env> signatures(GlobalScope scope, CallGraph calls, CheckedProgram out,
            TypeResolver types, Diagnostics diagnostics) {
        Map<String, Env> bodies = new HashMap<>();
        for (Decl.Proc p : scope.procs()) {
            String name = p.name().text();
            Type ret = p.returnType() == null ? new Type.Void() : types.resolve(p.returnType());
            if (!ret.scalar()) {
                diagnostics.error(DiagnosticCode.NON_SCALAR, p.returnType().span(), "a return type", ret.show());
                ret = new Type.Error();
            }
            Frame frame = new Frame(name);
            Env env = new Env(frame, Env.Kind.PROCEDURE, name, ret);
            List<Type> params = new ArrayList<>();
            for (Decl.Param q : p.params()) {
                Type t = types.withDims(types.resolve(q.type()), q.dims());
                if (StmtChecker.containsLock(t)) {
                    diagnostics.error(DiagnosticCode.NOT_ALLOWED_HERE, q.span(), "a lock", "a parameter (locks are global)");
                    t = new Type.Error();
                }
                params.add(t);
                Symbol.Local l = env.declare(q.name().text(), q.name().span(), t);
                if (l == null) {
                    diagnostics.error(DiagnosticCode.DUPLICATE_DECLARATION, q.name().span(), q.name().text());
                    l = env.innermost(q.name().text());
                }
                out.locals.put(q, l);
            }
            out.procs.put(name, new ProcInfo(p, ret, params, frame, calls.isFunction(name), calls.hasSteps(name)));
            bodies.put(name, env);
        }
        return bodies;
    }
}
