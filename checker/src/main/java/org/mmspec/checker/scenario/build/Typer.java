package org.mmspec.checker.scenario.build;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Types and compiles scenario values ({@link Expr}) in a {@link Scope}: names resolve to set-up
 * variables, threads and constants; {@code +}, {@code -}, {@code *} work on integers, lengths and
 * addresses ({@code a + PAGE_SIZE} is an address); {@code |} joins flags of one kind. Problems go to
 * {@link Problems}; the result is then empty.
 */
final class Typer {

    /** A typed value; {@code literal} when it is made of integer literals only (usable for any integer type). */
    record Typed(ArgType type, boolean literal, Value value, Value.ListValue list) {
    }

    private final Scope scope;
    private final Problems problems;

    Typer(Scope scope, Problems problems) {
        this.scope = scope;
        this.problems = problems;
    }

    Optional<Typed> type(Expr e) {
        return switch (e) {
            case Expr.Int i -> literal(i);
            case Expr.Bool b -> Optional.of(new Typed(ArgType.BOOL, false, vars -> b.value() ? 1 : 0, null));
            case Expr.Name n -> name(n);
            case Expr.Binary b -> binary(b);
            case Expr.IntList l -> list(l);
        };
    }

    private Optional<Typed> literal(Expr.Int i) {
        if (i.value() > 0xFFFF_FFFFL || i.value() < Integer.MIN_VALUE) {
            problems.error(ScenarioCode.NUMBER_TOO_LARGE, i.span(), i.value());
            return Optional.empty();
        }
        long v = i.value() > Integer.MAX_VALUE ? (int) i.value() : i.value();
        return Optional.of(new Typed(ArgType.INT, true, vars -> v, null));
    }

    private Optional<Typed> name(Expr.Name n) {
        Scope.Var var = scope.var(n.name());
        if (var != null) {
            int slot = var.slot();
            return Optional.of(new Typed(var.type(), false, vars -> vars[slot], null));
        }
        Integer tid = scope.thread(n.name());
        if (tid != null) {
            return Optional.of(new Typed(ArgType.THREAD, false, vars -> tid, null));
        }
        Optional<Constants.Constant> c = Constants.byName(n.name());
        if (c.isPresent()) {
            int v = c.get().value();
            return Optional.of(new Typed(c.get().type(), false, vars -> v, null));
        }
        if (!scope.isPoisoned(n.name())) {
            problems.unknown(ScenarioCode.UNKNOWN_NAME, n.span(), n.name(), scope.known(), n.name());
        }
        return Optional.empty();
    }

    private Optional<Typed> binary(Expr.Binary b) {
        Optional<Typed> l = type(b.left());
        Optional<Typed> r = type(b.right());
        if (l.isEmpty() || r.isEmpty()) {
            return Optional.empty();
        }
        ArgType t = resultType(b.op(), l.get(), r.get());
        if (t == null) {
            problems.error(ScenarioCode.BAD_OPERANDS, b.span(), String.valueOf(b.op()), l.get().type().describe(),
                    r.get().type().describe());
            return Optional.empty();
        }
        Value x = l.get().value();
        Value y = r.get().value();
        Value v = switch (b.op()) {
            case '+' -> vars -> x.eval(vars) + y.eval(vars);
            case '-' -> vars -> x.eval(vars) - y.eval(vars);
            case '*' -> vars -> x.eval(vars) * y.eval(vars);
            default -> vars -> x.eval(vars) | y.eval(vars);
        };
        return Optional.of(new Typed(t, l.get().literal() && r.get().literal(), v, null));
    }

    /** The type of {@code l op r}, or null when the operands do not combine. */
    private static ArgType resultType(char op, Typed l, Typed r) {
        if (op == '|') {
            return l.type().isFlags() && l.type() == r.type() ? l.type() : null;
        }
        boolean li = integral(l);
        boolean ri = integral(r);
        if (li && ri) {
            return l.type() == ArgType.LEN || r.type() == ArgType.LEN ? ArgType.LEN : ArgType.INT;
        }
        if (op != '*' && (l.type() == ArgType.ADDR || l.type() == ArgType.PFN) && ri) {
            return l.type(); // an address or a page frame plus an offset (a tail page: head + 1)
        }
        if (op == '+' && li && (r.type() == ArgType.ADDR || r.type() == ArgType.PFN)) {
            return r.type();
        }
        return null;
    }

    private static boolean integral(Typed t) {
        return t.type() == ArgType.INT || t.type() == ArgType.LEN || t.type() == ArgType.ZONE;
    }

    private Optional<Typed> list(Expr.IntList l) {
        List<Value> elems = new ArrayList<>();
        boolean ok = true;
        for (Expr e : l.elements()) {
            Optional<Typed> t = type(e);
            if (t.isEmpty()) {
                ok = false;
            } else if (!integral(t.get())) {
                problems.error(ScenarioCode.TYPE_MISMATCH, e.span(), "a list element", ArgType.INT.describe(),
                        t.get().type().describe());
                ok = false;
            } else {
                elems.add(t.get().value());
            }
        }
        if (!ok) {
            return Optional.empty();
        }
        Value.ListValue lv = vars -> {
            int[] out = new int[elems.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = elems.get(i).evalInt(vars, "a list element");
            }
            return out;
        };
        return Optional.of(new Typed(ArgType.INTS, false, null, lv));
    }
}
