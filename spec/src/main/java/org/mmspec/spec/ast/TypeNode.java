package org.mmspec.spec.ast;

import org.mmspec.spec.diag.SourceSpan;

/** A type as written in the source; resolved to a {@code types.Type} by the type resolver. */
public sealed interface TypeNode {

    SourceSpan span();

    /** {@code bool}. */
    record BoolType(SourceSpan span) implements TypeNode {
    }

    /** {@code int} (unbounded; lo and hi null) or {@code int<lo..hi>}. */
    record IntType(SourceSpan span, Expr lo, Expr hi) implements TypeNode {
    }

    /** {@code set<elem>}. */
    record SetType(SourceSpan span, TypeNode elem) implements TypeNode {
    }

    /** {@code map<key, value>}. */
    record MapType(SourceSpan span, TypeNode key, TypeNode value) implements TypeNode {
    }

    /** {@code list<elem, capacity>}. */
    record ListType(SourceSpan span, TypeNode elem, Expr capacity) implements TypeNode {
    }

    /** A declared or built-in type name ({@code pfn_t}, {@code pte_t}, an enum, a record, a typedef). */
    record NamedType(SourceSpan span, Ident name) implements TypeNode {
    }
}
