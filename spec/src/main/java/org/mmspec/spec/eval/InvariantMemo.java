package org.mmspec.spec.eval;

/**
 * The projections on an invariant's {@link ReadSet} of states the invariant held in, remembered in an
 * open-addressing hash set: a state whose projection is in the set holds too, without evaluating the body
 * (the body is a function of those slots). Exact: an entry keeps every slot of the projection and is
 * compared whole, so a hash collision only costs a comparison. Only passes are remembered; a failing state is
 * evaluated, and explained, every time. Most states of a search differ from some state checked before only
 * in what the invariant does not read (threads' frames, other globals), so most checks end here: on the
 * bench model's {@code small} scenario (728,357 states) its seven invariants see 4 to 11,623 distinct
 * projections. The set starts small and doubles at half full (so a narrow invariant's table stays in the
 * cache) up to {@link #MAX_INTS}; a full set remembers nothing more.
 *
 * <p>Not thread-safe: one memo per {@link SpecInvariant} instance, and a replica has its own.
 */
final class InvariantMemo {

    /** Most memory of one memo's keys, in {@code int}s (4 MiB). */
    private static final int MAX_INTS = 1 << 20;
    private static final int FIRST_ENTRIES = 64;
    /** A projection wider than this is not remembered: comparing it would cost about what evaluating does. */
    static final int MAX_WIDTH = 512;

    private final int[] slots;
    private final int width;
    /** An odd multiplier per slot of the projection: the hash sums independent products (no chain). */
    private final long[] weights;
    /** Entry {@code i}'s projection at {@code i * width}. */
    private int[] keys;
    /** Entry {@code i}'s hash, never 0; 0 for an empty entry. */
    private int[] hashes;
    private int mask;
    private int used;
    /** The hash {@link #holds} computed last, for {@link #remember}. */
    private int lastHash;
    /**
     * The entry {@link #holds} found last, or -1: a search checks state after state that differ in what the
     * invariant does not read (siblings, cousins), so the next state's projection is most often that entry's,
     * which {@link #holds} compares first, before hashing. Entries never move but when the table grows, which
     * forgets it.
     */
    private int lastEntry = -1;

    /** A memo over {@code slots} (ascending global slots; see {@link #of}). */
    private InvariantMemo(int[] slots) {
        this.slots = slots;
        this.width = slots.length;
        this.weights = new long[width];
        long w = 0x2545F4914F6CDD1DL;
        for (int k = 0; k < width; k++) {
            w += 0x9E3779B97F4A7C15L;
            weights[k] = (w ^ (w >>> 31)) * 0xBF58476D1CE4E5B9L | 1;
        }
        allocate(FIRST_ENTRIES);
    }

    /** A memo over {@code slots}, or null when the projection is too wide to be worth remembering. */
    static InvariantMemo of(int[] slots) {
        return slots.length > MAX_WIDTH ? null : new InvariantMemo(slots);
    }

    private void allocate(int entries) {
        keys = new int[entries * width];
        hashes = new int[entries];
        mask = entries - 1;
        used = 0;
        lastEntry = -1;
    }

    /** True when the invariant held in a state with the same projection as {@code s}. */
    boolean holds(int[] s) {
        if (lastEntry >= 0 && same(s, lastEntry * width)) {
            return true;
        }
        long h = 0;
        for (int k = 0; k < width; k++) {
            h += s[slots[k]] * weights[k];
        }
        h = (h ^ (h >>> 32)) * 0x94D049BB133111EBL;
        int hash = (int) (h ^ h >>> 29) | 1;
        lastHash = hash;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            int e = hashes[i];
            if (e == 0) {
                return false;
            }
            if (e == hash && same(s, i * width)) {
                lastEntry = i;
                return true;
            }
        }
    }

    private boolean same(int[] s, int at) {
        for (int k = 0; k < width; k++) {
            if (keys[at + k] != s[slots[k]]) {
                return false;
            }
        }
        return true;
    }

    /** Remembers that the invariant holds in {@code s}, the state {@link #holds} was last asked about (false). */
    void remember(int[] s) {
        if (2 * (used + 1) > hashes.length && !grow()) {
            return;
        }
        int i = lastHash & mask;
        while (hashes[i] != 0) {
            i = (i + 1) & mask;
        }
        hashes[i] = lastHash;
        for (int k = 0; k < width; k++) {
            keys[i * width + k] = s[slots[k]];
        }
        used++;
        lastEntry = i;
    }

    /** Doubles the table, keeping its entries; false when it may not grow. */
    private boolean grow() {
        int entries = 2 * hashes.length;
        if ((long) entries * width > MAX_INTS) {
            return 2 * (used + 1) <= hashes.length + hashes.length / 2;      // fill to 3/4, then stop
        }
        int[] oldKeys = keys;
        int[] oldHashes = hashes;
        allocate(entries);
        for (int j = 0; j < oldHashes.length; j++) {
            if (oldHashes[j] != 0) {
                int i = oldHashes[j] & mask;
                while (hashes[i] != 0) {
                    i = (i + 1) & mask;
                }
                hashes[i] = oldHashes[j];
                System.arraycopy(oldKeys, j * width, keys, i * width, width);
                used++;
            }
        }
        return true;
    }
}
