package org.mmspec.checker.observe;

/**
 * Where a running search is.
 *
 * @param distinctStates states admitted so far
 * @param statesGenerated states produced so far, duplicates included
 * @param depth depth of the state being expanded
 * @param queue states waiting in the frontier (BFS queue, DFS stack, preemption work lists)
 * @param seconds time since the search started
 * @param preemptionBound the bound being searched, or {@code -1} when the strategy has none
 */
public record ProgressSnapshot(
        long distinctStates, long statesGenerated, int depth, long queue, double seconds, int preemptionBound) {

    /** Distinct states per second so far, or 0 before any time has passed. */
    public double distinctStatesPerSecond() {
        return seconds > 0 ? distinctStates / seconds : 0;
    }
}
