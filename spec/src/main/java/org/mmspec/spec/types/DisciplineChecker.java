package org.mmspec.spec.types;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mmspec.spec.ast.Annotation;
import org.mmspec.spec.ast.Declarator;
import org.mmspec.spec.ast.Expr;
import org.mmspec.spec.ast.Ident;
import org.mmspec.spec.diag.DiagnosticCode;
import org.mmspec.spec.diag.Diagnostics;
import org.mmspec.spec.diag.Hints;
import org.mmspec.spec.resolve.Symbol;

/**
 * Resolves and checks the discipline annotations of global declarations (docs/language.md,
 * "Disciplines"): known names and arities, one discipline per declaration or bits group, guards that are
 * locks or conditions over the declaration's named indices, bits groups on set-typed declarations only,
 * {@code thread_local} and {@code cpu_local} on declarations indexed by thread first.
 */
final class DisciplineChecker {

    /** Every annotation name, in the order the "known" list shows them. */
    static final List<String> NAMES = List.of("guarded_by", "racy_reads", "atomic_updates", "atomic", "counter", "thread_local",
            "cpu_local", "racy", "immutable", "ghost", "private_when", "bits", "bit_lock", "within_step");

    private static final Type BOOL = new Type.Bool();

    private final ExprChecker exprs;
    private final Diagnostics diagnostics;

    DisciplineChecker(ExprChecker exprs) {
        this.exprs = exprs;
        this.diagnostics = exprs.diagnostics;
    }

    /** The checked discipline of {@code g}, declared by {@code annotations} ({@code type} is g's type). */
    CheckedDiscipline check(Symbol.Global g, Type type, List<Annotation> annotations) {
        Declarator d = g.declarator();
        Frame frame = new Frame("#discipline " + g.name());
        Env env = new Env(frame, Env.Kind.ANNOTATION, null, new Type.Void());
        List<Symbol.Local> indices = indices(d, type, env, g.decl().vars().size());
        if (StmtChecker.containsLock(type)) {
            return lockDiscipline(g.name(), frame, indices, annotations);
        }
        Scope whole = new Scope(false, g.span());
        List<CheckedDiscipline.Group> groups = new ArrayList<>();
        Set<Integer> grouped = new HashSet<>();
        Expr privateWhen = null;
        for (Annotation a : annotations) {
            switch (a) {
                case Annotation.Bits b -> {
                    CheckedDiscipline.Group group = bits(b, type, env, grouped);
                    if (group != null) {
                        groups.add(group);
                    }
                }
                case Annotation.Named n when n.name().text().equals("private_when") -> {
                    if (privateWhen != null) {
                        diagnostics.error(DiagnosticCode.DUPLICATE_ANNOTATION, n.name().span(), "private_when");
                    } else if (arity(n, 1)) {
                        exprs.expect(n.args().get(0), env, BOOL);
                        privateWhen = n.args().get(0);
                    }
                }
                case Annotation.Named n -> whole.add(n, env, type);
            }
        }
        return new CheckedDiscipline(g.name(), frame, indices, whole.build(), groups, privateWhen, false);
    }

    /** One local per dimension (named, or hidden), typed by the dimension's index type. */
    private List<Symbol.Local> indices(Declarator d, Type type, Env env, int declarators) {
        List<Symbol.Local> out = new ArrayList<>();
        Type t = type;
        for (int k = 0; k < d.dims().size() && t instanceof Type.Array a; k++) {
            Ident name = d.indexNames().get(k);
            if (name == null) {
                out.add(env.hidden("#" + k, d.dims().get(k).span(), a.index()));
            } else if (declarators > 1) {
                diagnostics.error(DiagnosticCode.DISCIPLINE_NOT_APPLICABLE, name.span(), name.text(),
                        "names an index of one of several variables declared together; declare the variable on its own");
                out.add(env.hidden("#" + k, name.span(), a.index()));
            } else {
                out.add(exprs.declareOrReport(env, name.text(), name.span(), a.index()));
            }
            t = a.elem();
        }
        return out;
    }

