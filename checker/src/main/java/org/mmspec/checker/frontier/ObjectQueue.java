package org.mmspec.checker.frontier;

/**
 * A {@link StateQueue} of state objects in parallel arrays of a ring buffer, so that queueing allocates
 * nothing per state; for systems without {@code StateVectors}. It never spills.
 */
public final class ObjectQueue<S> implements StateQueue<S> {

    private Object[] states = new Object[16];
    private long[] nodes = new long[16];
    private int[] threads = new int[16];
    /** {@code null} while every choice added was 0 (always, for a deterministic system): no cost then. */
    private int[] choices;
    private int[] depths = new int[16];
    private int head;
    private int size;

    @Override
    public boolean add(S state, long node, int thread, int choice, int depth) {
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
        return true;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    @SuppressWarnings("unchecked")
    public S headState() {
        return (S) states[head];
    }

    @Override
    public long headNode() {
        return nodes[head];
    }

    @Override
    public int headThread() {
        return threads[head];
    }

    @Override
    public int headChoice() {
        return choices == null ? 0 : choices[head];
    }

    @Override
    public int headDepth() {
        return depths[head];
    }

    @Override
    public void removeHead() {
        states[head] = null;
        head = (head + 1) & (states.length - 1);
        size--;
    }

    @Override
    public long heapBytes() {
        return (long) states.length * (4 + 8 + 4 + 4 + (choices == null ? 0 : 4));
    }

    @Override
    public void close() {
        java.util.Arrays.fill(states, null);
        size = 0;
    }

    private void grow() {
        int n = states.length;
        Object[] grownStates = unwrap(states, new Object[2 * n]);
        nodes = unwrap(nodes, new long[2 * n]);
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
