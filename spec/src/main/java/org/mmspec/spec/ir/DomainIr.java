package org.mmspec.spec.ir;

/**
 * A lowered domain. The values are enumerated by index {@code 0..count-1}:
 * TYPE: {@code lo + i} over {@code count} values; RANGE: {@code lo..hi} evaluated at run time;
 * SET: the set bits of {@code set}, as {@code lo + bit}; LIST: the elements of {@code list}.
 */
public record DomainIr(Kind kind, int lo, int count, IrExpr from, IrExpr to, IrExpr set, Place list) {

    /** The forms. */
    public enum Kind {
        TYPE, RANGE, SET, LIST
    }
}
