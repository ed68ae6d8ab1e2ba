package org.mmspec.checker.result;

/** How much of the state space a {@link CheckResult.Passed} covers. */
public enum Coverage {
    /** Every reachable state was visited (BFS, DFS, or a preemption-bounded search that pruned nothing). */
    EXHAUSTIVE,
    /**
     * Every state reachable with at most {@link Statistics#preemptionBound()} preemptions was visited;
     * states that need more were not.
     */
    PREEMPTION_BOUNDED,
    /** Random walks visited a sample of the states; a pass proves nothing beyond them. */
    RANDOM_SAMPLE
}
