package org.mmspec.checker.frontier;

import org.mmspec.spec.semantics.StateVectors;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * A short-lived {@link StateQueue} of a parallel search's candidates: the state objects themselves while
 * they fit in the {@link SpillSpace}'s memory budget (no encoding: a candidate is written once and read
 * once, within one level), then compressed records ({@link VectorQueue}) that may spill. First in, first
 * out across both.
 */
public final class LevelBuffer<S> implements StateQueue<S> {

    private static final int RESERVE_STATES = 1024;

    private final ObjectQueue<S> objects = new ObjectQueue<>();
    private final StateQueue<S> overflow;
    private final SpillSpace space;
    private final long bytesPerState;
    private long reservedStates;
    private long reservedBytes;
    private boolean overflowing;

    public LevelBuffer(TransitionSystem<S> system, SpillSpace space) {
        StateVectors<S> vectors = system.vectors();
        this.space = space;
        this.overflow = vectors == null ? null : new VectorQueue<>(vectors, space);
        this.bytesPerState = vectors == null ? 0 : 64L + 4L * vectors.vectorLength();
    }

    @Override
    public boolean add(S state, long node, int thread, int choice, int depth) {
        if (!overflowing && overflow != null && objects.size() == reservedStates) {
            if (space.reserveMemory(RESERVE_STATES * bytesPerState)) {
                reservedStates += RESERVE_STATES;
                reservedBytes += RESERVE_STATES * bytesPerState;
            } else {
                overflowing = true;
            }
        }
        return overflowing ? overflow.add(state, node, thread, choice, depth)
                : objects.add(state, node, thread, choice, depth);
    }

    private StateQueue<S> head() {
        return objects.isEmpty() ? overflow : objects;
    }

    @Override
    public boolean isEmpty() {
        return objects.isEmpty() && (overflow == null || overflow.isEmpty());
    }

    @Override
    public long size() {
        return objects.size() + (overflow == null ? 0 : overflow.size());
    }

    @Override
    public S headState() {
        return head().headState();
    }

    @Override
    public S headTransient() {
        return head().headTransient();
    }

    @Override
    public long headNode() {
        return head().headNode();
    }

    @Override
    public int headThread() {
        return head().headThread();
    }

    @Override
    public int headChoice() {
        return head().headChoice();
    }

    @Override
    public int headDepth() {
        return head().headDepth();
    }

    @Override
    public boolean transferHead(StateQueue<S> dest, long node, int thread, int choice, int depth) {
        return head().transferHead(dest, node, thread, choice, depth);
    }

    @Override
    public void removeHead() {
        head().removeHead();
    }

    @Override
    public long heapBytes() {
        return objects.heapBytes() + (overflow == null ? 0 : overflow.heapBytes());
    }

    @Override
    public void close() {
        objects.close();
        if (overflow != null) {
            overflow.close();
        }
        space.releaseMemory(reservedBytes);
        reservedBytes = 0;
    }
}
