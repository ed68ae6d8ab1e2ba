package org.mmspec.spec.types;

/**
 * What a quantifier, {@code for} or {@code with} ranges over, after checking.
 *
 * @param kind the form
 * @param elem the type of the bound variable
 */
public record DomainInfo(Kind kind, Type elem) {

    /** The forms of domain. */
    public enum Kind {
        /** Every value of the finite type {@code elem}. */
        TYPE,
        /** {@code lo..hi}. */
        RANGE,
        /** The members of a set-valued expression. */
        SET,
        /** The elements of a list, in order. */
        LIST
    }
}
