package org.mmspec.checker.explore;

import java.util.Arrays;
import org.mmspec.checker.frontier.DeltaStack;
import org.mmspec.spec.semantics.StateVectors;

/**
 * The depth-first search stack: per frame a state, its id, the next thread to try, whether any thread
 * could move, and the successors of the thread being expanded that are still to be tried (only when its
 * step had more than one). For a system with {@link StateVectors} the states and pending successors are
 * kept as deltas ({@link DeltaStack}: a few bytes per frame); otherwise as objects. The top frame's depth
 * is {@code size() - 1}.
 */
final class DfsStack<S> {

    private final DeltaStack<S> deltas;
    private Object[] states;
    private Object[][] pending;
    /** Per frame: how many pending successors were taken (the last one's choice number). */
    private int[] pendingTaken = new int[16];
    private long[] ids = new long[16];
    private int[] nextThread = new int[16];
    private boolean[] moved = new boolean[16];
    private int size;

    DfsStack(StateVectors<S> vectors) {
        this.deltas = vectors == null ? null : new DeltaStack<>(vectors);
        if (deltas == null) {
            states = new Object[16];
            pending = new Object[16][];
        }
    }

    void push(S state, long id) {
        if (size == ids.length) {
            int n = 2 * size;
            ids = Arrays.copyOf(ids, n);
            nextThread = Arrays.copyOf(nextThread, n);
            moved = Arrays.copyOf(moved, n);
            if (deltas == null) {
                states = Arrays.copyOf(states, n);
                pending = Arrays.copyOf(pending, n);
            }
            pendingTaken = Arrays.copyOf(pendingTaken, n);
        }
        if (deltas != null) {
            deltas.push(state);
        } else {
            states[size] = state;
            pending[size] = null;
        }
        ids[size] = id;
        nextThread[size] = 0;
        moved[size] = false;
        size++;
    }

    /** Pops the top frame; it has no pending successors left. */
    void pop() {
        --size;
        if (deltas != null) {
            deltas.pop();
        } else {
            states[size] = null;
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    S topState() {
        return deltas != null ? deltas.top() : (S) states[size - 1];
    }

    long topId() {
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
        Object[] rest = moves.tail(1);
        if (deltas != null) {
            deltas.holdPending(rest, 0, rest.length);
        } else {
            pending[size - 1] = rest;
        }
        pendingTaken[size - 1] = 0;
    }

    /** True when the top frame has successors of its last thread still to try. */
    boolean hasPending() {
        return deltas != null ? deltas.hasPending() : pending[size - 1] != null;
    }

    /** The thread whose successors are pending: the one the frame took last. */
    int pendingThread() {
        return nextThread[size - 1] - 1;
    }

    /** The next pending successor of the top frame, advancing past it, and its choice number in {@code choice[0]}. */
    @SuppressWarnings("unchecked")
    S takePending(int[] choice) {
        int top = size - 1;
        int taken = pendingTaken[top]++;
        choice[0] = taken + 1;
        if (deltas != null) {
            return deltas.takePending();
        }
        Object[] rest = pending[top];
        S next = (S) rest[taken];
        if (taken + 1 == rest.length) {
            pending[top] = null;
        }
        return next;
    }
}
