package org.mmspec.checker.store;

/**
 * A set of 64-bit fingerprints: open addressing with linear probing over one {@link LongArray}, on the
 * heap while the table is small — at most 2^24 slots (about 15 million fingerprints) and at most a
 * sixteenth of the maximum heap; heap arrays are the fastest to probe — and off the heap beyond, so it
 * can grow past the heap.
 *
 * <p>Hand-written for speed and memory rather than taken from a collection library: no boxing, no
 * entry objects, one read per probe, 8 bytes per slot. {@code 0} marks an empty slot, so a fingerprint of
 * {@code 0} is stored as a fixed stand-in value (which then collides with that value, like any other
 * 64-bit collision). The home slot is {@code mix(fp) * capacity >>> 64} (Lemire's fast range, via
 * {@link Math#unsignedMultiplyHigh}), so the capacity need not be a power of two and can grow by a small
 * factor.
 *
 * <p><b>Memory.</b> The table grows by {@value #GROWTH}x when it would exceed a load of {@value #MAX_LOAD}
 * (tables under {@value #SMALL_TABLE} slots fill completely: probing them is bounded by their capacity).
 * Right after a growth from capacity {@code C} the table holds at least {@code 0.75C} fingerprints in at
 * most {@code 1.25C + 1} slots, so the worst case is {@code 8 * (1.25C + 1) / (0.75C)} bytes per
 * fingerprint: about 13.5 for {@code C >= 64} (13.3 for large tables), 10.7 at best. While growing, the old and the new table exist together
 * for a moment (about 2.25x the table); the old one is freed at once. When the memory for a larger table
 * cannot be had (the JVM's direct-memory limit), the set stops growing: {@link #outOfMemory()} turns true
 * and new fingerprints are refused ({@link Admission#FULL}).
 *
 * <p><b>Speed.</b> At a load of 0.75, linear probing needs about 2.5 probes to find a stored fingerprint
 * and about 8.5 to find an empty slot; averaged over the load range 0.6-0.75 the latter is about 5 (at
 * the 0.9 used before: 5.5 and 50, about 15 averaged). Probes read consecutive longs, so that is one or
 * two cache lines. Measured (16 million fingerprints, three look-ups of recent ones per insertion, off
 * the heap): 18% less CPU than at 0.9, for 12.8 bytes per fingerprint instead of 10.2.
 *
 * <p>Not thread-safe. (A parallel search gives each owner of a fingerprint range its own set.)
 */
public final class FingerprintSet {

    /** Maximum load of a table of {@value #SMALL_TABLE} slots or more. */
    static final double MAX_LOAD = 0.75;
    /** Growth factor of the capacity. */
    static final double GROWTH = 1.25;
    /** Tables smaller than this may fill completely. */
    static final int SMALL_TABLE = 64;

    private static final long EMPTY = 0L;
    private static final long ZERO_STANDIN = 0x9E3779B97F4A7C15L;

    private final long heapSlots;
    private long limit;
    private LongArray table = LongArray.allocate(1);
    private long capacity = 1;
    private long size;
    private long growAt = maxSize(1);
    private boolean outOfMemory;

    /** A set that holds at most {@code limit} fingerprints. */
    public FingerprintSet(long limit) {
        this(limit, Math.min(LongArray.HEAP_MAX, Runtime.getRuntime().maxMemory() / 16 / 8));
    }

