package org.mmspec.checker.fidelity.observe;

/** A compared quantity: a page field, a page flag, or a per-step / per-file field. */
public sealed interface Field permits PageField, PageFlag, RunField {

    /** The short lower-case name used in tables and goldens. */
    String label();
}
