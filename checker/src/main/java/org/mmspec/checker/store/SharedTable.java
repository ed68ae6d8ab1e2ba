package org.mmspec.checker.store;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fingerprints of a shared-memory parallel BFS in one open-addressing table that the workers insert into
 * directly, with no lock, while they expand a level (the lockless hash table of LTSmin: Laarman, van de Pol,
 * Weber, "Boosting multi-core reachability performance with shared hash tables", FMCAD 2010). Slot {@code i}
 * is two longs side by side, so a probe that finds its fingerprint touches one cache line: the fingerprint
 * at {@code 2i} and a word at {@code 2i + 1}, {@code tag << 56 | key}, where the tag names the level that
 * reached the fingerprint and the key is the least discovery key offered for it in that level (a key is
 * {@code < 2^56}). A fingerprint is inserted by a compare-and-exchange of an empty slot; its word is 0 until
 * the first offer's key is written, and a key is lowered by a compare-and-exchange loop. So an offer tells
 * apart, in one probe and with no clearing pass between levels, a fingerprint stored in an earlier level
 * ({@link #OLD}: the successor is dropped), one new to the table ({@link #NEW_KEY}), one whose key in this
 * level was smaller ({@link #SEEN_KEY}), and one whose key it lowered (the key replaced).
 *
 * <p><b>Levels.</b> {@link #startLevel} (between phases, when no worker runs) gives the next level a fresh
 * tag. Tags are 7 bits: when they run out, every word is retagged as "earlier" in one pass, about once in 126
 * levels.
 *
 * <p><b>Growth.</b> Each worker counts its insertions in its own {@link Writer} and adds them to a shared
 * count every few dozen; when the count passes three quarters of the slots, the first worker to see it
 * allocates the larger table while the others go on offering into this one, then raises a flag, and the
 * workers double the table together at their next offers ({@link TableGrowth}); past seven eighths they stop
 * at their next offer whatever the allocation's progress, so the table never fills. When memory for the
 * larger table cannot be had, {@link #outOfMemory()} turns true and the offers waiting answer {@link #FULL}.
 *
 * <p>{@link #offer} and {@link #contains} are thread-safe; the other methods are called between phases.
 */
public final class SharedTable {

    /** Bits of the word that hold the key. */
    public static final int KEY_BITS = 56;
    /** The largest key. */
    public static final long MAX_KEY = (1L << KEY_BITS) - 1;
    /** What {@link #offer} answers for a fingerprint new to the table. */
    public static final long NEW_KEY = -1;
    /** What {@link #offer} answers for a fingerprint of this level whose key was smaller. */
    public static final long SEEN_KEY = -2;
    /** What {@link #offer} answers for a fingerprint stored in an earlier level ({@code SEEN_KEY - 1}). */
    public static final long OLD = -3;
    /** What {@link #offer} answers when the table could not grow: the search must stop. */
    public static final long FULL = -4;

    /** Fingerprint 0 as stored: the sequential store's stand-in, so both engines collide alike. */
    static final long ZERO_STANDIN = FingerprintSet.ZERO_STANDIN;
    /** Most slots a table grows to by default: twice the most states a store numbers. */
    public static final long MAX_SLOTS = 2 * StateStore.MAX_STATES;
    private static final long TAG_MASK = ~MAX_KEY;
    private static final long EARLIER = 1;
    private static final long MAX_TAG = 127;
    static final long MIN_SLOTS = 1024;

    /** A worker's own count of its insertions not yet added to the shared count (padded against false sharing). */
    public static final class Writer {
        long p0, p1, p2, p3, p4, p5, p6;
        int unflushed;
        long q0, q1, q2, q3, q4, q5, q6;
    }

    private final boolean firstKeyWins;
    private final long heapLongs;
    private final int writers;
    private final long maxSlots;
    private LongArray slots;
    private long capacity;
    private long mask;
    private int batch;
    private long threshold;
    /** Past it every worker stops at its next offer, even while the larger table is being allocated. */
    private long hardLimit;
    private long tag = EARLIER;
    private long tagWord = EARLIER << KEY_BITS;
    private final AtomicLong count = new AtomicLong();
    /** {@link #NONE}, {@link #PREPARE} (allocate the larger table) or {@link #GROW} (stop and move to it). */
    private final AtomicInteger growState = new AtomicInteger();
    static final int NONE = 0;
    static final int PREPARE = 1;
    static final int GROW = 2;
    private final TableGrowth growth = new TableGrowth(this);
    private boolean outOfMemory;
    private int grows;

    /**
     * A table of {@code slots} slots at first (a power of two, at least {@value #MIN_SLOTS}), for
     * {@code writers} workers, kept on the heap while it has at most {@code heapLongs} longs; with
     * {@code firstKeyWins}, a deliberately wrong table for tests: the first key offered for a fingerprint in
     * a level stays, whoever offers a smaller one later (the parent links then depend on timing).
     */
    public SharedTable(long slots, int writers, long heapLongs, boolean firstKeyWins) {
        this(slots, writers, heapLongs, firstKeyWins, MAX_SLOTS);
    }

    /** As above, growing to {@code maxSlots} slots at most (tests: a table that runs out of memory). */
    public SharedTable(long slots, int writers, long heapLongs, boolean firstKeyWins, long maxSlots) {
        if (Long.bitCount(slots) != 1 || slots < MIN_SLOTS || writers < 1) {
            throw new IllegalArgumentException("need a power of two >= " + MIN_SLOTS + " slots and a writer");
        }
        this.maxSlots = maxSlots;
        this.writers = writers;
        this.heapLongs = heapLongs;
        this.firstKeyWins = firstKeyWins;
        LongArray a = allocate(slots);
        if (a == null) {
            throw new OutOfMemoryError("no memory for a table of " + slots + " slots");
        }
        resize(a, slots);
    }

    private LongArray allocate(long slots) {
        return LongArray.allocate(2 * slots, 2 * slots > heapLongs);
    }

    private void resize(LongArray a, long slots) {
        this.slots = a;
        this.capacity = slots;
        this.mask = slots - 1;
        this.batch = (int) Math.max(1, Math.min(64, slots / (32L * writers)));
        this.threshold = slots / 4 * 3;
        this.hardLimit = slots / 8 * 7;
    }

    /** A worker's insertion count. */
    public Writer newWriter() {
        return new Writer();
    }

    /** Starts building the next level: its states get a tag of their own (between phases). */
    public void startLevel() {
        if (tag == MAX_TAG) {
            for (long i = 0; i < capacity; i++) {
                if (slots.get(2 * i) != 0) {
                    slots.set(2 * i + 1, EARLIER << KEY_BITS | slots.get(2 * i + 1) & MAX_KEY);
                }
            }
            tag = EARLIER;
        }
        tag++;
        tagWord = tag << KEY_BITS;
    }

    /** Stores the initial state's fingerprint, level 0 (before the first {@link #startLevel}). */
    public void admitInitial(long fingerprint) {
        Writer w = newWriter();
        offer(fingerprint, 0, w);
        flush(w);
    }

    /**
     * Offers {@code fingerprint} reached with discovery {@code key} ({@code 0 .. MAX_KEY}, distinct per offer)
     * for the level being built: {@link #OLD} when an earlier level holds it, {@link #NEW_KEY} when it was
     * new, {@link #SEEN_KEY} when its key in this level stays, {@link #FULL} when the table could not grow,
     * else (it lowered the key) the key it replaced, whose copy is then stale.
     */
    public long offer(long fingerprint, long key, Writer writer) {
        int g = growState.get();
        if (g != NONE) {
            if (g == PREPARE) {
                growth.prepare();      // by the first worker to see it; the others go on
            }
            if (growState.get() == GROW && !growth.rendezvous(writer)) {
                return FULL;
            }
        }
        long fp = fingerprint == 0 ? ZERO_STANDIN : fingerprint;
        LongArray a = slots;
        long m = mask;
        long mine = tagWord | key;
        for (long i = home(fp, m); ; i = (i + 1) & m) {
            long v = a.get(2 * i);
            // an empty slot is claimed; a claim lost to another worker leaves v its fingerprint, taken below as
            // any occupied slot is: no branch of its own, which the JIT, never having seen it taken, would
            // compile as a trap, throwing away the workers' compiled expansion loop the first time a race
            // comes (hand-written for speed)
            v = v == 0 ? a.compareAndExchange(2 * i, 0, fp) : v;
            if (v == 0) {
                if (++writer.unflushed >= batch) {
                    flush(writer);
                }
                return lower(a, 2 * i + 1, 0, mine);
            }
            if (v == fp) {
                return lower(a, 2 * i + 1, a.get(2 * i + 1), mine);
            }
        }
    }

    /**
     * Reads the slot where an offer of {@code fingerprint} starts and returns what it holds, so that its cache
     * miss overlaps the caller's next work (hand-written for speed); by a worker between two of its offers
     * (the table is not replaced then: a growth waits for every offering worker).
     */
    public long touch(long fingerprint) {
        return slots.get(2 * home(fingerprint == 0 ? ZERO_STANDIN : fingerprint, mask));
    }

    /**
     * Writes {@code mine} into the word at {@code at} (believed {@code w}) if it is this level's least.
     *
     * <p>Hand-written for speed: the answers are told apart by arithmetic, with one branch for "the word
     * stays" and none for which answer it is, nor for whether a key was replaced. A branch of its own for a
     * case the first levels never show (a fingerprint offered twice in a level, a key lowered, which two
     * workers do only once the levels are cut in chunks) would be compiled by the JIT as a trap, and the first
     * such offer after compilation would throw away the workers' compiled expansion loop, for the compiler
     * to build again while both cores are wanted by the workers.
     */
    private long lower(LongArray a, long at, long w, long mine) {
        while (true) {
            long nonZero = (w | -w) >>> 63;                                  // 1: the word holds a key
            long older = ((w ^ tagWord) & TAG_MASK | -((w ^ tagWord) & TAG_MASK)) >>> 63;   // 1: another level's
            long smaller = (w - mine) >>> 63;                                 // 1: w < mine (both >= 0)
            long stays = nonZero & (older | smaller | (firstKeyWins ? 1 : 0));
            if (stays != 0) {
                return SEEN_KEY - older;                                      // OLD is SEEN_KEY - 1
            }
            long witness = a.compareAndExchange(at, w, mine);
            if (witness == w) {
                return w & MAX_KEY | nonZero - 1;                             // NEW_KEY (-1) for an empty word
            }
            w = witness;
        }
    }

    /**
     * True when a level built before the one being built holds {@code fingerprint}: the levels up to the one
     * being expanded, what the sequential search's store holds when it expands this level's states.
     */
    public boolean contains(long fingerprint) {
        long w = wordOf(fingerprint);
        return w > 0 && (w & TAG_MASK) != tagWord;
    }

    /** The least key offered for {@code fingerprint} in the level being built, or -1 when it is not in it. */
    public long keyOf(long fingerprint) {
        long w = wordOf(fingerprint);
        return w > 0 && (w & TAG_MASK) == tagWord ? w & MAX_KEY : -1;
    }

    /**
     * The word of {@code fingerprint}'s slot ({@code tag << 56 | key}; 0 while its first offer is writing it),
     * or -1 when the table does not hold it. A word is never negative: tags are at most {@value #MAX_TAG}.
     */
    private long wordOf(long fingerprint) {
        long fp = fingerprint == 0 ? ZERO_STANDIN : fingerprint;
        LongArray a = slots;
        long m = mask;
        for (long i = home(fp, m); ; i = (i + 1) & m) {
            long v = a.get(2 * i);
            if (v == fp) {
                return a.getVolatile(2 * i + 1);
            }
            if (v == 0) {
                return -1;
            }
        }
    }

    /** A worker starts offering (before its first offer of a phase; {@link TableGrowth#enter}). */
    public void enter() {
        growth.enter();
    }

    /** A worker stops offering for this phase, always, even when it fails ({@link TableGrowth#leave}). */
    public void leave(Writer writer) {
        growth.leave(writer);
    }

    /**
     * Adds the writer's count to the shared count; past the threshold asks for the larger table, past the
     * hard limit for the growth. (A count is at most {@code writers * batch}, a thirty-second of the slots,
     * behind: the table is never more than about 29/32 full.)
     */
    void flush(Writer writer) {
        long c = count.addAndGet(writer.unflushed);
        if (c > hardLimit) {
            growState.set(GROW);
        } else if (c > threshold) {
            growState.compareAndSet(NONE, PREPARE);
        }
        writer.unflushed = 0;
    }

    /** Every worker is to stop at its next offer and move to the larger table. */
    void requestGrowth() {
        growState.set(GROW);
    }

    /** True when the workers are to stop at their next offer for a growth. */
    boolean growPending() {
        return growState.get() == GROW;
    }

    /** The larger table of a growth, or null when it cannot be had ({@link #outOfMemory()} turns true). */
    LongArray larger() {
        long larger = 2 * capacity;
        LongArray a = larger > maxSlots ? null : allocate(larger);
        outOfMemory |= a == null;
        return a;
    }

    /** The growth filled {@code larger} with all {@code n} fingerprints: it replaces the table. */
    void replace(LongArray larger, long n) {
        slots.release();
        resize(larger, larger.length() / 2);
        count.set(n);
        grows++;
        growState.set(NONE);
    }

    /** The current table (read by a growth while every worker waits). */
    LongArray slots() {
        return slots;
    }

    /** The home slot of {@code fp} in a table of {@code mask + 1} slots. */
    static long home(long fp, long mask) {
        return home(fp) & mask;
    }

    /** Fingerprints in the table (exact between phases). */
    public long size() {
        return count.get();
    }

    /** Slots of the table. */
    public long capacity() {
        return capacity;
    }

    /** Times the table grew. */
    public int grows() {
        return grows;
    }

    /** For tests: the larger table is being allocated by a worker that never finishes ({@link TableGrowth#prepare}). */
    void claimPreparation() {
        growth.claimPreparation();
    }

    /** Times the table grew into a larger one allocated while the other workers went on offering. */
    public int growsPrepared() {
        return growth.prepared();
    }

    /** True when memory for a larger table could not be had. */
    public boolean outOfMemory() {
        return outOfMemory;
    }

    /** Bytes of the table (16 per slot: 21 to 43 bytes per fingerprint). */
    public long bytes() {
        return 16 * capacity;
    }

    /** Gives the off-heap memory back; the table must not be used afterwards. */
    public void free() {
        slots.free();
    }

    /** The home slot of a fingerprint: a mix of its bits. */
    private static long home(long fp) {
        long h = fp ^ (fp >>> 29);
        h *= 0xBF58476D1CE4E5B9L;
        return h ^ (h >>> 32);
    }
}
