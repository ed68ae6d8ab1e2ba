package org.mmspec.checker.store;

/**
 * A set of 64-bit fingerprints: open addressing over one {@code long[]} with linear probing.
 *
 * <p>Hand-written for speed and memory rather than taken from a collection library: no boxing, no
 * entry objects, one array read per probe, 8 bytes per slot. {@code 0} marks an empty slot, so a
 * fingerprint of {@code 0} is stored as a fixed stand-in value (which then collides with that value, like
 * any other 64-bit collision). The home slot is {@code mix(fp) * capacity >>> 64} (Lemire's fast range,
 * via {@link Math#unsignedMultiplyHigh}), so the capacity need not be a power of two and can grow by a
 * small factor.
 *
 * <p><b>Memory.</b> The table grows by {@value #GROWTH}x when it would exceed a load of {@value #MAX_LOAD}
 * (tables under {@value #SMALL_TABLE} slots fill completely: probing them is bounded by their capacity).
 * Right after a growth from capacity {@code C} the table holds at least {@code 0.9C} fingerprints in
 * at most {@code 1.25C + 1} slots, so the worst case is {@code 8 * (1.25C + 1) / (0.9C)} bytes per
 * fingerprint: at most 11.25 for {@code C >= 64}, at most 10 for the small tables. While growing, the
 * old and the new array exist together for a moment (about 2.25x the table).
 *
 * <p><b>Speed.</b> At a load of 0.9, linear probing needs about 5.5 probes to find a stored fingerprint
 * and about 50 to find an empty slot; averaged over the load range 0.72-0.9 the latter is about 15.
 * Probes read consecutive longs, so that is a few cache lines. This is the price of the memory bound
 * above.
 *
 * <p>Not thread-safe.
 */
public final class FingerprintSet {

    /** Maximum load of a table of {@value #SMALL_TABLE} slots or more. */
    static final double MAX_LOAD = 0.9;
    /** Growth factor of the capacity. */
    static final double GROWTH = 1.25;
    /** Tables smaller than this may fill completely. */
    static final int SMALL_TABLE = 64;
    /** Largest array the JVM reliably allocates. */
    static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;
    /** Most fingerprints the largest table holds. */
    public static final long MAX_SIZE = maxSize(MAX_CAPACITY);

    private static final long EMPTY = 0L;
    private static final long ZERO_STANDIN = 0x9E3779B97F4A7C15L;

    private long limit;
    private long[] table = new long[1];
    private long size;
    private long growAt = maxSize(1);

    /** A set that holds at most {@code limit} fingerprints (capped at {@link #MAX_SIZE}). */
    public FingerprintSet(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        this.limit = Math.min(limit, MAX_SIZE);
    }

    /**
     * Adds {@code fingerprint} unless present.
     *
     * @return {@link Admission#NEW} if it was added, {@link Admission#SEEN} if it was present,
     *     {@link Admission#FULL} if it was absent but the set holds {@link #limit()} fingerprints already
     */
    public Admission put(long fingerprint) {
        long fp = fingerprint == EMPTY ? ZERO_STANDIN : fingerprint;
        long[] t = table;
        int capacity = t.length;
        int i = home(fp, capacity);
        for (int probes = 0; probes < capacity; probes++) {
            long v = t[i];
            if (v == fp) {
                return Admission.SEEN;
            }
            if (v == EMPTY) {
                break;
            }
            if (++i == capacity) {
                i = 0;
            }
        }
        if (size >= limit) {
            return Admission.FULL;
        }
        if (size == growAt) {
            grow();
            insertAbsent(table, fp);
        } else {
            t[i] = fp;
        }
        size++;
        return Admission.NEW;
    }

    /** True when {@code fingerprint} is in the set. */
    public boolean contains(long fingerprint) {
        long fp = fingerprint == EMPTY ? ZERO_STANDIN : fingerprint;
        long[] t = table;
        int capacity = t.length;
        int i = home(fp, capacity);
        for (int probes = 0; probes < capacity; probes++) {
            long v = t[i];
            if (v == fp) {
                return true;
            }
            if (v == EMPTY) {
                return false;
            }
            if (++i == capacity) {
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

    /**
     * Lowers {@link #limit()} to {@code newLimit} if that is lower (never below the current size): the
     * set then refuses new fingerprints from that size on. Fingerprints already held stay.
     */
    public void lowerLimit(long newLimit) {
        limit = Math.max(size, Math.min(limit, newLimit));
    }

    /** Bytes of the table array's payload (8 per slot). */
    public long bytes() {
        return 8L * table.length;
    }

    private void grow() {
        int capacity = table.length;
        do {
            capacity = (int) Math.min(MAX_CAPACITY, Math.max(capacity + 1L, (long) Math.ceil(capacity * GROWTH)));
        } while (maxSize(capacity) <= size);
        long[] grown = new long[capacity];
        for (long fp : table) {
            if (fp != EMPTY) {
                insertAbsent(grown, fp);
            }
        }
        table = grown;
        growAt = maxSize(capacity);
    }

    private static void insertAbsent(long[] t, long fp) {
        int capacity = t.length;
        int i = home(fp, capacity);
        while (t[i] != EMPTY) {
            if (++i == capacity) {
                i = 0;
            }
        }
        t[i] = fp;
    }

    private static int home(long fp, int capacity) {
        return (int) Math.unsignedMultiplyHigh(mix(fp), capacity);
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
    static long maxSize(int capacity) {
        return capacity < SMALL_TABLE ? capacity : (long) (capacity * MAX_LOAD);
    }
}
