package org.mmspec.spec.types;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mmspec.spec.ast.Decl;
import org.mmspec.spec.ast.Domain;
import org.mmspec.spec.ast.Expr;
import org.mmspec.spec.ast.Stmt;
import org.mmspec.spec.resolve.CallGraph;
import org.mmspec.spec.resolve.GlobalScope;
import org.mmspec.spec.resolve.Symbol;

/**
 * The result of checking: the AST plus side tables (the type of every expression, what every name
 * means, the slot of every local). Lowering reads only this.
 */
public final class CheckedProgram {

    final GlobalScope scope;
    final CallGraph calls;
    final Map<Expr, Type> types = new IdentityHashMap<>();
    final Map<Expr, Symbol> refs = new IdentityHashMap<>();
    final Map<Object, Symbol.Local> locals = new IdentityHashMap<>();
    final Map<Stmt.For, Symbol.Local> forIndex = new IdentityHashMap<>();
    final Map<Domain, DomainInfo> domains = new IdentityHashMap<>();
    final Map<String, Type> globalTypes = new LinkedHashMap<>();
    final Map<String, ProcInfo> procs = new LinkedHashMap<>();
    final Map<String, Frame> invariantFrames = new LinkedHashMap<>();
    final Map<String, CheckedScenario> scenarios = new LinkedHashMap<>();
    final Map<String, ConstValue> constants = new LinkedHashMap<>();
    final Map<String, Type> enums = new LinkedHashMap<>();
    final Map<String, CheckedDiscipline> disciplines = new LinkedHashMap<>();
    final java.util.List<ThreadIdUse> threadIdUses = new java.util.ArrayList<>();

    CheckedProgram(GlobalScope scope, CallGraph calls) {
        this.scope = scope;
        this.calls = calls;
    }

    public GlobalScope scope() {
        return scope;
    }

    /** The type of a checked expression. */
    public Type type(Expr e) {
        Type t = types.get(e);
        return t == null ? new Type.Error() : t;
    }

    /** What a name or call refers to. */
    public Symbol ref(Expr e) {
        return refs.get(e);
    }

    /** The slot of the variable declared by {@code declOrBinder} (declarator, param, for, with, quantifier). */
    public Symbol.Local local(Object declOrBinder) {
        return locals.get(declOrBinder);
    }

    /** The hidden iteration counter of a {@code for} loop. */
    public Symbol.Local forIndex(Stmt.For f) {
        return forIndex.get(f);
    }

    public DomainInfo domain(Domain d) {
        return domains.get(d);
    }

    public Type globalType(String name) {
        return globalTypes.get(name);
    }

    public Map<String, ProcInfo> procs() {
        return procs;
    }

    public ProcInfo proc(String name) {
        return procs.get(name);
    }

    public Frame invariantFrame(String name) {
        return invariantFrames.get(name);
    }

    /** Invariant declarations in declaration order. */
    public List<Decl.Invariant> invariants() {
        return List.copyOf(scope.invariants().values());
    }

    public Map<String, CheckedScenario> scenarios() {
        return scenarios;
    }

    /** The value of constant {@code name} (null if it had an error). */
    public ConstValue constant(String name) {
        return constants.get(name);
    }

    /** The enum type named {@code name} (declared or built in). */
    public Type enumType(String name) {
        return enums.get(name);
    }

    /** The discipline of global {@code name} (every global has one; unannotated ones are {@link Discipline#UNDECLARED}). */
    public CheckedDiscipline discipline(String name) {
        return disciplines.get(name);
    }

    public CallGraph calls() {
        return calls;
    }

    /** Code that names particular threads ({@link ThreadIdUse}), in checking order. */
    public List<ThreadIdUse> threadIdUses() {
        return List.copyOf(threadIdUses);
    }

    /** Notes a {@link ThreadIdUse} of {@code t} at {@code span} when {@code t} holds thread ids. */
    void noteThreadIds(Type t, Env env, org.mmspec.spec.diag.SourceSpan span, String what) {
        if (holdsThreadIds(t)) {
            threadIdUses.add(new ThreadIdUse(span, what, env.kind == Env.Kind.PROCEDURE || env.kind == Env.Kind.INVARIANT,
                    env.kind == Env.Kind.PROCEDURE ? env.procName : null));
        }
    }

    /** Whether a value of type {@code t} is or contains a thread id (or a set or list of them). */
    static boolean holdsThreadIds(Type t) {
        return switch (t) {
            case Type.Id id -> id.kind() == Type.IdKind.THREAD;
            case Type.SetOf s -> holdsThreadIds(s.elem());
            case Type.ListOf l -> holdsThreadIds(l.elem());
            case Type.Array a -> holdsThreadIds(a.elem());
            case Type.Record r -> r.fields().stream().anyMatch(f -> holdsThreadIds(f.type()));
            default -> false;
        };
    }
}
