package org.mmspec.checker.explore;

import java.util.Objects;

/**
 * How to search.
 *
 * @param strategy BFS, DFS, PREEMPT or RANDOM
 * @param budget limits on states, time and memory
 * @param seed seed of the random walks (RANDOM only); the same seed gives the same walks on every JDK
 * @param maxPreemptions highest preemption bound searched (PREEMPT only), {@code >= 0}
 * @param randomWalks number of walks (RANDOM only), {@code >= 1}
 * @param maxDepth most steps from the initial state: the length of each random walk; for BFS, DFS and
 *     PREEMPT, states at this depth are checked but not expanded (and the result, if no violation is
 *     found, is {@code Incomplete(DEPTH_LIMIT)})
 * @param files where the frontier spills and checkpoints go
 * @param workers threads of a BFS ({@code >= 1}), sharing the work as {@code partition} says; the same
 *     verdict, trace and counts with any number; other strategies run on one thread
 * @param reduction whether state-space reduction (symmetry, partial order) is on, where the system offers it
 * @param symmetry whether, with reduction on, thread symmetry is used too ({@link #usesSymmetry})
 * @param partition how a BFS on several workers shares its work: one store shared by all workers
 *     ({@link Partition#SHARED}, the default) or a store per owner of a fingerprint range
 *     ({@link Partition#OWNER}); both give the same verdict, trace and counts
 * @param rampUp whether a BFS on several workers sharing one store starts on one worker and takes the others
 *     at the first level of at least {@link RampUpSearch#LEVEL_STATES} states ({@link RampUpSearch}: short
 *     searches end on one worker, without the parallel engine's costs); the command line's default when
 *     {@code --workers} is not given. The same verdict, trace and counts either way
 */
