package org.mmspec.checker.scenario.build;

import java.util.Objects;
import org.mmspec.spec.diag.SourceSpan;

/**
 * The typed values of scenarios built in Java ({@link ScenarioBuilder}): each stands for a value the
 * set-up produces (an address space, an address, a page, a file) or a thread, so that the compiler
 * rejects an address where an mm is wanted.
 */
public final class Handles {

    private Handles() {
    }

    /** A value of a scenario: its expression. */
    public sealed interface Handle permits Mm, Addr, Pfn, FileRef, ThreadRef {
        Expr expr();
    }

    /** An address space ({@code mm_alloc()}, {@code fork()}). */
    public record Mm(Expr expr) implements Handle {
        public Mm {
            Objects.requireNonNull(expr, "expr");
        }
    }

    /** A user address ({@code mmap()}); {@link #plus} gives one further on. */
    public record Addr(Expr expr) implements Handle {
        public Addr {
            Objects.requireNonNull(expr, "expr");
        }

        /** This address plus {@code bytes}. */
        public Addr plus(int bytes) {
            return new Addr(new Expr.Binary('+', expr, new Expr.Int(bytes, expr.span()), expr.span()));
        }

        /** A literal address. */
        public static Addr of(int address) {
            return new Addr(new Expr.Int(address, SourceSpan.point("java", 0, 0)));
        }
    }

    /** A page frame ({@code alloc_pages()}, {@code pfn_at()}). */
    public record Pfn(Expr expr) implements Handle {
        public Pfn {
            Objects.requireNonNull(expr, "expr");
        }
    }

    /** A file ({@code create_file()}). */
    public record FileRef(Expr expr) implements Handle {
        public FileRef {
            Objects.requireNonNull(expr, "expr");
        }
    }

    /** A thread of the scenario, by name (for {@code send_sigkill}). */
    public record ThreadRef(Expr expr) implements Handle {
        public ThreadRef {
            Objects.requireNonNull(expr, "expr");
        }

        /** The thread called {@code name}. */
        public static ThreadRef named(String name) {
            return new ThreadRef(new Expr.Name(name, SourceSpan.point("java", 0, 0)));
        }
    }
}
