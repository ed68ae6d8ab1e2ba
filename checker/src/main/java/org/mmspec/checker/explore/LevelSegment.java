package org.mmspec.checker.explore;

import org.mmspec.checker.frontier.SpillSpace;
import org.mmspec.checker.frontier.StateQueue;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * A run of consecutive states of one BFS level in a {@link SharedBreadthFirstSearch}: what one worker
 * found new while expanding a chunk of the level before, in ascending discovery key, compressed (and
 * spilling) like the sequential frontier. While the level is being built each state's fingerprint and key
 * are kept beside it; when the level is settled the copies whose key was lowered by another worker are
 * marked dropped, the rest are numbered from {@link #firstRank}, and only the queue and the dropped
 * positions stay.
 */
final class LevelSegment<S> {

    final StateQueue<S> queue;
    LongList fingerprints = new LongList();
    LongList keys = new LongList();
    /** Positions in the queue of the copies dropped, ascending. */
    private LongList dropped;
    long kept;
    long firstRank;
    private boolean closed;

    LevelSegment(TransitionSystem<S> system, SpillSpace space) {
        this.queue = StateQueue.create(system, space);
    }

    /** A segment holding just the initial state. */
    static <S> LevelSegment<S> initial(TransitionSystem<S> system, SpillSpace space, S initial) {
        LevelSegment<S> s = new LevelSegment<>(system, space);
        s.queue.add(initial, 0, -1, 0, 0);
        s.kept = 1;
        s.fingerprints = null;
        s.keys = null;
        return s;
    }

    /** Appends a state with its fingerprint and key; false when the frontier's disk budget ran out. */
    boolean add(S state, long fingerprint, long key, int thread, int choice, int depth) {
        if (!queue.add(state, 0, thread, choice, depth)) {
            return false;
        }
        fingerprints.add(fingerprint);
        keys.add(key);
        return true;
    }

    /** States in the queue, dropped copies included. */
    int positions() {
        return (int) (kept + (dropped == null ? 0 : dropped.size()));
    }

    /**
     * Marks dropped each copy whose fingerprint is in {@code lowered} and whose key is not the least
     * offered for it ({@code leastKey}); counts the rest.
     */
    void settle(LongSet lowered, java.util.function.LongUnaryOperator leastKey) {
        int n = keys.size();
        if (!lowered.isEmpty()) {
            for (int i = 0; i < n; i++) {
                long fp = fingerprints.get(i);
                if (lowered.contains(fp) && leastKey.applyAsLong(fp) != keys.get(i)) {
                    if (dropped == null) {
                        dropped = new LongList();
                    }
                    dropped.add(i);
                }
            }
        }
        kept = n - (dropped == null ? 0 : dropped.size());
        fingerprints = null;
    }

    /** True when the state at queue position {@code i} was dropped; positions are asked in ascending order. */
    boolean isDropped(int i, int[] cursor) {
        if (dropped == null || cursor[0] >= dropped.size() || dropped.get(cursor[0]) != i) {
            return false;
        }
        cursor[0]++;
        return true;
    }

    /**
     * Hands the keys of the kept states to {@code sink}, in order, until it answers false (while the keys
     * are kept: until {@link #dropKeys}).
     */
    boolean forEachKeptKey(java.util.function.LongPredicate sink) {
        int[] cursor = {0};
        for (int i = 0; i < keys.size(); i++) {
            if (!isDropped(i, cursor) && !sink.test(keys.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Forgets the keys (the links were appended). */
    void dropKeys() {
        keys = null;
    }

    /** Gives the queue's memory and files back. */
    void close() {
        if (!closed) {
            closed = true;
            queue.close();
        }
    }
}
