package org.mmspec.spec.ast;

import java.util.List;
import org.mmspec.spec.diag.SourceSpan;

/**
 * One variable in a declaration: {@code name[d0][d1] = init}; init may be null. A dimension of a global
 * may name its index ({@code pte[mm_t m][vaddr_t a]}) for the declaration's discipline: {@code indexNames}
 * has one entry per dimension, null where no name is given.
 */
public record Declarator(SourceSpan span, Ident name, List<Expr> dims, List<Ident> indexNames, Expr init) {

    public Declarator {
        dims = List.copyOf(dims);
        indexNames = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(indexNames));
    }

    /** A declarator without index names. */
    public Declarator(SourceSpan span, Ident name, List<Expr> dims, Expr init) {
        this(span, name, dims, java.util.Collections.nCopies(dims.size(), null), init);
    }
}
