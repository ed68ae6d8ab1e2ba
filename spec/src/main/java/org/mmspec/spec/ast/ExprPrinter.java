package org.mmspec.spec.ast;

import java.util.stream.Collectors;

/** Prints an expression back as source text (fully parenthesised where precedence needs it). */
public final class ExprPrinter {

    private ExprPrinter() {
    }

    public static String print(Expr e) {
        return print(e, 0);
    }

    private static String print(Expr e, int outer) {
        return switch (e) {
            case Expr.IntLit i -> Long.toString(i.value());
            case Expr.BoolLit b -> Boolean.toString(b.value());
            case Expr.NullLit n -> "NULL";
            case Expr.Self s -> "self";
            case Expr.Name n -> n.name().text();
            case Expr.Call c -> c.callee().text() + "("
                    + c.args().stream().map(ExprPrinter::print).collect(Collectors.joining(", ")) + ")";
            case Expr.Field f -> print(f.target(), 100) + "." + f.field().text();
            case Expr.Index x -> print(x.target(), 100) + "[" + print(x.index()) + "]";
            case Expr.Unary u -> u.op().symbol() + print(u.operand(), 50);
            case Expr.Binary b -> {
                int p = b.op().precedence();
                String s = print(b.left(), p) + " " + b.op().symbol() + " " + print(b.right(), p + 1);
                yield p < outer ? "(" + s + ")" : s;
            }
            case Expr.Conditional c -> paren(print(c.cond(), 1) + " ? " + print(c.then()) + " : "
                    + print(c.otherwise()), outer > 0);
            case Expr.Quantified q -> paren(q.kind().name().toLowerCase(java.util.Locale.ROOT) + " "
                    + q.var().text() + " in " + domain(q.domain()) + ": " + print(q.body()), outer > 0);
            case Expr.SetLit s -> "{" + s.elems().stream().map(ExprPrinter::print).collect(Collectors.joining(", "))
                    + "}";
        };
    }

    public static String domain(Domain d) {
        return switch (d) {
            case Domain.Bools b -> "bool";
            case Domain.Range r -> print(r.lo()) + ".." + print(r.hi());
            case Domain.Of o -> print(o.expr());
        };
    }

    private static String paren(String s, boolean yes) {
        return yes ? "(" + s + ")" : s;
    }
}
