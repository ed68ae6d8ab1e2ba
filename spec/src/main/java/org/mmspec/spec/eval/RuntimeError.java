package org.mmspec.spec.eval;

import java.util.Locale;
import org.mmspec.spec.semantics.Fault;

/**
 * Run-time errors of a spec, each a fault of a kind. Templates take the site text ({@code %1$s}) and up
 * to three numbers ({@code %2$d %3$d %4$d}). A failed {@code assert} and a {@code BUG_ON} are the site
 * text alone: reports put the kind and the thread in front ({@code kernel BUG: T1: VM_BUG_ON(...) at f:3:5}).
 */
public enum RuntimeError {
    INDEX_OUT_OF_RANGE(Fault.Kind.MODEL_ERROR, "index %2$d out of range %3$d..%4$d in %1$s"),
    NULL_INDEX(Fault.Kind.MODEL_ERROR, "NULL used as an index in %1$s"),
    VALUE_OUT_OF_RANGE(Fault.Kind.MODEL_ERROR, "value %2$d out of range %3$d..%4$d assigning %1$s"),
    DIVISION_BY_ZERO(Fault.Kind.MODEL_ERROR, "division by zero in %1$s"),
    OVERFLOW(Fault.Kind.MODEL_ERROR, "integer overflow in %1$s"),
    NOT_A_MEMBER(Fault.Kind.MODEL_ERROR, "value %2$d cannot be a set member in %1$s (%3$d..%4$d)"),
    LIST_FULL(Fault.Kind.MODEL_ERROR, "%1$s: list is full (%2$d elements)"),
    LIST_EMPTY(Fault.Kind.MODEL_ERROR, "%1$s: list is empty"),
    LIST_INDEX(Fault.Kind.MODEL_ERROR, "index %2$d beyond the %3$d elements of list %1$s"),
    PTE_NOT_PRESENT(Fault.Kind.MODEL_ERROR, "%1$s: the PTE is not present"),
    PTE_NULL_PFN(Fault.Kind.MODEL_ERROR, "%1$s: NULL pfn"),
    UNLOCK_NOT_HELD(Fault.Kind.KERNEL_BUG, "%1$s: the lock is not held by this thread"),
    FINISHED_HOLDING(Fault.Kind.KERNEL_BUG, "thread finished while holding %1$s"),
    ASSERTION(Fault.Kind.ASSERTION, "%1$s"),
    BUG(Fault.Kind.KERNEL_BUG, "%1$s"),
    STEP_TOO_LONG(Fault.Kind.MODEL_ERROR, "%1$s ran %2$d instructions without reaching a label"),
    MISSING_RETURN(Fault.Kind.MODEL_ERROR, "procedure %1$s ended without returning a value"),
    FUEL_EXHAUSTED(Fault.Kind.MODEL_ERROR, "%1$s did more than %2$d units of evaluation work (expressions,"
            + " quantifier iterations, calls, nondeterministic runs)"),
    NESTING_TOO_DEEP(Fault.Kind.MODEL_ERROR, "%1$s nested calls and expressions deeper than %2$d levels"),
    RANGE_TOO_LARGE(Fault.Kind.MODEL_ERROR, "the range %1$s is %2$d..%3$d: more than %4$d values"),
    AUDIT_TWO_NON_MOVERS(Fault.Kind.MODEL_ERROR, "two non-movers in one step"),
    AUDIT_ACQUIRE_AFTER_COMMIT(Fault.Kind.MODEL_ERROR, "a lock acquired after the step's commit point (R after N or L)"),
    AUDIT_NON_MOVER_AFTER_RELEASE(Fault.Kind.MODEL_ERROR, "a non-mover after a release (N after L)"),
    AUDIT_DISCIPLINE(Fault.Kind.MODEL_ERROR, "an access that breaks its variable's discipline"),
    AUDIT_BLOCKING_MID_STEP(Fault.Kind.MODEL_ERROR, "a blocking acquisition that is not the first action of its step"),
    AUDIT_WITHIN_STEP_LOCK_HELD(Fault.Kind.MODEL_ERROR, "a within_step lock still held when the step ends"),
    AUDIT_GHOST_WRITE(Fault.Kind.MODEL_ERROR, "a ghost block writes kernel state");

    private final Fault.Kind kind;
    private final String template;

    RuntimeError(Fault.Kind kind, String template) {
        this.kind = kind;
        this.template = template;
    }

    public Fault.Kind kind() {
        return kind;
    }

    /** Whether this is a finding of the atomicity audit (its message is rendered by {@code AuditReport}). */
    public boolean audit() {
        return name().startsWith("AUDIT_");
    }

    public String format(String site, int a, int b, int c) {
        return String.format(Locale.ROOT, template, site, a, b, c);
    }
}
