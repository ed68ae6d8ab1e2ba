package org.mmspec.spec.types;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mmspec.spec.ast.Decl;
import org.mmspec.spec.ast.Expr;
import org.mmspec.spec.ast.TypeNode;
import org.mmspec.spec.diag.DiagnosticCode;
import org.mmspec.spec.diag.Diagnostics;
import org.mmspec.spec.diag.Hints;
import org.mmspec.spec.resolve.GlobalScope;
import org.mmspec.spec.resolve.Symbol;

/** Turns written types into {@link Type}s: names, bounds, array dimensions. */
public final class TypeResolver {

    /** Largest finite domain an array may be indexed by, or a set may range over. */
    public static final int MAX_ARRAY = 4096;
    public static final int MAX_SET = 31;
    public static final int MAX_LIST = 256;
    /**
     * Deepest type: levels of records, array dimensions, sets, maps and lists inside each other, and of
     * typedefs and records being resolved through each other. Every later pass that walks a type
     * recursively (layout, formatting, lowering) is bounded by it.
     */
    public static final int MAX_TYPE_DEPTH = 64;

    private final GlobalScope scope;
    private final ConstEvaluator consts;
    private final Diagnostics diagnostics;
    private final Map<String, Type> named = new HashMap<>();
    private final Set<String> inProgress = new HashSet<>();
    private final Map<Type, Integer> depths = new IdentityHashMap<>();

    public TypeResolver(GlobalScope scope, ConstEvaluator consts, Diagnostics diagnostics) {
        this.scope = scope;
        this.consts = consts;
        this.diagnostics = diagnostics;
    }

    public Type resolve(TypeNode t) {
        return switch (t) {
            case TypeNode.BoolType b -> new Type.Bool();
            case TypeNode.IntType i -> intType(i);
            case TypeNode.SetType s -> {
                Type elem = resolve(s.elem());
                yield finite(elem, s.elem().span(), MAX_SET) ? bounded(new Type.SetOf(elem), s.span()) : new Type.Error();
            }
            case TypeNode.MapType m -> {
                Type key = resolve(m.key());
                Type value = resolve(m.value());
                yield finite(key, m.key().span(), MAX_ARRAY) ? bounded(new Type.Array(value, key), m.span())
                        : new Type.Error();
            }
            case TypeNode.ListType l -> bounded(listType(l), l.span());
            case TypeNode.NamedType n -> named(n);
        };
    }

    /** {@code base} with C-style dimensions {@code [d0][d1]...} applied (d0 outermost). */
    public Type withDims(Type base, List<Expr> dims) {
        Type t = base;
        for (int i = dims.size() - 1; i >= 0; i--) {
            Type index = dimIndex(dims.get(i));
            t = index instanceof Type.Error || t instanceof Type.Error ? new Type.Error()
                    : bounded(new Type.Array(t, index), dims.get(i).span());
            if (t instanceof Type.Error) {
                return t;
            }
        }
        return t;
    }

    /** {@code t}, or an error type (reported at {@code span}) when it nests deeper than {@link #MAX_TYPE_DEPTH}. */
    private Type bounded(Type t, org.mmspec.spec.diag.SourceSpan span) {
        if (depth(t) > MAX_TYPE_DEPTH) {
            diagnostics.error(DiagnosticCode.TYPE_TOO_DEEP, span, MAX_TYPE_DEPTH);
            return new Type.Error();
        }
        return t;
    }

    /** Levels of {@code t}: 1 for a scalar; remembered per type object, so shared parts are measured once. */
    private int depth(Type t) {
        Integer known = depths.get(t);
        if (known != null) {
            return known;
        }
        int d = switch (t) {
            case Type.SetOf s -> 1 + depth(s.elem());
            case Type.ListOf l -> 1 + depth(l.elem());
            case Type.Array a -> 1 + Math.max(depth(a.elem()), depth(a.index()));
            case Type.Record r -> 1 + r.fields().stream().mapToInt(f -> depth(f.type())).max().orElse(0);
            default -> 1;
        };
        depths.put(t, d);
        return d;
    }

    private Type dimIndex(Expr d) {
        if (d instanceof Expr.Name n && scope.lookup(n.name().text()) instanceof Symbol.TypeName) {
            Type index = named(new TypeNode.NamedType(n.span(), n.name()));
            return finite(index, d.span(), MAX_ARRAY) ? index : new Type.Error();
        }
        Long size = consts.intValue(d, "an array size");
        if (size == null) {
            return new Type.Error();
        }
        if (size < 1 || size > MAX_ARRAY) {
            diagnostics.error(DiagnosticCode.VALUE_OUT_OF_RANGE, d.span(), size, "an array size (1.." + MAX_ARRAY + ")");
            return new Type.Error();
        }
        return new Type.Int(0, size - 1);
    }

