package org.mmspec.checker.scenario.build;

import java.util.List;
import java.util.Objects;
import org.mmspec.spec.diag.SourceSpan;

/**
 * A call of an {@link Operation}: {@code mmap(mm, PAGE_SIZE, PROT_READ, MAP_PRIVATE, file = f)}.
 *
 * @param name the operation called
 * @param nameSpan where its name is
 * @param args the arguments, positional ones first
 * @param span the whole call
 */
public record Call(String name, SourceSpan nameSpan, List<Arg> args, SourceSpan span) {

    /**
     * One argument: positional ({@code name} null) or named ({@code addr = a}).
     *
     * @param name the parameter named, or null
     * @param value the value
     * @param span the whole argument
     */
    public record Arg(String name, Expr value, SourceSpan span) {
        public Arg {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(span, "span");
        }
    }

    public Call {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nameSpan, "nameSpan");
        args = List.copyOf(args);
        Objects.requireNonNull(span, "span");
    }
}