public record SearchOptions(Strategy strategy, Budget budget, long seed, int maxPreemptions, int randomWalks, int maxDepth,
        SearchFiles files, int workers, boolean reduction, boolean symmetry, Partition partition, boolean rampUp) {

    /** Options whose BFS runs on {@code workers} workers from its first level (no {@link #rampUp}). */
    public SearchOptions(Strategy strategy, Budget budget, long seed, int maxPreemptions, int randomWalks, int maxDepth,
            SearchFiles files, int workers, boolean reduction, boolean symmetry, Partition partition) {
        this(strategy, budget, seed, maxPreemptions, randomWalks, maxDepth, files, workers, reduction, symmetry,
                partition, false);
    }

    /** Options with the shared parallel engine. */
    public SearchOptions(Strategy strategy, Budget budget, long seed, int maxPreemptions, int randomWalks, int maxDepth,
            SearchFiles files, int workers, boolean reduction, boolean symmetry) {
        this(strategy, budget, seed, maxPreemptions, randomWalks, maxDepth, files, workers, reduction, symmetry,
                Partition.SHARED);
    }

    /** Options with symmetry wherever {@code reduction} is on. */
    public SearchOptions(Strategy strategy, Budget budget, long seed, int maxPreemptions, int randomWalks, int maxDepth,
            SearchFiles files, int workers, boolean reduction) {
        this(strategy, budget, seed, maxPreemptions, randomWalks, maxDepth, files, workers, reduction, true);
    }

    /** Options with {@link SearchFiles#defaults()}, one worker, no reduction. */
    public SearchOptions(Strategy strategy, Budget budget, long seed, int maxPreemptions, int randomWalks, int maxDepth) {
        this(strategy, budget, seed, maxPreemptions, randomWalks, maxDepth, SearchFiles.defaults());
    }

    /** Options with one worker and no reduction. */
    public SearchOptions(Strategy strategy, Budget budget, long seed, int maxPreemptions, int randomWalks, int maxDepth,
            SearchFiles files) {
        this(strategy, budget, seed, maxPreemptions, randomWalks, maxDepth, files, 1, false);
    }

    public SearchOptions {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(partition, "partition");
        if (workers < 1) {
            throw new IllegalArgumentException("need workers >= 1: " + workers);
        }
        if (maxPreemptions < 0 || randomWalks < 1 || maxDepth < 1) {
            throw new IllegalArgumentException("need maxPreemptions >= 0, randomWalks >= 1, maxDepth >= 1: "
                    + maxPreemptions + ", " + randomWalks + ", " + maxDepth);
        }
    }

    /** BFS, {@link Budget#defaults()}, seed 0, 2 preemptions, 1,000 walks, depth 10,000. */
    public static SearchOptions defaults() {
        return new SearchOptions(Strategy.BFS, Budget.defaults(), 0, 2, 1_000, 10_000);
    }

    public SearchOptions withStrategy(Strategy s) {
        return new SearchOptions(s, budget, seed, maxPreemptions, randomWalks, maxDepth, files, workers, reduction, symmetry, partition, rampUp);
    }

    public SearchOptions withBudget(Budget b) {
        return new SearchOptions(strategy, b, seed, maxPreemptions, randomWalks, maxDepth, files, workers, reduction, symmetry, partition, rampUp);
    }

    public SearchOptions withSeed(long s) {
        return new SearchOptions(strategy, budget, s, maxPreemptions, randomWalks, maxDepth, files, workers, reduction, symmetry, partition, rampUp);
    }

    public SearchOptions withMaxPreemptions(int p) {
        return new SearchOptions(strategy, budget, seed, p, randomWalks, maxDepth, files, workers, reduction, symmetry, partition, rampUp);
    }

    public SearchOptions withRandomWalks(int walks) {
        return new SearchOptions(strategy, budget, seed, maxPreemptions, walks, maxDepth, files, workers, reduction, symmetry, partition, rampUp);
    }

    public SearchOptions withMaxDepth(int depth) {
        return new SearchOptions(strategy, budget, seed, maxPreemptions, randomWalks, depth, files, workers, reduction, symmetry, partition, rampUp);
    }

    public SearchOptions withFiles(SearchFiles f) {
        return new SearchOptions(strategy, budget, seed, maxPreemptions, randomWalks, maxDepth, f, workers, reduction, symmetry, partition, rampUp);
    }

    public SearchOptions withWorkers(int n) {
        return new SearchOptions(strategy, budget, seed, maxPreemptions, randomWalks, maxDepth, files, n, reduction, symmetry, partition, rampUp);
    }

    /**
     * Whether a search with these options reduces a system that reports local steps
     * ({@link org.mmspec.spec.semantics.TransitionSystem#reportsLocalSteps}): reduction on, BFS, and no
     * checkpoint written or resumed (a checkpoint does not hold what the reduction's cycle proviso needs).
     */
    public boolean reducesLocalSteps() {
        return reduction && strategy == Strategy.BFS && files.checkpoint() == null && !files.resume();
    }

    public SearchOptions withReduction(boolean on) {
        return new SearchOptions(strategy, budget, seed, maxPreemptions, randomWalks, maxDepth, files, workers, on,
                symmetry, partition, rampUp);
    }

    /**
     * Whether a search with these options stores states up to thread symmetry, where the system has
     * interchangeable threads ({@link org.mmspec.spec.semantics.TransitionSystem#withSymmetry}): under the
     * same conditions as {@link #reducesLocalSteps}, unless symmetry alone is turned off.
     */
    public boolean usesSymmetry() {
        return symmetry && reducesLocalSteps();
    }

    public SearchOptions withSymmetry(boolean on) {
        return new SearchOptions(strategy, budget, seed, maxPreemptions, randomWalks, maxDepth, files, workers,
                reduction, on, partition, rampUp);
    }

    public SearchOptions withPartition(Partition p) {
        return new SearchOptions(strategy, budget, seed, maxPreemptions, randomWalks, maxDepth, files, workers, reduction,
                symmetry, p, rampUp);
    }

    /** These options with {@link #rampUp} on or off. */
    public SearchOptions withRampUp(boolean on) {
        return new SearchOptions(strategy, budget, seed, maxPreemptions, randomWalks, maxDepth, files, workers, reduction,
                symmetry, partition, on);
    }
}
