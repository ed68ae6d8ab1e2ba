package org.mmspec.checker.result;

/**
 * What a search did.
 *
 * @param statesGenerated states produced: the initial state(s) plus every successor of every step
 *     computed ({@code step}, or each of {@code successors} for a step with choices), duplicates included
 * @param distinctStates states admitted to the store (for the preemption-bounded search: distinct pairs of
 *     a state and the thread that last moved, since both decide what a preemption is)
 * @param maxDepth the greatest number of steps from the initial state to a visited state
 * @param transitions edges followed: for BFS, DFS and the preemption-bounded search every generated
 *     successor ({@code statesGenerated - 1}); for random walks the steps the walks took
 * @param seconds wall-clock time of the search (the only non-deterministic figure)
 * @param storeBytes bytes of the state store's arrays (fingerprint table and parent links)
 * @param preemptionBound the preemption bound searched last, or {@code -1} when the strategy has none
 * @param diskBytes the most bytes the spilled frontier held on disk at once (0 when nothing spilled)
 * @param collisionProbability TLC's estimate of the probability that a fingerprint collision hid a state:
 *     {@code distinct * (generated - distinct) / 2^64} (each successor found "seen" could have been a new
 *     state whose 64-bit fingerprint equals one of the stored ones)
 */
public record Statistics(
        long statesGenerated,
        long distinctStates,
        int maxDepth,
        long transitions,
        double seconds,
        long storeBytes,
        int preemptionBound,
        long diskBytes,
        double collisionProbability) {

    /** Statistics of a search that spilled nothing, with no collision estimate. */
    public Statistics(long statesGenerated, long distinctStates, int maxDepth, long transitions, double seconds,
            long storeBytes, int preemptionBound) {
        this(statesGenerated, distinctStates, maxDepth, transitions, seconds, storeBytes, preemptionBound, 0, 0);
    }

    /** Distinct states per second of wall-clock time, or 0 when no time was measured. */
    public double distinctStatesPerSecond() {
        return seconds > 0 ? distinctStates / seconds : 0;
    }

    /** Store bytes per distinct state, or 0 for an empty store. */
    public double bytesPerState() {
        return distinctStates > 0 ? (double) storeBytes / distinctStates : 0;
    }
}
