package org.mmspec.checker.explore;

/**
 * A FIFO of search nodes: a state with four ints (a node id, the thread that moved last, which of its
 * step's successors the state is, the depth), in
 * parallel arrays of a ring buffer, so that queueing allocates nothing per state. What the node id means
 * is the search's business (the state's id, or its parent's id while the state is not yet admitted).
 */
final class NodeQueue<S> {

    private Object[] states = new Object[16];
    private int[] nodes = new int[16];
    private int[] threads = new int[16];
    /** {@code null} while every choice added was 0 (always, for a deterministic system): no cost then. */
    private int[] choices;
    private int[] depths = new int[16];
    private int head;
    private int size;

    void add(S state, int node, int thread, int depth) {
        add(state, node, thread, 0, depth);
    }

    void add(S state, int node, int thread, int choice, int depth) {
        if (size == states.length) {
            grow();
        }
        int i = (head + size) & (states.length - 1);
        states[i] = state;
        nodes[i] = node;
        threads[i] = thread;
        if (choice != 0 && choices == null) {
            choices = new int[states.length];
        }
        if (choices != null) {
            choices[i] = choice;
        }
        depths[i] = depth;
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    S headState() {
        return (S) states[head];
    }

    int headNode() {
        return nodes[head];
    }

    int headThread() {
        return threads[head];
    }

    int headChoice() {
        return choices == null ? 0 : choices[head];
    }

    int headDepth() {
        return depths[head];
    }

    void removeHead() {
        states[head] = null;
        head = (head + 1) & (states.length - 1);
        size--;
    }

    private void grow() {
        int n = states.length;
        Object[] grownStates = unwrap(states, new Object[2 * n]);
        nodes = unwrap(nodes, new int[2 * n]);
        threads = unwrap(threads, new int[2 * n]);
        choices = choices == null ? null : unwrap(choices, new int[2 * n]);
        depths = unwrap(depths, new int[2 * n]);
        states = grownStates;
        head = 0;
    }

    /** Copies the full ring {@code from} into {@code to}, oldest first. */
    private <A> A unwrap(A from, A to) {
        int n = states.length;
        System.arraycopy(from, head, to, 0, n - head);
        System.arraycopy(from, 0, to, n - head, head);
        return to;
    }
}
