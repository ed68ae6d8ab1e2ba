package org.mmspec.checker.frontier;

import org.mmspec.spec.semantics.StateVectors;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * A FIFO of search nodes waiting to be expanded: a state with its node id (the state's id, or its parent's
 * while the state is not yet admitted: the search's business), the thread that moved last ({@code -1} for
 * none), which of that step's successors the state is, and its depth.
 *
 * <p>Two forms: {@link VectorQueue} keeps states as compressed records (delta against the previous record;
 * a block LZ4-packed when memory runs short or it goes to disk) and spills blocks to disk past its memory budget, for systems that offer
 * {@link StateVectors}; {@link ObjectQueue} keeps the state objects, for those that do not. Both give the
 * same order, so a search visits the same states in the same order either way.
 *
 * <p>Not thread-safe. (A level-synchronous parallel search would give each owner one queue per level.)
 */
public interface StateQueue<S> extends AutoCloseable {

    /**
     * Appends a node; false when it could not be kept (the disk budget ran out or the disk is full: see
     * {@link SpillSpace#failure()}).
     */
    boolean add(S state, long node, int thread, int choice, int depth);

    boolean isEmpty();

    long size();

    S headState();

    /**
     * The head state, possibly as a view over a buffer this queue reuses for every head
     * ({@link StateVectors#newView}): valid only until the next head is loaded (the first {@code head*} call
     * after {@link #removeHead}), and never to be kept beyond that — a state to keep is {@link #headState}. A
     * breadth-first search reads it, visits it and generates its successors before it loads the next, so
     * popping a state allocates nothing. The default is {@link #headState}.
     */
    default S headTransient() {
        return headState();
    }

    long headNode();

    int headThread();

    int headChoice();

    int headDepth();

    void removeHead();

    /**
     * Appends the head node to {@code dest} as {@code (node, thread, choice, depth)} (the head stays here:
     * {@link #removeHead} takes it out); false when {@code dest} could not keep it. A queue of vectors
     * moves the words without making a state of them.
     */
    default boolean transferHead(StateQueue<S> dest, long node, int thread, int choice, int depth) {
        return dest.add(headState(), node, thread, choice, depth);
    }

    /**
     * Says that the states added from now on are mostly successors of {@code queue}'s head (a hint for a queue
     * that compresses them against their parent: {@link VectorQueue#readsFrom}); the default ignores it.
     */
    default void readsFrom(StateQueue<S> queue) {
    }

    /**
     * Seals the block being written, if any: a queue of vectors compresses it like a full one (keeping it in
     * memory within the budget, else spilling it) and gives its write buffers back, for a queue that will
     * only be read from now on (a finished segment of a parallel search's level). Nodes may still be added
     * afterwards. False when the block could not be kept (as {@link #add}).
     */
    default boolean seal() {
        return true;
    }

    /**
     * Bytes this queue keeps on the Java heap apart from its compressed blocks (which its {@link SpillSpace}
     * budgets): its buffers and codecs for a queue of vectors, its arrays for a queue of objects (the state
     * objects not counted).
     */
    long heapBytes();

    /** Gives up every node and its memory and files. */
    @Override
    void close();

    /** A queue for {@code system}'s states: compressed and spillable in {@code space} if it has vectors. */
    static <S> StateQueue<S> create(TransitionSystem<S> system, SpillSpace space) {
        StateVectors<S> vectors = system.vectors();
        return vectors == null ? new ObjectQueue<>() : new VectorQueue<>(vectors, space);
    }
}
