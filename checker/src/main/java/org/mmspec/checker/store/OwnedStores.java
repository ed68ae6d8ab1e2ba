package org.mmspec.checker.store;

import java.util.Arrays;

/**
 * The visited states of a search partitioned by fingerprint ownership: owner {@code fingerprint mod N} keeps
 * a state in its own {@link StateStore}, and state ids are global, {@code id = localId * N + owner}, so a
 * parent link in one owner's store may name a state of another owner. Traces are rebuilt across owners.
 *
 * <p>During a parallel search's expansion phase every owner may read every store ({@link #contains}) while
 * nobody writes; during the admission phase each owner writes only its own store. The stores themselves
 * are not thread-safe: the phases keep reads and writes apart.
 */
public final class OwnedStores {

    private final StateStore[] stores;
    private long root = -1;

    /** {@code owners} stores for a system of {@code threadCount} threads, each holding at most {@code limit}. */
    public OwnedStores(int owners, int threadCount, long limit) {
        if (owners < 1) {
            throw new IllegalArgumentException("need at least one owner: " + owners);
        }
        stores = new StateStore[owners];
        for (int i = 0; i < owners; i++) {
            stores[i] = new StateStore(threadCount, limit);
        }
    }

    /** Number of owners. */
    public int owners() {
        return stores.length;
    }

    /** The owner of a fingerprint: {@code fingerprint mod N}, unsigned. */
    public int owner(long fingerprint) {
        return (int) Long.remainderUnsigned(fingerprint, stores.length);
    }

    /** The store of {@code owner}. */
    public StateStore store(int owner) {
        return stores[owner];
    }

    /** The global id of {@code owner}'s state {@code localId}. */
    public long globalId(int owner, long localId) {
        return localId * stores.length + owner;
    }

    /** Admits the initial state into its owner's store; must come first. Returns its global id. */
    public long admitInitial(long fingerprint) {
        int o = owner(fingerprint);
        stores[o].admitInitial(fingerprint);
        root = globalId(o, 0);
        return root;
    }

    /** True when some owner admitted {@code fingerprint}. */
    public boolean contains(long fingerprint) {
        return stores[owner(fingerprint)].contains(fingerprint);
    }

    /** States admitted by all owners. */
    public long size() {
        long n = 0;
        for (StateStore s : stores) {
            n += s.size();
        }
        return n;
    }

    /** Bytes of every owner's store. */
    public long bytes() {
        long n = 0;
        for (StateStore s : stores) {
            n += s.bytes();
        }
        return n;
    }

    /** The threads that moved, in order, on the path by which state {@code id} was first reached. */
    public int[] scheduleTo(long id) {
        return path(id, false);
    }

    /** The choices taken on the same path as {@link #scheduleTo}. */
    public int[] choicesTo(long id) {
        return path(id, true);
    }

    private int[] path(long id, boolean choices) {
        int[] reversed = new int[16];
        int length = 0;
        int n = stores.length;
        for (long current = id; current != root; ) {
            StateStore s = stores[(int) (current % n)];
            long local = current / n;
            if (length == reversed.length) {
                reversed = Arrays.copyOf(reversed, 2 * length);
            }
            reversed[length++] = choices ? s.choiceOf(local) : s.threadOf(local);
            current = s.parentOf(local);
        }
        int[] out = new int[length];
        for (int i = 0; i < length; i++) {
            out[i] = reversed[length - 1 - i];
        }
        return out;
    }

    /** Gives every store's off-heap memory back. */
    public void free() {
        for (StateStore s : stores) {
            s.free();
        }
    }
}
