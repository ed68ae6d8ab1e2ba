package org.mmspec.spec.ast;

import java.util.List;
import org.mmspec.spec.diag.SourceSpan;

/** One parsed spec file: its imports and declarations in source order. */
public record SpecFile(String name, List<Import> imports, List<Decl> decls) {

    public SpecFile {
        imports = List.copyOf(imports);
        decls = List.copyOf(decls);
    }

    /** {@code import "path";}. */
    public record Import(SourceSpan span, String path) {
    }
}