    /** A set whose table moves off the heap once it has more than {@code heapSlots} slots. */
    FingerprintSet(long limit, long heapSlots) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        this.limit = limit;
        this.heapSlots = heapSlots;
    }

    /**
     * Adds {@code fingerprint} unless present.
     *
     * @return {@link Admission#NEW} if it was added, {@link Admission#SEEN} if it was present,
     *     {@link Admission#FULL} if it was absent but the set holds {@link #limit()} fingerprints already
     *     (or could not grow)
     */
    public Admission put(long fingerprint) {
        long fp = fingerprint == EMPTY ? ZERO_STANDIN : fingerprint;
        LongArray t = table;
        long c = capacity;
        long i = home(fp, c);
        for (long probes = 0; probes < c; probes++) {
            long v = t.get(i);
            if (v == fp) {
                return Admission.SEEN;
            }
            if (v == EMPTY) {
                break;
            }
            if (++i == c) {
                i = 0;
            }
        }
        if (size >= limit) {
            return Admission.FULL;
        }
        if (size == growAt) {
            if (!grow()) {
                return Admission.FULL;
            }
            insertAbsent(table, capacity, fp);
        } else {
            t.set(i, fp);
        }
        size++;
        return Admission.NEW;
    }

    /** True when {@code fingerprint} is in the set. */
    public boolean contains(long fingerprint) {
        long fp = fingerprint == EMPTY ? ZERO_STANDIN : fingerprint;
        LongArray t = table;
        long c = capacity;
        long i = home(fp, c);
        for (long probes = 0; probes < c; probes++) {
            long v = t.get(i);
            if (v == fp) {
                return true;
            }
            if (v == EMPTY) {
                return false;
            }
            if (++i == c) {
                i = 0;
            }
        }
        return false;
    }

    /** Number of fingerprints held. */
    public long size() {
        return size;
    }

    /** Most fingerprints this set will hold. */
    public long limit() {
        return limit;
    }

    /** True when the set could not grow for lack of memory (and so refuses new fingerprints). */
    public boolean outOfMemory() {
        return outOfMemory;
    }

    /**
     * Lowers {@link #limit()} to {@code newLimit} if that is lower (never below the current size): the
     * set then refuses new fingerprints from that size on. Fingerprints already held stay.
     */
    public void lowerLimit(long newLimit) {
        limit = Math.max(size, Math.min(limit, newLimit));
    }

    /** Bytes of the table (8 per slot). */
    public long bytes() {
        return 8L * capacity;
    }

    /** True when the table lives off the Java heap. */
    public boolean offHeap() {
        return table.offHeap();
    }

    /** Every fingerprint held, in table order (for checkpoints); {@code sink} gets each once. */
    public void forEach(java.util.function.LongConsumer sink) {
        for (long i = 0; i < capacity; i++) {
            long v = table.get(i);
            if (v != EMPTY) {
                sink.accept(v);
            }
        }
    }

    /**
     * Empties the set and keeps its table (for a set refilled over and over, as the reduction's set of the
     * next BFS level: a kept table is not grown again from one slot).
     */
    public void clear() {
        for (long i = 0; i < capacity; i++) {
            table.set(i, EMPTY);
        }
        size = 0;
    }

    /** Gives the table's memory back; the set must not be used afterwards. */
    public void free() {
        table.free();
    }

    private boolean grow() {
        long c = capacity;
        do {
            c = Math.max(c + 1, (long) Math.ceil(c * GROWTH));
        } while (maxSize(c) <= size);
        LongArray grown = LongArray.allocate(c, c > heapSlots);
        if (grown == null) {
            outOfMemory = true;
            lowerLimit(size);
            return false;
        }
        for (long i = 0; i < capacity; i++) {
            long fp = table.get(i);
            if (fp != EMPTY) {
                insertAbsent(grown, c, fp);
            }
        }
        table.free();
        table = grown;
        capacity = c;
        growAt = maxSize(c);
        return true;
    }

    private static void insertAbsent(LongArray t, long capacity, long fp) {
        long i = home(fp, capacity);
        while (t.get(i) != EMPTY) {
            if (++i == capacity) {
                i = 0;
            }
        }
        t.set(i, fp);
    }

    private static long home(long fp, long capacity) {
        return Math.unsignedMultiplyHigh(mix(fp), capacity);
    }

    /** The MurmurHash3 finaliser: spreads fingerprints that differ in few bits. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** How many fingerprints a table of {@code capacity} slots holds before it grows. */
    static long maxSize(long capacity) {
        return capacity < SMALL_TABLE ? capacity : (long) (capacity * MAX_LOAD);
    }
}
