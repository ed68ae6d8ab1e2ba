package org.mmspec.checker.explore;

import org.mmspec.checker.store.StateStore;

/**
 * The discovery key of a successor found while a BFS level is expanded: the rank of its parent in the level,
 * then the thread that moved, then the choice ({@code rank << MOVE_BITS | thread << choiceBits | choice}), so
 * that keys order successors as the sequential search finds them. Both parallel engines pack keys and read
 * them back through this one layout.
 *
 * @param threadBits bits of the thread field ({@link StateStore#threadBitsFor})
 */
record DiscoveryKey(int threadBits) {

    /** The key of choice {@code c} of thread {@code t}'s step from the state of rank {@code rank}. */
    long of(long rank, int t, int c) {
        return rank << StateStore.MOVE_BITS | (long) t << (StateStore.MOVE_BITS - threadBits) | c;
    }

    /** The least key of the successors of the state of rank {@code rank}. */
    static long first(long rank) {
        return rank << StateStore.MOVE_BITS;
    }

    /** The parent's rank in its level. */
    static long rank(long key) {
        return key >>> StateStore.MOVE_BITS;
    }

    /** The thread that moved. */
    int thread(long key) {
        return (int) (key >>> (StateStore.MOVE_BITS - threadBits)) & ((1 << threadBits) - 1);
    }

    /** The choice taken. */
    int choice(long key) {
        return (int) key & ((1 << (StateStore.MOVE_BITS - threadBits)) - 1);
    }
}
