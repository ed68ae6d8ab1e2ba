package org.mmspec.checker.explore;

/**
 * How a breadth-first search on several workers shares its work ({@link SearchOptions#partition}). Both
 * give the sequential search's verdict, trace and counts with any number of workers.
 */
public enum Partition {
    /**
     * One lock-free table of fingerprints shared by every worker, which they insert into while they expand a
     * level ({@link SharedBreadthFirstSearch}): the default, the faster on one machine.
     */
    SHARED,
    /**
     * A store per owner of the fingerprints {@code fp mod N}; successors are routed to their owner
     * ({@link ParallelBreadthFirstSearch}): only fingerprints, keys and compressed states cross between
     * workers, the design that can run across machines.
     */
    OWNER
}
