package org.mmspec.spec.eval;

/**
 * The projections on an invariant's {@link ReadSet} of states the invariant held in, remembered in a
 * direct-mapped table: a state whose projection is in the table holds too, without evaluating the body
 * (the body is a function of those slots). Exact: an entry keeps every slot of the projection and is
 * compared whole, so a hash collision only costs an evaluation. Only passes are remembered; a failing state
 * is evaluated, and explained, every time. Most states of a search differ from some state checked before
 * only in what the invariant does not read (threads' frames, other globals), so most checks end here.
 *
 * <p>Not thread-safe: one memo per {@link SpecInvariant} instance, and a replica has its own.
 */
final class InvariantMemo {

    /** Memory of one memo's table, in {@code int}s (1 MiB). */
    private static final int TABLE_INTS = 1 << 18;
    /** Most entries per table. */
    private static final int MAX_ENTRIES = 1 << 14;
    /** A projection wider than this is not remembered: comparing it would cost about what evaluating does. */
    static final int MAX_WIDTH = 512;

    private final int[] slots;
    private final int width;
    private final int mask;
    /** Entry {@code i}'s projection at {@code i * width}. */
    private final int[] keys;
    private final boolean[] used;
    /** The entry {@link #holds} looked at last, to be filled by {@link #remember}. */
    private int probe;

    /** A memo over {@code slots} (ascending global slots; see {@link #of}). */
    private InvariantMemo(int[] slots) {
        this.slots = slots;
        this.width = slots.length;
        int entries = Integer.highestOneBit(Math.clamp(TABLE_INTS / Math.max(1, width), 64, MAX_ENTRIES));
        this.mask = entries - 1;
        this.keys = new int[entries * width];
        this.used = new boolean[entries];
    }

    /** A memo over {@code slots}, or null when the projection is too wide to be worth remembering. */
    static InvariantMemo of(int[] slots) {
        return slots.length > MAX_WIDTH ? null : new InvariantMemo(slots);
    }

    /** The slots projected on (for tests). */
    int[] slots() {
        return slots.clone();
    }

    /** True when the invariant held in a state with the same projection as {@code s}. */
    boolean holds(int[] s) {
        long h = 0x9E3779B97F4A7C15L;
        for (int slot : slots) {
            h = (h ^ s[slot]) * 0xBF58476D1CE4E5B9L;
        }
        h ^= h >>> 31;
        int i = (int) h & mask;
        probe = i;
        if (!used[i]) {
            return false;
        }
        int at = i * width;
        for (int k = 0; k < width; k++) {
            if (keys[at + k] != s[slots[k]]) {
                return false;
            }
        }
        return true;
    }

    /** Remembers that the invariant holds in {@code s}, the state {@link #holds} was last asked about. */
    void remember(int[] s) {
        int at = probe * width;
        for (int k = 0; k < width; k++) {
            keys[at + k] = s[slots[k]];
        }
        used[probe] = true;
    }
}