    private CheckedDiscipline lockDiscipline(String name, Frame frame, List<Symbol.Local> indices,
            List<Annotation> annotations) {
        boolean within = false;
        for (Annotation a : annotations) {
            if (a instanceof Annotation.Named n && n.name().text().equals("within_step") && n.args().isEmpty()) {
                if (within) {
                    diagnostics.error(DiagnosticCode.DUPLICATE_ANNOTATION, n.name().span(), "within_step");
                }
                within = true;
            } else if (a instanceof Annotation.Named n && !NAMES.contains(n.name().text())) {
                unknown(n.name());
            } else {
                String what = a instanceof Annotation.Named n ? n.name().text() : "bits";
                diagnostics.error(DiagnosticCode.DISCIPLINE_NOT_APPLICABLE, a.span(), what,
                        "does not apply to a lock: a lock's discipline is its lock operations (it may only be"
                                + " marked within_step)");
            }
        }
        CheckedDiscipline.Scope scope = new CheckedDiscipline.Scope(Discipline.LOCK, List.of(), false, false, null);
        return new CheckedDiscipline(name, frame, indices, scope, List.of(), null, within);
    }

    private CheckedDiscipline.Group bits(Annotation.Bits b, Type type, Env env, Set<Integer> grouped) {
        Type elem = elementOf(type) instanceof Type.SetOf s ? s.elem() : null;
        if (!(elem instanceof Type.Enum e)) {
            diagnostics.error(DiagnosticCode.DISCIPLINE_NOT_APPLICABLE, b.span(), "bits",
                    "applies only to a declaration of a set of enum members (such as pageflags_t), not "
                            + elementOf(type).show());
            return null;
        }
        List<Integer> members = new ArrayList<>();
        for (Ident m : b.members()) {
            int ordinal = e.members().indexOf(m.text());
            if (ordinal < 0) {
                diagnostics.errorWithHints(DiagnosticCode.NOT_A_MEMBER, m.span(), Hints.didYouMean(m.text(), e.members()),
                        m.text(), e.show());
            } else if (!grouped.add(ordinal)) {
                diagnostics.error(DiagnosticCode.DUPLICATE_ANNOTATION, m.span(), m.text());
            } else {
                members.add(ordinal);
            }
        }
        Scope scope = new Scope(true, b.span());
        for (Annotation a : b.items()) {
            switch (a) {
                case Annotation.Bits inner -> diagnostics.error(DiagnosticCode.DISCIPLINE_NOT_APPLICABLE, inner.span(),
                        "bits", "cannot be nested");
                case Annotation.Named n -> scope.add(n, env, type);
            }
        }
        return new CheckedDiscipline.Group(members, scope.build());
    }

    /** The type of one element: {@code type} without its array dimensions. */
    static Type elementOf(Type type) {
        Type t = type;
        while (t instanceof Type.Array a) {
            t = a.elem();
        }
        return t;
    }

    private boolean arity(Annotation.Named n, int want) {
        if (n.args().size() != want) {
            diagnostics.error(DiagnosticCode.WRONG_ARG_COUNT, n.span(), n.name().text(), want, n.args().size());
            return false;
        }
        return true;
    }

    private void unknown(Ident name) {
        List<String> hints = Hints.didYouMean(name.text(), NAMES);
        diagnostics.errorWithHints(DiagnosticCode.UNKNOWN_ANNOTATION, name.span(), hints, name.text(),
                String.join(", ", NAMES));
    }

    /** The discipline being collected for the whole declaration or for one bits group. */
    private final class Scope {
        private final boolean inBits;
        private final org.mmspec.spec.diag.SourceSpan span;
        private Discipline kind;
        private String kindName;
        private final List<Expr> guards = new ArrayList<>();
        private Annotation.Named racyReads;
        private Annotation.Named atomicUpdates;
        private Expr lockOwner;

        Scope(boolean inBits, org.mmspec.spec.diag.SourceSpan span) {
            this.inBits = inBits;
            this.span = span;
        }

        void add(Annotation.Named n, Env env, Type type) {
            String name = n.name().text();
            switch (name) {
                case "guarded_by" -> guardedBy(n, env);
                case "racy_reads" -> {
                    if (racyReads != null) {
                        diagnostics.error(DiagnosticCode.DUPLICATE_ANNOTATION, n.name().span(), name);
                    } else if (arity(n, 0)) {
                        racyReads = n;
                    }
                }
                case "atomic_updates" -> {
                    if (atomicUpdates != null) {
                        diagnostics.error(DiagnosticCode.DUPLICATE_ANNOTATION, n.name().span(), name);
                    } else if (arity(n, 0)) {
                        atomicUpdates = n;
                    }
                }
                case "atomic", "counter", "racy", "immutable", "ghost" -> simple(n, Discipline.valueOf(kindOf(name)));
                case "thread_local", "cpu_local" -> {
                    if (simple(n, name.equals("thread_local") ? Discipline.THREAD_LOCAL : Discipline.CPU_LOCAL)
                            && !(type instanceof Type.Array a && a.index() instanceof Type.Id id
                                    && id.kind() == Type.IdKind.THREAD)) {
                        diagnostics.error(DiagnosticCode.DISCIPLINE_NOT_APPLICABLE, n.span(), name,
                                "needs a declaration whose first index is a thread ([thread_t t]): element t is thread t's");
                    }
                }
                case "bit_lock" -> bitLock(n, env);
                case "private_when" -> diagnostics.error(DiagnosticCode.DISCIPLINE_NOT_APPLICABLE, n.span(), name,
                        "applies to the whole declaration, not inside bits(...)");
                case "within_step" -> diagnostics.error(DiagnosticCode.DISCIPLINE_NOT_APPLICABLE, n.span(), name,
                        "applies only to lock declarations");
                case "bits" -> diagnostics.error(DiagnosticCode.DISCIPLINE_NOT_APPLICABLE, n.span(), name,
                        "needs members and a block: bits(PG_lru) { guarded_by(lru_lock) }");
                default -> unknown(n.name());
            }
        }

