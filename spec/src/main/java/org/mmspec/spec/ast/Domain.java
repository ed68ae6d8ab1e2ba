package org.mmspec.spec.ast;

import org.mmspec.spec.diag.SourceSpan;

/** What a quantifier, {@code for} or {@code with} ranges over. */
public sealed interface Domain {

    SourceSpan span();

    /** {@code bool}. */
    record Bools(SourceSpan span) implements Domain {
    }

    /** {@code lo..hi}, both inclusive. */
    record Range(SourceSpan span, Expr lo, Expr hi) implements Domain {
    }

    /** A finite type's name ({@code pfn_t}, an enum) or a set- or list-valued expression. */
    record Of(SourceSpan span, Expr expr) implements Domain {
    }
}
