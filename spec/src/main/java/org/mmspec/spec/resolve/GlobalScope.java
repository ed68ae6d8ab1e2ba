package org.mmspec.spec.resolve;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mmspec.spec.ast.Decl;
import org.mmspec.spec.types.Builtin;
import org.mmspec.spec.types.Builtins;
import org.mmspec.spec.types.Type;

/**
 * The declarations of a whole program (a file and everything it imports), collected before any body is
 * resolved. Values, types and procedures share one namespace, as in C; invariants and scenarios have
 * their own.
 */
public final class GlobalScope {

    private final Map<String, Symbol> names = new LinkedHashMap<>();
    private final Map<String, Decl.Invariant> invariants = new LinkedHashMap<>();
    private final Map<String, Decl.Scenario> scenarios = new LinkedHashMap<>();
    private final List<Symbol.Global> globals = new ArrayList<>();
    private final List<Decl.Proc> procs = new ArrayList<>();
    private Decl.Memory memory;

    GlobalScope() {
        for (Map.Entry<String, Type> e : Builtins.types().entrySet()) {
            names.put(e.getKey(), new Symbol.TypeName(e.getKey(), null, null, e.getValue()));
        }
        List<String> flags = Builtins.PAGE_FLAGS;
        for (int i = 0; i < flags.size(); i++) {
            names.put(flags.get(i), new Symbol.EnumMember(flags.get(i), null, Builtins.PAGEFLAG, i));
        }
        names.put(Builtins.PTE_NONE, new Symbol.BuiltinConst(Builtins.PTE_NONE, new Type.Pte(), 0));
        for (Builtin b : Builtin.values()) {
            names.put(b.spelling(), new Symbol.BuiltinFn(b.spelling(), b));
        }
    }

    /** The symbol named {@code name}, or null. */
    public Symbol lookup(String name) {
        return names.get(name);
    }

    /** Every name in the value/type/procedure namespace (for "did you mean" hints). */
    public List<String> allNames() {
        return List.copyOf(names.keySet());
    }

    public Decl.Invariant invariant(String name) {
        return invariants.get(name);
    }

    /** Invariants in declaration order. */
    public Map<String, Decl.Invariant> invariants() {
        return Collections.unmodifiableMap(invariants);
    }

    public Map<String, Decl.Scenario> scenarios() {
        return Collections.unmodifiableMap(scenarios);
    }

    /** Global variables in declaration order (their state order). */
    public List<Symbol.Global> globals() {
        return List.copyOf(globals);
    }

    public List<Decl.Proc> procs() {
        return List.copyOf(procs);
    }

    /** The program-wide {@code memory} declaration, or null. */
    public Decl.Memory memory() {
        return memory;
    }

    Symbol define(Symbol s) {
        Symbol old = names.putIfAbsent(s.name(), s);
        if (old == null) {
            if (s instanceof Symbol.Global g) {
                globals.add(g);
            } else if (s instanceof Symbol.Proc p) {
                procs.add(p.decl());
            }
        }
        return old;
    }

    Decl.Invariant defineInvariant(Decl.Invariant i) {
        return invariants.putIfAbsent(i.name().text(), i);
    }

    Decl.Scenario defineScenario(Decl.Scenario s) {
        return scenarios.putIfAbsent(s.name().text(), s);
    }

    Decl.Memory defineMemory(Decl.Memory m) {
        if (memory != null) {
            return memory;
        }
        memory = m;
        return null;
    }

    int globalCount() {
        return globals.size();
    }
}
