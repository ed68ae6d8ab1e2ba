package org.mmspec.spec.ast;

import org.mmspec.spec.diag.SourceSpan;

/** A name as written, with where it was written. */
public record Ident(String text, SourceSpan span) {
}