    private Type intType(TypeNode.IntType i) {
        if (i.lo() == null) {
            return Type.Int.ANY;
        }
        Long lo = consts.intValue(i.lo(), "an int bound");
        Long hi = consts.intValue(i.hi(), "an int bound");
        if (lo == null || hi == null) {
            return new Type.Error();
        }
        if (lo > hi) {
            diagnostics.error(DiagnosticCode.EMPTY_RANGE, i.span(), lo, hi);
            return new Type.Error();
        }
        return new Type.Int(lo, hi);
    }

    private Type listType(TypeNode.ListType l) {
        Type elem = resolve(l.elem());
        Long cap = consts.intValue(l.capacity(), "a list capacity");
        if (cap == null || elem instanceof Type.Error) {
            return new Type.Error();
        }
        if (!elem.scalar()) {
            diagnostics.error(DiagnosticCode.NON_SCALAR, l.elem().span(), "a list element", elem.show());
            return new Type.Error();
        }
        if (cap < 1 || cap > MAX_LIST) {
            diagnostics.error(DiagnosticCode.VALUE_OUT_OF_RANGE, l.capacity().span(), cap,
                    "a list capacity (1.." + MAX_LIST + ")");
            return new Type.Error();
        }
        return new Type.ListOf(elem, cap.intValue());
    }

    /** True when {@code t} is a finite domain of at most {@code limit} values (ids are checked per scenario). */
    public boolean finite(Type t, org.mmspec.spec.diag.SourceSpan span, int limit) {
        long n = switch (t) {
            case Type.Bool b -> 2;
            case Type.Enum e -> e.members().size();
            case Type.Int i -> i.unbounded() ? Long.MAX_VALUE : i.hi() - i.lo() + 1;
            case Type.Id id -> 0;
            case Type.Error e -> 0;
            default -> -1;
        };
        if (n < 0 || n == Long.MAX_VALUE) {
            diagnostics.error(DiagnosticCode.NOT_A_DOMAIN, span, t.show());
            return false;
        }
        if (n > limit) {
            diagnostics.error(DiagnosticCode.DOMAIN_TOO_LARGE, span, t.show(), n, limit);
            return false;
        }
        return !(t instanceof Type.Error);
    }

    private Type named(TypeNode.NamedType n) {
        String name = n.name().text();
        Symbol s = scope.lookup(name);
        if (s == null) {
            List<String> types = new ArrayList<>();
            for (String k : scope.allNames()) {
                if (scope.lookup(k) instanceof Symbol.TypeName) {
                    types.add(k);
                }
            }
            diagnostics.errorWithHints(DiagnosticCode.UNKNOWN_TYPE, n.span(), Hints.didYouMean(name, types), name);
            return new Type.Error();
        }
        if (!(s instanceof Symbol.TypeName tn)) {
            diagnostics.error(DiagnosticCode.NOT_A_TYPE, n.span(), name, s.kind());
            return new Type.Error();
        }
        if (tn.builtin() != null) {
            return tn.builtin();
        }
        if (named.containsKey(name)) {
            return named.get(name);
        }
        if (!inProgress.add(name)) {
            diagnostics.error(DiagnosticCode.CYCLIC_DEFINITION, n.span(), name);
            return new Type.Error();
        }
        if (inProgress.size() > MAX_TYPE_DEPTH) {
            inProgress.remove(name);
            diagnostics.error(DiagnosticCode.TYPE_TOO_DEEP, n.span(), MAX_TYPE_DEPTH);
            named.put(name, new Type.Error());
            return named.get(name);
        }
        Type t = switch (tn.decl()) {
            case Decl.Enum e -> new Type.Enum(name, e.members().stream().map(m -> m.text()).toList());
            case Decl.Typedef d -> resolve(d.target());
            case Decl.Record r -> record(name, r);
            default -> new Type.Error();
        };
        inProgress.remove(name);
        named.put(name, t);
        return t;
    }

    private Type record(String name, Decl.Record r) {
        List<Type.Field> fields = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean bad = false;
        for (Decl.FieldDecl f : r.fields()) {
            Type ft = withDims(resolve(f.type()), f.dims());
            if (!seen.add(f.name().text())) {
                diagnostics.error(DiagnosticCode.DUPLICATE_DECLARATION, f.name().span(), f.name().text());
            }
            if (ft instanceof Type.Lock) {
                diagnostics.error(DiagnosticCode.NOT_ALLOWED_HERE, f.span(), "a lock", "a record");
                bad = true;
            }
            bad |= ft instanceof Type.Error;
            fields.add(new Type.Field(f.name().text(), ft));
        }
        return bad ? new Type.Error() : bounded(new Type.Record(name, fields), r.name().span());
    }
}
