package org.mmspec.ref.audit;

/** The rule of the audit a step broke (docs/model.md, "Atomicity"). */
public enum Rule {
    /** Two non-movers in one step: the step is not reducible to one atomic action. */
    TWO_NON_MOVERS("two non-movers in one step"),
    /** A right mover after the step's commit point (its non-mover or first release). */
    ACQUIRE_AFTER_COMMIT("a lock acquired after the step's commit point (R after N or L)"),
    /** A non-mover after a release. */
    NON_MOVER_AFTER_RELEASE("a non-mover after a release (N after L)"),
    /** An access that breaks its region's protection discipline. */
    DISCIPLINE("an access that breaks its region's discipline"),
    /** A blocking lock acquisition that is not the first action of its step. */
    BLOCKING_MID_STEP("a blocking acquisition that is not the first action of its step"),
    /** A lock the model keeps out of the state ({@code ScopedLock}) still held when the step ends. */
    SCOPED_LOCK_HELD("a lock held only inside steps is still held at the end of the step");

    private final String description;

    Rule(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
