package org.mmspec.checker.result;

/** Why a search stopped before it could decide. */
public enum IncompleteReason {
    /** The budget of distinct states ({@code Budget.maxStates}) was used up. */
    STATE_BUDGET("the distinct-state budget ran out"),
    /** The time budget ({@code Budget.maxTime}) was used up. */
    TIME_BUDGET("the time budget ran out"),
    /** The estimated memory of store and frontier exceeded {@code Budget.maxMemoryBytes}. */
    MEMORY_BUDGET("the memory budget ran out"),
    /** The JVM heap was nearly full after a garbage collection, whatever the budget said. */
    JVM_HEAP("the JVM heap is nearly full"),
    /** States at the depth limit ({@code SearchOptions.maxDepth}) had successors that were not searched. */
    DEPTH_LIMIT("the depth limit cut off part of the state space"),
    /**
     * The state store cannot number more states: its parent links hold at most 31 bits per id, fewer for
     * many threads and for steps with many successors (see {@code StateStore}).
     */
    STORE_CAPACITY("the state store is full");

    private final String description;

    IncompleteReason(String description) {
        this.description = description;
    }

    /** One line, e.g. {@code "the time budget ran out"}. */
    public String describe() {
        return description;
    }
}
