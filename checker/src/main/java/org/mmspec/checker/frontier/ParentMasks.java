package org.mmspec.checker.frontier;

import java.util.Arrays;
import org.mmspec.spec.semantics.StateVectors;

/**
 * What a {@link VectorQueue} knows of how a successor it adds differs from the record before it (hand-written
 * speed code, for {@link RecordCodec#encodeSibling}): the words the successor changed from its parent
 * ({@link StateVectors#changedFrom}), and, when that parent is the queue's own head view, the words the view's
 * loads changed since the last successor of it was added (the words the reader decoded meanwhile). Not
 * thread-safe: one per queue.
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
     * {@code codec} into {@code out}; {@code view} is the queue's head view (or null).
     */
    void encode(RecordCodec codec, ByteSink out, long node, int thread, int choice, int depth, int[] words, S parent,
            S view) {
        long[] m = null;
        if (parent == view) {                          // a successor of this queue's head (breadth-first search)
            m = movedKnown ? moved : null;
            if (m != null && dropMoved) {
                dropLowestBit(m);
            }
        }
        codec.encodeSibling(out, node, thread, choice, depth, words, parent, vectors.version(parent), changed, m);
        if (parent == view) {
            Arrays.fill(moved, 0L);
            movedKnown = true;
        }
    }

    /** The head view is about to be loaded with {@code reader}'s vector: the words it decoded since are noted. */
    void viewLoading(RecordCodec reader) {
        movedKnown &= reader.takeDecoded(moved);
    }

    /** The head view is gone. */
    void forgetView() {
        movedKnown = false;
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
