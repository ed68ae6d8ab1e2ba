package org.mmspec.spec.ast;

import java.util.List;
import org.mmspec.spec.diag.SourceSpan;

/** One variable in a declaration: {@code name[d0][d1] = init}; init may be null. */
public record Declarator(SourceSpan span, Ident name, List<Expr> dims, Expr init) {

    public Declarator {
        dims = List.copyOf(dims);
    }
}
