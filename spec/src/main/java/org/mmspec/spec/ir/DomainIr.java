package org.mmspec.spec.ir;

/**
 * A lowered domain. The values are enumerated by index {@code 0..count-1}:
 * TYPE: {@code lo + i} over {@code count} values; RANGE: {@code lo..hi} evaluated at run time (at most
 * {@link #MAX_RANGE} values, like a type domain; {@code site} is the range's fault site);
 * SET: the set bits of {@code set}, as {@code lo + bit}; LIST: the elements of {@code list}.
 */
public record DomainIr(Kind kind, int lo, int count, IrExpr from, IrExpr to, IrExpr set, Place list, int site) {

    /** Most values a range may have at run time: the same bound as a type domain ({@code TypeResolver.MAX_ARRAY}). */
    public static final int MAX_RANGE = org.mmspec.spec.types.TypeResolver.MAX_ARRAY;

    /** The forms. */
    public enum Kind {
        TYPE, RANGE, SET, LIST
    }
}
