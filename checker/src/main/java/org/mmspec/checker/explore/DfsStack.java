package org.mmspec.checker.explore;

import java.util.Arrays;

/**
 * The depth-first search stack: per frame a state, its id, the next thread to try, and whether any thread
 * could move. Parallel arrays, so pushing allocates nothing per state. The top frame's depth is
 * {@code size() - 1}.
 */
final class DfsStack<S> {

    private Object[] states = new Object[16];
    private int[] ids = new int[16];
    private int[] nextThread = new int[16];
    private boolean[] moved = new boolean[16];
    private int size;

    void push(S state, int id) {
        if (size == states.length) {
            int n = 2 * size;
            states = Arrays.copyOf(states, n);
            ids = Arrays.copyOf(ids, n);
            nextThread = Arrays.copyOf(nextThread, n);
            moved = Arrays.copyOf(moved, n);
        }
        states[size] = state;
        ids[size] = id;
        nextThread[size] = 0;
        moved[size] = false;
        size++;
    }

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
}
