package org.mmspec.spec.ir;

/** A lowered invariant: its id, statement, body and the scratch frame its quantifiers need. */
public record InvariantIr(String id, String statement, IrExpr body, int frameSize) {
}
