package org.mmspec.checker.explore;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.mmspec.checker.store.StateStore;

/**
 * The nodes the last preemption bound did not enter, to tell afterwards whether any of them was missed
 * (never stored by another path). Keys already stored when pruned are not kept; at most
 * {@value #MAX_KEPT} others are kept (8 bytes each), and beyond that the search counts as bounded.
 */
final class PrunedNodes {

    static final int MAX_KEPT = 1 << 20;

    private long[] keys = new long[16];
    private int size;
    private boolean overflowed;

    /** A preempting step to the node with {@code key} was dropped. */
    void add(long key, StateStore store) {
        if (overflowed || store.contains(key)) {
            return;
        }
        if (size == MAX_KEPT) {
            overflowed = true;
            return;
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, 2 * size);
        }
        keys[size++] = key;
    }

    /** True when some dropped node was never stored: the search did not cover every reachable node. */
    boolean anyMissing(StateStore store) {
        if (overflowed) {
            return true;
        }
        for (int i = 0; i < size; i++) {
            if (!store.contains(keys[i])) {
                return true;
            }
        }
        return false;
    }

    /** Writes the kept keys (for a checkpoint). */
    void writeTo(DataOutput out) throws IOException {
        out.writeBoolean(overflowed);
        out.writeInt(size);
        for (int i = 0; i < size; i++) {
            out.writeLong(keys[i]);
        }
    }

    /** Reads what {@link #writeTo} wrote into these (empty) pruned nodes. */
    void readFrom(DataInput in) throws IOException {
        overflowed = in.readBoolean();
        int n = in.readInt();
        if (n < 0 || n > MAX_KEPT) {
            throw new IOException("the stored pruned nodes are damaged");
        }
        keys = new long[Math.max(16, n)];
        for (int i = 0; i < n; i++) {
            keys[i] = in.readLong();
        }
        size = n;
    }
}
