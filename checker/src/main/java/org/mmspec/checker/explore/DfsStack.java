package org.mmspec.checker.explore;

import java.util.Arrays;

/**
 * The depth-first search stack: per frame a state, its id, the next thread to try, whether any thread
 * could move, and the successors of the thread being expanded that are still to be tried (only when its
 * step had more than one). Parallel arrays, so pushing allocates nothing per state. The top frame's depth
 * is {@code size() - 1}.
 */
final class DfsStack<S> {

    private Object[] states = new Object[16];
    private int[] ids = new int[16];
    private int[] nextThread = new int[16];
    private boolean[] moved = new boolean[16];
    private Object[][] pending = new Object[16][];
    private int[] pendingNext = new int[16];
    /** Frames with pending successors: 0 all along for a deterministic system, which then skips the arrays. */
    private int framesPending;
    private int size;

    void push(S state, int id) {
        if (size == states.length) {
            int n = 2 * size;
            states = Arrays.copyOf(states, n);
            ids = Arrays.copyOf(ids, n);
            nextThread = Arrays.copyOf(nextThread, n);
            moved = Arrays.copyOf(moved, n);
            pending = Arrays.copyOf(pending, n);
            pendingNext = Arrays.copyOf(pendingNext, n);
        }
        states[size] = state;
        ids[size] = id;
        nextThread[size] = 0;
        moved[size] = false;
        size++;
    }

    /** Pops the top frame; it has no pending successors left ({@link #takePending} cleared them). */
    void pop() {
        states[--size] = null;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    S topState() {
        return (S) states[size - 1];
    }

    int topId() {
        return ids[size - 1];
    }

    int topDepth() {
        return size - 1;
    }

    /** The next thread the top frame tries, advancing past it; equals the thread count once all were tried. */
    int takeNextThread() {
        return nextThread[size - 1]++;
    }

    void markMoved() {
        moved[size - 1] = true;
    }

    boolean topMoved() {
        return moved[size - 1];
    }

    /**
     * Keeps successors {@code 1 ..} of the thread the top frame took last (its successor 0 is being tried
     * now), in {@code moves}; {@link #takePending} hands them out before the frame tries another thread.
     */
    void holdPending(Moves<S> moves) {
        pending[size - 1] = moves.tail(1);
        pendingNext[size - 1] = 0;
        framesPending++;
    }

    /** True when the top frame has successors of its last thread still to try. */
    boolean hasPending() {
        return framesPending > 0 && pending[size - 1] != null;
    }

    /** The choice number of the successor {@link #takePending} returns next. */
    int pendingChoice() {
        return pendingNext[size - 1] + 1;
    }

    /** The thread whose successors are pending: the one the frame took last. */
    int pendingThread() {
        return nextThread[size - 1] - 1;
    }

    /** The next pending successor of the top frame, advancing past it. */
    @SuppressWarnings("unchecked")
    S takePending() {
        int top = size - 1;
        Object[] rest = pending[top];
        S next = (S) rest[pendingNext[top]++];
        if (pendingNext[top] == rest.length) {
            pending[top] = null;
            framesPending--;
        }
        return next;
    }
}
