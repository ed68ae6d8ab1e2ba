package org.mmspec.checker.explore;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.mmspec.checker.frontier.DeltaStack;
import org.mmspec.checker.frontier.SpillSpace;
import org.mmspec.spec.semantics.StateVectors;

/**
 * The depth-first search stack: per frame a state, its id, the next thread to try, whether any thread
 * could move, and the successors of the thread being expanded that are still to be tried (only when its
 * step had more than one). For a system with {@link StateVectors} the frames are kept as deltas
 * ({@link DeltaStack}: a few bytes per frame, the bottom ones spilled to disk past the frontier's memory
 * budget, and the whole stack written to and read from a checkpoint); otherwise as objects. The top
 * frame's depth is {@code size() - 1}.
 */
final class DfsStack<S> implements AutoCloseable {

    /** Meta words of a vector frame: its id, the next thread, and (taken pending successors << 1 | moved). */
    private static final int ID = 0;
    private static final int NEXT_THREAD = 1;
    private static final int TAKEN_MOVED = 2;

    private final DeltaStack<S> deltas;
    private Object[] states;
    private Object[][] pending;
    /** Per frame (objects only): how many pending successors were taken (the last one's choice number). */
    private int[] pendingTaken;
    private long[] ids;
    private int[] nextThread;
    private boolean[] moved;
    private int size;

    /** A stack for states of {@code vectors} (spilling in {@code space}), or of objects when it is null. */
    DfsStack(StateVectors<S> vectors, SpillSpace space) {
        this.deltas = vectors == null ? null : new DeltaStack<>(vectors, 3, space);
        if (deltas == null) {
            states = new Object[16];
            pending = new Object[16][];
            pendingTaken = new int[16];
            ids = new long[16];
            nextThread = new int[16];
            moved = new boolean[16];
        }
    }

    /** Pushes a frame; false when the stack had to spill and the disk refused ({@link SpillSpace#failure()}). */
    boolean push(S state, long id) {
        if (deltas != null) {
            boolean kept = deltas.push(state);
            deltas.setMeta(ID, id);
            return kept;
        }
        if (size == ids.length) {
            int n = 2 * size;
            ids = Arrays.copyOf(ids, n);
            nextThread = Arrays.copyOf(nextThread, n);
            moved = Arrays.copyOf(moved, n);
            states = Arrays.copyOf(states, n);
            pending = Arrays.copyOf(pending, n);
            pendingTaken = Arrays.copyOf(pendingTaken, n);
        }
        states[size] = state;
        pending[size] = null;
        ids[size] = id;
        nextThread[size] = 0;
        moved[size] = false;
        size++;
        return true;
    }

    /** Pops the top frame; it has no pending successors left. */
    void pop() {
        if (deltas != null) {
            deltas.pop();
        } else {
            states[--size] = null;
        }
    }

    boolean isEmpty() {
        return size() == 0;
    }

    int size() {
        return deltas != null ? deltas.size() : size;
    }

    @SuppressWarnings("unchecked")
    S topState() {
        return deltas != null ? deltas.top() : (S) states[size - 1];
    }

    long topId() {
        return deltas != null ? deltas.meta(ID) : ids[size - 1];
    }

    int topDepth() {
        return size() - 1;
    }

    /** The next thread the top frame tries, advancing past it; equals the thread count once all were tried. */
    int takeNextThread() {
        if (deltas != null) {
            long t = deltas.meta(NEXT_THREAD);
            deltas.setMeta(NEXT_THREAD, t + 1);
            return (int) t;
        }
        return nextThread[size - 1]++;
    }

    void markMoved() {
        if (deltas != null) {
            deltas.setMeta(TAKEN_MOVED, deltas.meta(TAKEN_MOVED) | 1);
        } else {
            moved[size - 1] = true;
        }
    }

    boolean topMoved() {
        return deltas != null ? (deltas.meta(TAKEN_MOVED) & 1) != 0 : moved[size - 1];
    }

    /**
     * Keeps successors {@code 1 ..} of the thread the top frame took last (its successor 0 is being tried
     * now), in {@code moves}; {@link #takePending} hands them out before the frame tries another thread.
     */
    void holdPending(Moves<S> moves) {
        Object[] rest = moves.tail(1);
        if (deltas != null) {
            deltas.holdPending(rest, 0, rest.length);
            deltas.setMeta(TAKEN_MOVED, deltas.meta(TAKEN_MOVED) & 1);
        } else {
            pending[size - 1] = rest;
            pendingTaken[size - 1] = 0;
        }
    }

    /** True when the top frame has successors of its last thread still to try. */
    boolean hasPending() {
        return deltas != null ? deltas.hasPending() : pending[size - 1] != null;
    }

    /** The thread whose successors are pending: the one the frame took last. */
    int pendingThread() {
        return (deltas != null ? (int) deltas.meta(NEXT_THREAD) : nextThread[size - 1]) - 1;
    }

    /** The next pending successor of the top frame, advancing past it, and its choice number in {@code choice[0]}. */
    @SuppressWarnings("unchecked")
    S takePending(int[] choice) {
        if (deltas != null) {
            long tm = deltas.meta(TAKEN_MOVED);
            deltas.setMeta(TAKEN_MOVED, tm + 2);
            choice[0] = (int) (tm >>> 1) + 1;
            return deltas.takePending();
        }
        int top = size - 1;
        int taken = pendingTaken[top]++;
        choice[0] = taken + 1;
        Object[] rest = pending[top];
        S next = (S) rest[taken];
        if (taken + 1 == rest.length) {
            pending[top] = null;
        }
        return next;
    }

    /** Writes every frame, for a checkpoint (vector states only). */
    void writeTo(DataOutputStream out) throws IOException {
        deltas.writeTo(out);
    }

    /** Reads the frames {@link #writeTo} wrote; false when they do not fit the disk budget. */
    boolean readFrom(DataInputStream in) throws IOException {
        return deltas.readFrom(in);
    }

    @Override
    public void close() {
        if (deltas != null) {
            deltas.close();
        }
    }
}
