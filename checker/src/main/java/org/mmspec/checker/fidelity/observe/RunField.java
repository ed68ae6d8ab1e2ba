package org.mmspec.checker.fidelity.observe;

/** Fields that are not about a mapped page. */
public enum RunField implements Field {
    /** The outcome of a step: see {@link OpOutcome}. */
    OUTCOME("outcome"),
    /** The first byte of a file page after the last step (read back with {@code pread()}). */
    CONTENT("content");

    private final String label;

    RunField(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
