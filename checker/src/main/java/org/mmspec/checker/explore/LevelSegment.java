package org.mmspec.checker.explore;

import java.util.function.LongPredicate;
import org.mmspec.checker.frontier.SpillSpace;
import org.mmspec.checker.frontier.StateQueue;
import org.mmspec.checker.store.OffHeapList;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * A run of consecutive states of one BFS level in a {@link SharedBreadthFirstSearch}: what one worker
 * found new while expanding a chunk of the level before, in ascending discovery key, compressed (and
 * spilling) like the sequential frontier. While the level is being built each state's key is kept beside
 * it, off the Java heap ({@link OffHeapList}); once the worker has finished the segment its queue is
 * {@link StateQueue#seal sealed}, so its last block is compressed (and may spill) like the others. When the
 * level is settled the copies whose key another offer replaced are marked dropped, the rest are numbered
 * from {@link #firstRank}. The keys stay until the segment's parent links are written: by the worker
 * that reads the segment's states to expand them ({@link #keyAt}, the states' ids reserved in the store
 * beforehand), or, when the links are 64-bit, appended by the coordinator before the level is expanded
 * ({@link #dropKeys}); then only the queue and the dropped positions stay.
 *
 * <p>Each state carries whether its invariants are known to hold (judged from its parent when it was found,
 * {@link StateJudge#holdsInSuccessor}), in its record's node field, unused otherwise: the node is the count
 * of states so far whose invariants are not known to hold, so a state that held repeats the node before it
 * (the record's one-byte header still applies) and one that did not adds one. The initial state is judged
 * in full.
 */
final class LevelSegment<S> {

    final StateQueue<S> queue;
    /** The keys of the states in the queue, in order; null once given back. */
    private OffHeapList keys;
    private long firstKey = -1;
    private long lastKey = -1;
    /** The largest choice among the keys appended, then (once settled) among those kept. */
    private int maxChoice;
    /** Positions in the queue of the copies dropped, ascending. */
    private LongList dropped;
    long kept;
    long firstRank;
    private boolean closed;
    /** States appended whose invariants are not known to hold; the same count read back so far. */
    private long notHeld;
    private long readNotHeld;

    LevelSegment(TransitionSystem<S> system, SpillSpace space, OffHeapList.Pool pool) {
        this.queue = StateQueue.create(system, space);
        this.keys = pool == null ? null : OffHeapList.ofLongs(pool);
    }

    /** A segment holding just the initial state. */
    static <S> LevelSegment<S> initial(TransitionSystem<S> system, SpillSpace space, S initial) {
        LevelSegment<S> s = new LevelSegment<>(system, space, null);
        s.queue.add(initial, 1, -1, 0, 0);       // judged in full
        s.kept = 1;
        return s;
    }

    /** A segment of a level handed over by a one-worker search ({@link #addLinked}), ranked from {@code firstRank}. */
    static <S> LevelSegment<S> handedOver(TransitionSystem<S> system, SpillSpace space, long firstRank) {
        LevelSegment<S> s = new LevelSegment<>(system, space, null);
        s.firstRank = firstRank;
        return s;
    }

    /**
     * Appends a state whose parent link the store holds already (no key: {@link #handedOver}), with whether
     * its invariants are known to hold; false when the frontier's disk budget ran out.
     */
    boolean addLinked(S state, int thread, int choice, int depth, boolean held) {
        if (!held) {
            notHeld++;
        }
        if (!queue.add(state, notHeld, thread, choice, depth)) {
            return false;
        }
        kept++;
        return true;
    }

    /**
     * Appends a state with its key and whether its invariants are known to hold; false when the frontier's
     * disk budget ran out.
     */
    boolean add(S state, long key, int thread, int choice, int depth, boolean held) {
        if (!held) {
            notHeld++;
        }
        if (!queue.add(state, notHeld, thread, choice, depth)) {
            return false;
        }
        keys.addLong(key);
        maxChoice = Math.max(maxChoice, choice);
        if (firstKey < 0) {
            firstKey = key;
        }
        lastKey = key;
        return true;
    }

    /** The states appended from now on are successors of {@code from}'s head ({@link StateQueue#readsFrom}). */
    void readsFrom(LevelSegment<S> from) {
        queue.readsFrom(from.queue);
    }

    /** States appended so far (before the level is settled). */
    long appended() {
        return keys.size();
    }

    /** The key of the first state appended, or -1 when none was. */
    long firstKey() {
        return firstKey;
    }

    /** The key of the last state appended, or -1 when none was. */
    long lastKey() {
        return lastKey;
    }

    /** Seals the queue's last block (the worker appends nothing more); false when it could not be kept. */
    boolean seal() {
        return queue.seal();
    }

    /** States in the queue, dropped copies included. */
    int positions() {
        return (int) (kept + (dropped == null ? 0 : dropped.size()));
    }

    /**
     * Marks dropped each copy whose key is among {@code stale[from .. to)} (ascending, each the key of a
     * copy in this segment: one that a smaller key for the same fingerprint replaced); counts the rest, and
     * takes the largest choice among them (keys laid out as {@code keyLayout} says).
     */
    void settle(long[] stale, int from, int to, DiscoveryKey keyLayout) {
        long n = keys.size();
        if (to > from) {
            dropped = new LongList();
            maxChoice = 0;
            int next = from;
            for (long i = 0; i < n; i++) {
                long key = keys.getLong(i);
                if (next < to && key == stale[next]) {
                    dropped.add(i);
                    next++;
                } else {
                    maxChoice = Math.max(maxChoice, keyLayout.choice(key));
                }
            }
            if (next != to) {
                throw new IllegalStateException("a replaced key is not in its segment: " + stale[next]);
            }
        }
        kept = n - (dropped == null ? 0 : dropped.size());
    }

    /** The largest choice of the states kept (once settled). */
    int maxChoice() {
        return maxChoice;
    }

    /** True while the keys are kept: the states' parent links are still to be written from them ({@link #keyAt}). */
    boolean keysKept() {
        return keys != null;
    }

    /** The key of the state at queue position {@code i} (while the keys are kept). */
    long keyAt(int i) {
        return keys.getLong(i);
    }

    /**
     * Whether every invariant is known to hold in the queue's head ({@link #add}); asked of every position in
     * order, dropped copies too, before it is removed.
     */
    boolean headHeld() {
        long n = queue.headNode();
        boolean held = n == readNotHeld;
        readNotHeld = n;
        return held;
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
    boolean forEachKeptKey(LongPredicate sink) {
        int[] cursor = {0};
        for (int i = 0; i < keys.size(); i++) {
            if (!isDropped(i, cursor) && !sink.test(keys.getLong(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Bytes of this segment on the Java heap, apart from its queue's compressed blocks (which the frontier's
     * memory budget bounds): an estimate of the objects, the queue's buffers and codecs, the dropped
     * positions and the keys' block directory.
     */
    long heapBytes() {
        return 96 + queue.heapBytes() + (dropped == null ? 0 : dropped.heapBytes())
                + (keys == null ? 0 : keys.heapBytes());
    }

    /** Gives the keys back (the links were written). */
    void dropKeys() {
        if (keys != null) {
            keys.free();
            keys = null;
        }
    }

    /** Gives the queue's memory and files and the keys back. */
    void close() {
        dropKeys();
        if (!closed) {
            closed = true;
            queue.close();
        }
    }
}
