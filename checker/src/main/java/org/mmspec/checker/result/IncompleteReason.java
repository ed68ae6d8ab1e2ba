package org.mmspec.checker.result;

/** Why a search stopped before it could decide. */
public enum IncompleteReason {
    /** The budget of distinct states ({@code Budget.maxStates}) was used up. */
    STATE_BUDGET("the distinct-state budget ran out"),
    /** The time budget ({@code Budget.maxTime}) was used up. */
    TIME_BUDGET("the time budget ran out"),
    /**
     * The process's resident memory (measured: {@code VmRSS} of {@code /proc/self/status} on Linux) exceeded
     * {@code Budget.maxMemoryBytes}, or off-heap memory for the state store could not be had.
     */
    MEMORY_BUDGET("the memory budget ran out"),
    /** The JVM heap was nearly full after a garbage collection, whatever the budget said. */
    JVM_HEAP("the JVM heap is nearly full (give it more, e.g. MMSPEC_JAVA_OPTS=\"-Xmx4g\"; a search with"
            + " --partition owner keeps more on the heap than the default)"),
    /** States at the depth limit ({@code SearchOptions.maxDepth}) had successors that were not searched. */
    DEPTH_LIMIT("the depth limit cut off part of the state space"),
    /**
     * The state store cannot number more states: its parent links hold 40 bits of id and a step's successor
     * number below {@code 2^(24 - thread bits)} (see {@code StateStore}).
     */
    STORE_CAPACITY("the state store is full"),
    /** The frontier spilled to disk and the fingerprints on disk took more than {@code Budget.maxDiskBytes} (by default the free space less a reserve). */
    DISK_BUDGET("the disk budget ran out"),
    /** Writing the spilled frontier or a checkpoint failed (the disk is full or the directory is not writable). */
    DISK_FULL("the disk is full or cannot be written");

    private final String description;

    IncompleteReason(String description) {
        this.description = description;
    }

    /** One line, e.g. {@code "the time budget ran out"}. */
    public String describe() {
        return description;
    }
}
