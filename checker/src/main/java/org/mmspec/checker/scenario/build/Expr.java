package org.mmspec.checker.scenario.build;

import java.util.List;
import java.util.Objects;
import org.mmspec.spec.diag.SourceSpan;

/**
 * A value in a scenario: an integer, {@code true}/{@code false}, a name (a set-up variable, a thread or
 * a constant such as {@code PAGE_SIZE}), {@code a + b}, {@code a - b}, {@code a * b}, {@code a | b}
 * (flags), or a list {@code {1, 2}}. Each carries where it was written.
 */
public sealed interface Expr {

    SourceSpan span();

    /** An integer literal (kept wide so that an overflowing one can be reported). */
    record Int(long value, SourceSpan span) implements Expr {
    }

    /** {@code true} or {@code false}. */
    record Bool(boolean value, SourceSpan span) implements Expr {
    }

    /** A variable, thread or constant. */
    record Name(String name, SourceSpan span) implements Expr {
        public Name {
            Objects.requireNonNull(name, "name");
        }
    }

    /** {@code left op right} with {@code op} one of {@code + - * |}. */
    record Binary(char op, Expr left, Expr right, SourceSpan span) implements Expr {
    }

    /** {@code {a, b, ...}}. */
    record IntList(List<Expr> elements, SourceSpan span) implements Expr {
        public IntList {
            elements = List.copyOf(elements);
        }
    }
}
