package org.mmspec.spec.ast;

import java.util.List;
import org.mmspec.spec.diag.SourceSpan;

/**
 * One item of a global declaration's protection discipline ({@code guarded_by(ptl[m])}, {@code atomic},
 * {@code racy_reads}, ...), or a group of items that applies to some members of a set-typed declaration
 * only ({@code bits(PG_lru) { guarded_by(lru_lock) }}). The type checker gives the names their meaning.
 */
public sealed interface Annotation {

    SourceSpan span();

    /** {@code name} or {@code name(args)}. */
    record Named(SourceSpan span, Ident name, List<Expr> args) implements Annotation {
        public Named {
            args = List.copyOf(args);
        }
    }

    /** {@code bits(m1, m2) { items }}: the items are the discipline of those members of the set. */
    record Bits(SourceSpan span, List<Ident> members, List<Annotation> items) implements Annotation {
        public Bits {
            members = List.copyOf(members);
            items = List.copyOf(items);
        }
    }
}
