package org.mmspec.ref.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The accesses of one step (in CHECK mode) and its footprint (in every audit mode). */
final class AccessLog {

    private final List<Access> accesses = new ArrayList<>();
    private long[] reads = new long[64];
    private long[] writes = new long[64];
    private int[] locks = new int[8];
    private int nReads;
    private int nWrites;
    private int nLocks;

    void clear() {
        accesses.clear();
        nReads = 0;
        nWrites = 0;
        nLocks = 0;
    }

    int add(Access a) {
        accesses.add(a);
        return accesses.size() - 1;
    }

    Access get(int i) {
        return accesses.get(i);
    }

    int size() {
        return accesses.size();
    }

    List<Access> accesses() {
        return List.copyOf(accesses);
    }

    void touch(int word, int mask, boolean write) {
        long e = (long) word << 32 | (mask & 0xFFFF_FFFFL);
        if (write) {
            if (nWrites == writes.length) {
                writes = Arrays.copyOf(writes, nWrites * 2);
            }
            writes[nWrites++] = e;
        } else {
            if (nReads == reads.length) {
                reads = Arrays.copyOf(reads, nReads * 2);
            }
            reads[nReads++] = e;
        }
    }

    void touchScoped(int encoded) {
        for (int i = 0; i < nLocks; i++) {
            if (locks[i] == encoded) {
                return;
            }
        }
        if (nLocks == locks.length) {
            locks = Arrays.copyOf(locks, nLocks * 2);
        }
        locks[nLocks++] = encoded;
    }

    Footprint footprint() {
        long[] w = Arrays.stream(writes, 0, nWrites).distinct().sorted().toArray();
        long[] r = Arrays.stream(reads, 0, nReads).distinct().filter(x -> Arrays.binarySearch(w, x) < 0).sorted()
                .toArray();
        return new Footprint(r, w, Arrays.copyOf(locks, nLocks));
    }
}