        private String kindOf(String name) {
            return switch (name) {
                case "atomic" -> "ATOMIC_ONLY";
                default -> name.toUpperCase(java.util.Locale.ROOT);
            };
        }

        private boolean simple(Annotation.Named n, Discipline d) {
            return arity(n, 0) && claim(n, d);
        }

        private boolean claim(Annotation.Named n, Discipline d) {
            if (kind == null) {
                kind = d;
                kindName = n.name().text();
                return true;
            }
            if (kindName.equals(n.name().text())) {
                diagnostics.error(DiagnosticCode.DUPLICATE_ANNOTATION, n.name().span(), kindName);
            } else {
                diagnostics.error(DiagnosticCode.CONFLICTING_DISCIPLINE, n.name().span(), n.name().text(), kindName);
            }
            return false;
        }

        private void guardedBy(Annotation.Named n, Env env) {
            if (n.args().isEmpty()) {
                diagnostics.error(DiagnosticCode.WRONG_ARG_COUNT, n.span(), "guarded_by", 1, 0);
                return;
            }
            if (!claim(n, Discipline.LOCK_PROTECTED)) {
                return;
            }
            for (Expr g : n.args()) {
                Type t = exprs.check(g, env);
                if (t instanceof Type.Lock) {
                    if (!exprs.isPlace(g)) {
                        diagnostics.error(DiagnosticCode.AGGREGATE_NOT_PLACE, g.span(), t.show());
                    }
                } else if (!(t instanceof Type.Bool) && !TypeRules.isError(t)) {
                    diagnostics.error(DiagnosticCode.BAD_GUARD, g.span(), org.mmspec.spec.ast.ExprPrinter.print(g),
                            "a value of type " + t.show());
                }
                guards.add(g);
            }
        }

        private void bitLock(Annotation.Named n, Env env) {
            if (!inBits) {
                diagnostics.error(DiagnosticCode.DISCIPLINE_NOT_APPLICABLE, n.span(), "bit_lock",
                        "applies to members of a set only: bits(PG_locked) { bit_lock(owner) }");
                return;
            }
            if (arity(n, 1) && claim(n, Discipline.BIT_LOCK)) {
                exprs.expect(n.args().get(0), env, new Type.Id(Type.IdKind.THREAD));
                lockOwner = n.args().get(0);
            }
        }

        CheckedDiscipline.Scope build() {
            if (racyReads != null && kind != Discipline.LOCK_PROTECTED) {
                diagnostics.error(DiagnosticCode.DISCIPLINE_NOT_APPLICABLE, racyReads.span(), "racy_reads",
                        "needs guarded_by(...): it allows reads without the guard");
            }
            if (atomicUpdates != null && kind != Discipline.LOCK_PROTECTED) {
                diagnostics.error(DiagnosticCode.DISCIPLINE_NOT_APPLICABLE, atomicUpdates.span(), "atomic_updates",
                        "needs guarded_by(...): it allows atomic updates without the guard");
            }
            if (kind == null && inBits) {
                diagnostics.error(DiagnosticCode.DISCIPLINE_NOT_APPLICABLE, span, "bits",
                        "group declares no discipline (guarded_by, atomic, bit_lock, ...)");
            }
            Discipline k = kind == null ? Discipline.UNDECLARED : kind;
            boolean guarded = kind == Discipline.LOCK_PROTECTED;
            return new CheckedDiscipline.Scope(k, guards, racyReads != null && guarded, atomicUpdates != null && guarded,
                    lockOwner);
        }
    }
}
