package org.mmspec.ref.audit;

/** What the atomicity audit does while a system runs. */
public enum AuditMode {
    /** Nothing: no sink is attached to {@code Mem}, accesses cost one null test. */
    OFF,
    /** Records every step's accesses (its footprint, for partial-order reduction) without checking rules. */
    RECORD,
    /** Records and checks every step: movers, disciplines, blocking acquisitions; a broken rule is a model error. */
    CHECK
}
