/**
 * Abstract syntax: records for declarations, statements, expressions, types and scenarios, each with our own {@link org.mmspec.spec.diag.SourceSpan} (never ANTLR contexts).
 */
package org.mmspec.spec.ast;
