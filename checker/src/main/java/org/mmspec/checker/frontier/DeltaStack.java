package org.mmspec.checker.frontier;

import java.util.Arrays;
import org.mmspec.spec.semantics.StateVectors;

/**
 * The states of a depth-first stack as vector deltas: each frame stores only the words in which its state
 * differs from the frame below (a successor differs from its parent in a few words), in one growable
 * byte stack, and the top frame's whole vector is kept. Pushing appends the child's delta; popping applies
 * the top delta backwards, which restores the parent's vector. State objects are kept for the top
 * {@value #KEPT} frames only; a deeper frame's state is rebuilt from its vector when the search pops back
 * to it.
 *
 * <p>A frame's pending successors (the other successors of a step with several) are kept the same way,
 * each as its delta against the frame's own vector.
 *
 * <p>Not thread-safe.
 */
public final class DeltaStack<S> {

    /** Frames whose state objects are kept. */
    static final int KEPT = 64;

    private final StateVectors<S> vectors;
    private final int[] current;
    private final int[] scratch;
    private final ByteSink bytes = new ByteSink(1 << 12);
    private final ByteSource source = new ByteSource();
    private int[] deltaStart = new int[16];
    private Object[] states = new Object[16];
    private byte[][] pending = new byte[16][];
    private int[] pendingPos = new int[16];
    private int[] pendingLeft = new int[16];
    private int size;

    public DeltaStack(StateVectors<S> vectors) {
        this.vectors = vectors;
        this.current = new int[vectors.vectorLength()];
        this.scratch = new int[vectors.vectorLength()];
    }

    /** Pushes {@code state} (the first frame, or a successor of the top frame's state). */
    public void push(S state) {
        if (size == states.length) {
            int n = 2 * size;
            deltaStart = Arrays.copyOf(deltaStart, n);
            states = Arrays.copyOf(states, n);
            pending = Arrays.copyOf(pending, n);
            pendingPos = Arrays.copyOf(pendingPos, n);
            pendingLeft = Arrays.copyOf(pendingLeft, n);
        }
        vectors.copyVector(state, scratch);
        deltaStart[size] = bytes.length();
        writeDelta(bytes, current, scratch);
        System.arraycopy(scratch, 0, current, 0, current.length);
        states[size] = state;
        pending[size] = null;
        if (size >= KEPT) {
            states[size - KEPT] = null;
        }
        size++;
    }

    /** Pops the top frame; the frame below becomes the top, its state rebuilt if it was dropped. */
    public void pop() {
        int top = --size;
        source.reset(bytes.array(), deltaStart[top], bytes.length());
        int changed = (int) source.varint();
        int index = -1;
        for (int k = 0; k < changed; k++) {
            index += (int) source.varint() + 1;
            current[index] = (int) (current[index] - source.zigzag());
        }
        bytes.truncate(deltaStart[top]);
        states[top] = null;
        pending[top] = null;
        if (size > 0 && states[size - 1] == null) {
            states[size - 1] = vectors.fromVector(current.clone());
        }
    }

    public int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    public S top() {
        return (S) states[size - 1];
    }

    /** Keeps {@code count} successors of the top frame, from {@code from} on, to hand out with {@link #takePending}. */
    public void holdPending(Object[] successors, int from, int count) {
        ByteSink sink = new ByteSink(64 * count);
        for (int i = 0; i < count; i++) {
            @SuppressWarnings("unchecked")
            S s = (S) successors[from + i];
            vectors.copyVector(s, scratch);
            writeDelta(sink, current, scratch);
        }
        pending[size - 1] = Arrays.copyOf(sink.array(), sink.length());
        pendingPos[size - 1] = 0;
        pendingLeft[size - 1] = count;
    }

    /** True when the top frame has pending successors. */
    public boolean hasPending() {
        return pending[size - 1] != null;
    }

    /** The top frame's next pending successor. */
    public S takePending() {
        int top = size - 1;
        byte[] p = pending[top];
        source.reset(p, pendingPos[top], p.length);
        System.arraycopy(current, 0, scratch, 0, current.length);
        int changed = (int) source.varint();
        int index = -1;
        for (int k = 0; k < changed; k++) {
            index += (int) source.varint() + 1;
            scratch[index] = (int) (scratch[index] + source.zigzag());
        }
        pendingPos[top] = source.position();
        if (--pendingLeft[top] == 0) {
            pending[top] = null;
        }
        return vectors.fromVector(scratch.clone());
    }

    /** Bytes of the deltas held. */
    public long bytes() {
        return bytes.length();
    }

    private static void writeDelta(ByteSink out, int[] from, int[] to) {
        int changed = 0;
        for (int i = 0; i < from.length; i++) {
            if (from[i] != to[i]) {
                changed++;
            }
        }
        out.varint(changed);
        int last = -1;
        for (int i = 0; i < from.length; i++) {
            if (from[i] != to[i]) {
                out.varint(i - last - 1);
                out.zigzag((long) to[i] - from[i]);
                last = i;
            }
        }
    }
}
