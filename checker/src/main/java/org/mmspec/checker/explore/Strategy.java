package org.mmspec.checker.explore;

/** How the explorer walks the state space. */
public enum Strategy {
    /** Breadth-first with a fingerprint store: exhaustive, and the counterexample is a shortest one. */
    BFS,
    /** Depth-first with an explicit stack and the same store: exhaustive, less frontier memory. */
    DFS,
    /**
     * Preemption-bounded (iterative context bounding): all executions with 0 preemptions, then 1, ... up
     * to {@link SearchOptions#maxPreemptions()}; the counterexample has the fewest preemptions, and among
     * those is a shortest one.
     */
    PREEMPT,
    /** {@link SearchOptions#randomWalks()} seeded random walks of at most {@link SearchOptions#maxDepth()} steps. */
    RANDOM
}
