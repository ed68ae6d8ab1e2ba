package org.mmspec.spec.ir;

import org.mmspec.spec.diag.SourceSpan;

/** A place in the source a run-time fault can be attributed to, with the text shown in the message. */
public record Site(SourceSpan span, String text) {
}
