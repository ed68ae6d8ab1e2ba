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
 * for a moment (about 2.25x the table); the old one is freed at once. A growth writes the new table front
 * to back ({@link TableRehash}). When the memory for a larger table
 * cannot be had (the JVM's direct-memory limit), the set stops growing: {@link #outOfMemory()} turns true
 * and new fingerprints are refused ({@link Admission#FULL}).
 *
 * <p><b>Speed.</b> At a load of 0.75, linear probing needs about 2.5 probes to find a stored fingerprint
 * and about 8.5 to find an empty slot; averaged over the load range 0.6-0.75 the latter is about 5 (at
 * the 0.9 used before: 5.5 and 50, about 15 averaged). Probes read consecutive longs, so that is one or
 * two cache lines. A one-off microbenchmark (not kept: 16 million fingerprints, three look-ups of recent
 * ones per insertion, off the heap, on a loaded machine) used 18% less CPU than at 0.9, for 12.8 bytes per
 * fingerprint instead of 10.2; on the spec benchmark models the difference was below the noise.
 *
 * <p>Not thread-safe. (A parallel search gives each owner of a fingerprint range its own set.)
 */
public final class FingerprintSet implements Fingerprints {

    /** Maximum load of a table of {@value #SMALL_TABLE} slots or more. */
    static final double MAX_LOAD = 0.75;
    /** Growth factor of the capacity. */
    static final double GROWTH = 1.25;
    /** Tables smaller than this may fill completely. */
    static final int SMALL_TABLE = 64;

    private static final long EMPTY = 0L;
    static final long ZERO_STANDIN = 0x9E3779B97F4A7C15L;
    private static final long MIX1 = 0xff51afd7ed558ccdL;
    private static final long MIX2 = 0xc4ceb9fe1a85ec53L;
    private static final long UNMIX1 = inverse(MIX1);
    private static final long UNMIX2 = inverse(MIX2);

    private final long heapSlots;
    private final boolean brokenGrowth;
    private long limit;
    private LongArray table = LongArray.allocate(1);
    private long capacity = 1;
    private long size;
    private long growAt = maxSize(1);
    private boolean outOfMemory;
    /** {@code -1}, or the number of keys the table holds sorted after {@link #sortMixed()}. */
    private long sorted = -1;
    /** {@link #touchAll}'s home slots. */
    private long[] homes = new long[16];

    /** A set that holds at most {@code limit} fingerprints. */
    public FingerprintSet(long limit) {
        this(limit, Math.min(LongArray.HEAP_MAX, Runtime.getRuntime().maxMemory() / 16 / 8));
    }

    /** A set whose table moves off the heap once it has more than {@code heapSlots} slots. */
    FingerprintSet(long limit, long heapSlots) {
        this(limit, heapSlots, false);
    }

    /**
     * As above; with {@code brokenGrowth}, a deliberately wrong set for tests, whose growth loses track of
     * fingerprints ({@link TableRehash#rehash}).
     */
    FingerprintSet(long limit, long heapSlots, boolean brokenGrowth) {
        this.brokenGrowth = brokenGrowth;
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        this.limit = limit;
        this.heapSlots = heapSlots;
    }

    /**
     * A set that holds at most {@code limit} fingerprints in one table allocated now, large enough for all
     * of them (it never grows); {@link #outOfMemory()} is true at once when that table cannot be had.
     */
    static FingerprintSet presized(long limit) {
        FingerprintSet set = new FingerprintSet(limit);
        long c = Math.max(limit + 1, (long) Math.ceil(limit / MAX_LOAD) + 1);
        LongArray t = LongArray.allocate(c, c > set.heapSlots);
        if (t == null) {
            set.outOfMemory = true;
            set.limit = 0;
            return set;
        }
        set.table = t;
        set.capacity = c;
        set.growAt = Math.max(limit, maxSize(c));
        return set;
    }

    /**
     * Adds {@code fingerprint} unless present.
     *
     * @return {@link Admission#NEW} if it was added, {@link Admission#SEEN} if it was present,
     *     {@link Admission#FULL} if it was absent but the set holds {@link #limit()} fingerprints already
     *     (or could not grow)
     */
    @Override
    public Admission put(long fingerprint) {
        if (sorted >= 0) {
            return contains(fingerprint) ? Admission.SEEN : Admission.FULL;
        }
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
    @Override
    public boolean contains(long fingerprint) {
        long fp = fingerprint == EMPTY ? ZERO_STANDIN : fingerprint;
        if (sorted >= 0) {
            return searchSorted(mix(fp));
        }
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

    @Override
    public long touch(long fingerprint) {
        return sorted >= 0 ? 0 : table.get(home(fingerprint == EMPTY ? ZERO_STANDIN : fingerprint, capacity));
    }

    /**
     * The home slots of {@code fps[0 .. n-1]} first, then their reads in a loop of their own, so that the reads
     * (cache misses, most of them) are issued back to back and overlap.
     */
    @Override
    public long touchAll(long[] fps, int n) {
        if (sorted >= 0) {
            return 0;
        }
        long[] at = homes;
        if (at.length < n) {
            at = homes = new long[Math.max(n, 2 * at.length)];
        }
        long c = capacity;
        for (int i = 0; i < n; i++) {
            at[i] = home(fps[i] == EMPTY ? ZERO_STANDIN : fps[i], c);
        }
        return table.sum(at, n);
    }

    /** Number of fingerprints held. */
    @Override
    public long size() {
        return size;
    }

    /** Most fingerprints this set will hold. */
    @Override
    public long limit() {
        return limit;
    }

    /** True when the set could not grow for lack of memory (and so refuses new fingerprints). */
    @Override
    public boolean outOfMemory() {
        return outOfMemory;
    }

    /**
     * Lowers {@link #limit()} to {@code newLimit} if that is lower (never below the current size): the
     * set then refuses new fingerprints from that size on. Fingerprints already held stay.
     */
    @Override
    public void lowerLimit(long newLimit) {
        limit = Math.max(size, Math.min(limit, newLimit));
    }

    /** Bytes of the table (8 per slot). */
    @Override
    public long bytes() {
        return 8L * capacity;
    }

    /** True when the table lives off the Java heap. */
    public boolean offHeap() {
        return table.offHeap();
    }

    /** Every fingerprint held, in table order (for checkpoints); {@code sink} gets each once. */
    @Override
    public void forEach(java.util.function.LongConsumer sink) {
        if (sorted >= 0) {
            for (long i = 0; i < sorted; i++) {
                sink.accept(unmix(table.get(i)));
            }
            return;
        }
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
        sorted = -1;
    }

    /** Gives the table's memory back; the set must not be used afterwards. */
    @Override
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
        TableRehash.rehash(table, capacity, grown, c, brokenGrowth);
        table.free();
        table = grown;
        capacity = c;
        growAt = maxSize(c);
        return true;
    }

    /** Puts {@code fp}, absent, at the first empty slot from its home on; that slot. */
    static long insertAbsent(LongArray t, long capacity, long fp) {
        long i = home(fp, capacity);
        while (t.get(i) != EMPTY) {
            if (++i == capacity) {
                i = 0;
            }
        }
        t.set(i, fp);
        return i;
    }

    /** The home slot of {@code fp} in a table of {@code capacity} slots (monotone in {@link #mix mix(fp)}). */
    static long home(long fp, long capacity) {
        return Math.unsignedMultiplyHigh(mix(fp), capacity);
    }

    /**
     * Sorts the table in place for a merge with a sorted file ({@link DiskFingerprintSet}): afterwards
     * {@link #sortedKey sortedKey(0 .. n-1)} are the {@link #mix mixed} fingerprints held, ascending as
     * unsigned numbers, where {@code n} is the count returned. The set stays sound while sorted (a look-up
     * binary-searches the keys; {@link #put} adds nothing) until {@link #clear()}.
     *
     * <p>The table is nearly in that order already: a fingerprint's home slot is its mixed value scaled
     * to the capacity, and linear probing only moves it forward within its cluster. So the keys are
     * gathered in slot order, those of the first cluster that wrapped around from the end moved to the
     * end, and an insertion sort fixes the rest in time proportional to the displacements (about the mean
     * probe length per key).
     */
    long sortMixed() {
        if (sorted >= 0) {
            return sorted;
        }
        long c = capacity;
        LongArray t = table;
        long e = 0;
        while (e < c && t.get(e) != EMPTY) {
            e++;
        }
        long[] first = new long[(int) Math.min(e, size)];
        for (int i = 0; i < first.length; i++) {
            first[i] = mix(t.get(i));
        }
        long body = 0;
        for (long i = e; i < c; i++) {
            long v = t.get(i);
            if (v != EMPTY) {
                t.set(body++, mix(v));
            }
        }
        TableSort.sortUnsigned(first);
        int low = 0;
        while (e < c && low < first.length && Math.unsignedMultiplyHigh(first[low], c) < e) {
            low++;
        }
        for (long i = body - 1; i >= 0; i--) {
            t.set(i + low, t.get(i));
        }
        for (int i = 0; i < first.length; i++) {
            t.set(i < low ? i : body + i, first[i]);
        }
        TableSort.insertionSortUnsigned(t, size);
        sorted = size;
        return sorted;
    }

    /** Key {@code i} of a table sorted by {@link #sortMixed()}. */
    long sortedKey(long i) {
        return table.get(i);
    }

    private boolean searchSorted(long key) {
        long lo = 0;
        long hi = sorted - 1;
        while (lo <= hi) {
            long mid = (lo + hi) >>> 1;
            int cmp = Long.compareUnsigned(table.get(mid), key);
            if (cmp == 0) {
                return true;
            }
            if (cmp < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return false;
    }

    /** The MurmurHash3 finaliser: spreads fingerprints that differ in few bits. A bijection ({@link #unmix}). */
    static long mix(long h) {
        h ^= h >>> 33;
        h *= MIX1;
        h ^= h >>> 33;
        h *= MIX2;
        h ^= h >>> 33;
        return h;
    }

    /** The inverse of {@link #mix}: {@code unmix(mix(h)) == h}. */
    static long unmix(long h) {
        h ^= h >>> 33;
        h *= UNMIX2;
        h ^= h >>> 33;
        h *= UNMIX1;
        h ^= h >>> 33;
        return h;
    }

    /** The multiplicative inverse of an odd {@code a} modulo 2^64 (Newton's iteration). */
    private static long inverse(long a) {
        long x = a;
        for (int i = 0; i < 6; i++) {
            x *= 2 - a * x;
        }
        return x;
    }

    /** How many fingerprints a table of {@code capacity} slots holds before it grows. */
    static long maxSize(long capacity) {
        return capacity < SMALL_TABLE ? capacity : (long) (capacity * MAX_LOAD);
    }
}
