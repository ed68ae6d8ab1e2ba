package org.mmspec.spec.resolve;

import java.util.List;
import org.mmspec.spec.ast.Decl;
import org.mmspec.spec.ast.Declarator;
import org.mmspec.spec.ast.Ident;
import org.mmspec.spec.ast.SpecFile;
import org.mmspec.spec.diag.DiagnosticCode;
import org.mmspec.spec.diag.Diagnostics;
import org.mmspec.spec.diag.SourceSpan;

/**
 * First pass over a program: records every top-level name so bodies can refer to declarations in any
 * order and in any imported file. Reports duplicates (with where the first one is).
 */
public final class DeclarationCollector {

    private DeclarationCollector() {
    }

    /** Collects the declarations of {@code files} (the main file last is fine; order is kept). */
    public static GlobalScope collect(List<SpecFile> files, Diagnostics diagnostics) {
        GlobalScope scope = new GlobalScope();
        for (SpecFile f : files) {
            for (Decl d : f.decls()) {
                collect(scope, d, diagnostics);
            }
        }
        return scope;
    }

    private static void collect(GlobalScope scope, Decl d, Diagnostics diagnostics) {
        switch (d) {
            case Decl.Const c -> define(scope, new Symbol.Const(c.name().text(), c.name().span(), c), diagnostics);
            case Decl.Enum e -> {
                define(scope, new Symbol.TypeName(e.name().text(), e.name().span(), e, null), diagnostics);
                List<Ident> members = e.members();
                for (int i = 0; i < members.size(); i++) {
                    Ident m = members.get(i);
                    define(scope, new Symbol.EnumMember(m.text(), m.span(), e.name().text(), i), diagnostics);
                }
            }
            case Decl.Record r -> define(scope, new Symbol.TypeName(r.name().text(), r.name().span(), r, null),
                    diagnostics);
            case Decl.Typedef t -> define(scope, new Symbol.TypeName(t.name().text(), t.name().span(), t, null),
                    diagnostics);
            case Decl.Memory m -> {
                Decl.Memory old = scope.defineMemory(m);
                if (old != null) {
                    duplicate(diagnostics, "memory", m.span(), old.span());
                }
            }
            case Decl.Proc p -> define(scope, new Symbol.Proc(p.name().text(), p.name().span(), p), diagnostics);
            case Decl.Global g -> {
                for (Declarator v : g.vars()) {
                    define(scope, new Symbol.Global(v.name().text(), v.name().span(), g, v, scope.globalCount()),
                            diagnostics);
                }
            }
            case Decl.Invariant i -> {
                Decl.Invariant old = scope.defineInvariant(i);
                if (old != null) {
                    duplicate(diagnostics, i.name().text(), i.name().span(), old.name().span());
                }
            }
            case Decl.Scenario s -> {
                Decl.Scenario old = scope.defineScenario(s);
                if (old != null) {
                    duplicate(diagnostics, s.name().text(), s.name().span(), old.name().span());
                }
            }
        }
    }

    private static void define(GlobalScope scope, Symbol s, Diagnostics diagnostics) {
        Symbol old = scope.define(s);
        if (old != null) {
            duplicate(diagnostics, s.name(), s.span(), old.span());
        }
    }

    private static void duplicate(Diagnostics diagnostics, String name, SourceSpan at, SourceSpan first) {
        List<String> hints = first == null ? List.of("'" + name + "' is built in")
                : List.of("first declared at " + first.where());
        diagnostics.errorWithHints(DiagnosticCode.DUPLICATE_DECLARATION, at, hints, name);
    }
}
