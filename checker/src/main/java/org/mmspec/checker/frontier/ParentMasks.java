package org.mmspec.checker.frontier;

import java.util.Arrays;
import org.mmspec.spec.semantics.StateVectors;

/**
 * What a {@link VectorQueue} knows of how a successor it adds differs from the record before it (hand-written
 * speed code, for {@link RecordCodec#encodeSibling}): the words the successor changed from its parent
 * ({@link StateVectors#changedFrom}), and, when that parent is a queue's head view (the queue's own, or the
 * view of the queue it {@link VectorQueue#readsFrom reads from}), the words the view's loads changed since
 * version {@link #markVersion} of the view, when the last successor of it was added to any queue (the words
 * that view's reader decoded meanwhile). A queue uses them only when its own last record is that successor
 * (the view at that version). Not thread-safe: one per queue, used by one thread with the queues it reads
 * from.
 *
 * @param <S> the state type
 */
final class ParentMasks<S> {

    private final StateVectors<S> vectors;
    /** The words the state being added changed from its parent. */
    private final long[] changed;
    /** The words the head view's loads changed since the last successor of it was added, when {@link #movedKnown}. */
    private final long[] moved;
    private boolean movedKnown;
    /** The version of this queue's head view when {@link #moved} was last cleared. */
    private long markVersion;
    /** The parent of the last successor this queue encoded from its parent, and that parent's version then. */
    private Object lastParent;
    private long lastVersion;
    /** For tests only: the lowest bit of every successor's mask, or of every mask of the view's moves, is dropped. */
    private final boolean dropChanged;
    private final boolean dropMoved;

    ParentMasks(StateVectors<S> vectors, boolean dropChanged, boolean dropMoved) {
        this.vectors = vectors;
        this.changed = new long[RecordCodec.masksWords(vectors.vectorLength())];
        this.moved = new long[changed.length];
        this.dropChanged = dropChanged;
        this.dropMoved = dropMoved;
    }

    /** The parent {@code state} is known to be a successor of (its changed words noted), or null. */
    S parentOf(S state) {
        S parent = vectors.changedFrom(state, changed);
        if (parent != null && dropChanged) {
            dropLowestBit(changed);
        }
        return parent;
    }

    /**
     * Encodes {@code words}, the vector of a successor of {@code parent} ({@link #parentOf}), as the next record of
     * {@code codec} into {@code out}; {@code view} is the head view of the queue whose masks are {@code source}
     * (this queue's own, or the one it reads from; the view may be null).
     */
    void encode(RecordCodec codec, ByteSink out, long node, int thread, int choice, int depth, int[] words, S parent,
            S view, ParentMasks<S> source) {
        long[] m = null;
        long version = vectors.version(parent);
        boolean ofView = parent == view;
        if (ofView && source.movedKnown && lastParent == parent && lastVersion == source.markVersion) {
            m = source.moved;                          // a successor of a head after one of the head before
            if (dropMoved) {
                dropLowestBit(m);
            }
        }
        codec.encodeSibling(out, node, thread, choice, depth, words, parent, version, changed, m);
        lastParent = parent;
        lastVersion = version;
        if (ofView) {
            Arrays.fill(source.moved, 0L);
            source.movedKnown = true;
            source.markVersion = version;
        }
    }

    /** The head view is about to be loaded with {@code reader}'s vector: the words it decoded since are noted. */
    void viewLoading(RecordCodec reader) {
        movedKnown &= reader.takeDecoded(moved);
    }

    /** The head view is gone, and so is the parent of the last successor encoded. */
    void forgetView() {
        movedKnown = false;
        lastParent = null;
    }

    private static void dropLowestBit(long[] mask) {
        for (int w = 0; w < mask.length; w++) {
            if (mask[w] != 0) {
                mask[w] &= mask[w] - 1;
                return;
            }
        }
    }
}
