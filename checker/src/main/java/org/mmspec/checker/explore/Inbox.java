package org.mmspec.checker.explore;

import org.mmspec.checker.frontier.SpillSpace;
import org.mmspec.checker.frontier.LevelBuffer;
import org.mmspec.checker.frontier.StateQueue;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * The candidates one worker of a parallel BFS sends one owner in one level: successors not yet in the
 * owner's store, each with its fingerprint and its discovery key ({@code rank of the parent | thread |
 * choice}), in the order the worker generated them — ascending keys, since a worker expands its states in
 * rank order. The states are kept compressed (and spill) like the frontier; the parent's id, the thread and
 * the choice ride in the queue's record.
 */
final class Inbox<S> {

    private final StateQueue<S> queue;
    private final LongList fingerprints = new LongList();
    private final LongList keys = new LongList();
    private int read;

    /**
     * An inbox; with {@code copyWords} (transient successors, which must be copied before the next step)
     * it keeps every candidate as a compressed record, else state objects while memory allows.
     */
    Inbox(TransitionSystem<S> system, SpillSpace space, boolean copyWords) {
        this.queue = copyWords ? StateQueue.create(system, space) : new LevelBuffer<>(system, space);
    }

    /** Appends a candidate; false when the frontier's disk budget ran out. */
    boolean add(S state, long fingerprint, long key, long parent, int thread, int choice, int depth) {
        if (!queue.add(state, parent, thread, choice, depth)) {
            return false;
        }
        fingerprints.add(fingerprint);
        keys.add(key);
        return true;
    }

    boolean hasNext() {
        return read < keys.size();
    }

    long headKey() {
        return keys.get(read);
    }

    long headFingerprint() {
        return fingerprints.get(read);
    }

    StateQueue<S> queue() {
        return queue;
    }

    /** Takes the head candidate out. */
    void next() {
        queue.removeHead();
        read++;
    }

    /** Gives the states' memory and files back. */
    void close() {
        queue.close();
    }
}
