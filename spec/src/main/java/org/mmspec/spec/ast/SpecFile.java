package org.mmspec.spec.ast;

import java.util.List;
import org.mmspec.spec.diag.SourceSpan;

/** One parsed spec file: its imports and declarations in source order. */
public record SpecFile(String name, List<Import> imports, List<Decl> decls) {

    public SpecFile {
        imports = List.copyOf(imports);
        decls = List.copyOf(decls);
    }

    /**
     * {@code import "path";} (relative to the importing file), or {@code import <path>;} (a file of the
     * library search path: the bundled library, {@code mm/...}, and directories given with {@code --lib}).
     */
    public record Import(SourceSpan span, String path, boolean library) {

        /** A relative import. */
        public Import(SourceSpan span, String path) {
            this(span, path, false);
        }
    }
}
