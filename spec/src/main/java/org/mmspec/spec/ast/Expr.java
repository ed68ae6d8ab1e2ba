package org.mmspec.spec.ast;

import java.util.List;
import org.mmspec.spec.diag.SourceSpan;

/** Expressions. Every node records its span; {@link #depth()} bounds recursion in later phases. */
public sealed interface Expr {

    SourceSpan span();

    /** Height of this expression tree (a leaf has depth 1). */
    int depth();

    record IntLit(SourceSpan span, long value) implements Expr {
        public int depth() {
            return 1;
        }
    }

    record BoolLit(SourceSpan span, boolean value) implements Expr {
        public int depth() {
            return 1;
        }
    }

    /** {@code NULL}: the absent page, mm, vma or thread. */
    record NullLit(SourceSpan span) implements Expr {
        public int depth() {
            return 1;
        }
    }

    /** {@code self}: the running thread. */
    record Self(SourceSpan span) implements Expr {
        public int depth() {
            return 1;
        }
    }

    record Name(SourceSpan span, Ident name) implements Expr {
        public int depth() {
            return 1;
        }
    }

    record Call(SourceSpan span, Ident callee, List<Expr> args, int depth) implements Expr {
    }

    record Field(SourceSpan span, Expr target, Ident field, int depth) implements Expr {
    }

    record Index(SourceSpan span, Expr target, Expr index, int depth) implements Expr {
    }

    record Unary(SourceSpan span, UnaryOp op, Expr operand, int depth) implements Expr {
    }

    record Binary(SourceSpan span, BinaryOp op, Expr left, Expr right, int depth) implements Expr {
    }

    record Conditional(SourceSpan span, Expr cond, Expr then, Expr otherwise, int depth) implements Expr {
    }

    /** {@code forall x in D: body}, {@code exists}, {@code count} (how many x satisfy body), {@code sum}. */
    record Quantified(SourceSpan span, QuantKind kind, Ident var, Domain domain, Expr body, int depth)
            implements Expr {
    }

    /** {@code {a, b}} or {@code {}}. */
    record SetLit(SourceSpan span, List<Expr> elems, int depth) implements Expr {
    }

    /** The four quantifier-like forms. */
    enum QuantKind {
        FORALL, EXISTS, COUNT, SUM
    }

    /** The height of a node over {@code children}. */
    static int depthOver(List<? extends Expr> children) {
        int d = 0;
        for (Expr c : children) {
            d = Math.max(d, c.depth());
        }
        return d + 1;
    }
}
