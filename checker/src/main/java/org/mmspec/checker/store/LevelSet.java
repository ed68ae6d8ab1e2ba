package org.mmspec.checker.store;


/**
 * The fingerprints first reached in the BFS level being built, each with the least discovery key offered
 * for it so far, shared by the workers of a {@link StripedStore} search. The set is striped by fingerprint
 * ({@link StripedStore#stripe}) into many small open-addressing tables, each with its own lock (TLC's
 * {@code MultiFPSet} idea): workers rarely meet on one stripe, and a stripe grows without stopping the
 * others. Stripe {@code i} holds exactly the fingerprints that go into the main store's stripe {@code i}, so
 * the level can be committed stripe by stripe, in parallel.
 *
 * <p>{@link #offer} is thread-safe. {@link #keyOf} may be called by several threads at once once no
 * {@code offer} runs; {@link #commitStripe} and {@link #clearStripe} by one thread per stripe.
 */
public final class LevelSet {

    /** What {@link #offer} did. */
    public enum Offer {
        /** The fingerprint was not in the level: it is now, with the key offered. */
        NEW,
        /** The fingerprint was in the level with a larger key: its key is now the one offered. */
        LOWER,
        /** The fingerprint was in the level with a smaller key: nothing changed. */
        SEEN
    }

    static final int INITIAL_CAPACITY = 64;
    /**
     * Slots a stripe keeps on the Java heap at most; larger tables live off the heap ({@link LongArray}), so
     * a level of tens of millions of new states does not fill the launcher's 1 GiB heap (256 stripes of this
     * size are 64 MiB of heap).
     */
    static final int HEAP_SLOTS = 1 << 14;
    private static final long EMPTY = 0L;
    private static final long ZERO_STANDIN = 0x9E3779B97F4A7C15L;

    /**
     * One stripe, at most three quarters full: slot {@code i}'s fingerprint at {@code 2i} and its key at
     * {@code 2i + 1} of one array, so an offer that finds its fingerprint, or inserts it, touches one cache
     * line rather than one in a table of fingerprints and another in a table of keys.
     */
    private static final class Stripe {
        LongArray slots = allocate(INITIAL_CAPACITY);
        int capacity = INITIAL_CAPACITY;
        int size;

        void free() {
            slots.release();
        }
    }

    /**
     * A zeroed table of {@code slots} slots (two longs each); an {@link OutOfMemoryError} (the search stops)
     * when it cannot be had.
     */
    private static LongArray allocate(int slots) {
        LongArray a = LongArray.allocate(2L * slots, slots > HEAP_SLOTS);
        if (a == null) {
            throw new OutOfMemoryError("no memory for a level set stripe of " + slots + " slots");
        }
        return a;
    }

    private final Stripe[] stripes;
    private final boolean firstKeyWins;

    /** A level set of {@code stripeCount} stripes (a power of two, as {@link StripedStore#stripes()}). */
    public LevelSet(int stripeCount) {
        this(stripeCount, false);
    }

    /**
     * With {@code firstKeyWins}, a deliberately wrong level set for tests: the first key offered for a
     * fingerprint stays, whoever offers a smaller one later (the parent links then depend on timing).
     */
    public LevelSet(int stripeCount, boolean firstKeyWins) {
        if (Integer.bitCount(stripeCount) != 1) {
            throw new IllegalArgumentException("the stripe count must be a power of two: " + stripeCount);
        }
        this.stripes = new Stripe[stripeCount];
        for (int i = 0; i < stripeCount; i++) {
            stripes[i] = new Stripe();
        }
        this.firstKeyWins = firstKeyWins;
    }

    /** Number of stripes. */
    public int stripeCount() {
        return stripes.length;
    }

    /** What {@link #offerKey} answers for a new fingerprint. */
    public static final long NEW_KEY = -1;
    /** What {@link #offerKey} answers for a fingerprint whose key was smaller. */
    public static final long SEEN_KEY = -2;

    /** Offers {@code fingerprint} with discovery {@code key} (keys are distinct per offer). */
    public Offer offer(long fingerprint, long key) {
        long answer = offerKey(fingerprint, key);
        return answer == NEW_KEY ? Offer.NEW : answer == SEEN_KEY ? Offer.SEEN : Offer.LOWER;
    }

    /**
     * Offers {@code fingerprint} with discovery {@code key} ({@code >= 0}, distinct per offer): {@link #NEW_KEY}
     * when it was new, {@link #SEEN_KEY} when its key stays, else (it {@link Offer#LOWER lowered} the key)
     * the key it replaced, whose copy is then stale.
     */
    public long offerKey(long fingerprint, long key) {
        long fp = fingerprint == EMPTY ? ZERO_STANDIN : fingerprint;
        Stripe s = stripes[StripedStore.stripe(fingerprint, stripes.length)];
        synchronized (s) {
            LongArray slots = s.slots;
            int mask = s.capacity - 1;
            int i = home(fp) & mask;
            while (true) {
                long v = slots.get(2L * i);
                if (v == fp) {
                    long old = slots.get(2L * i + 1);
                    if (key < old && !firstKeyWins) {
                        slots.set(2L * i + 1, key);
                        return old;
                    }
                    return SEEN_KEY;
                }
                if (v == EMPTY) {
                    break;
                }
                i = (i + 1) & mask;
            }
            slots.set(2L * i, fp);
            slots.set(2L * i + 1, key);
            if (4L * ++s.size > 3L * s.capacity) {
                grow(s);
            }
            return NEW_KEY;
        }
    }

    /** The least key offered for {@code fingerprint} in this level, or -1 when it is not in the level. */
    public long keyOf(long fingerprint) {
        long fp = fingerprint == EMPTY ? ZERO_STANDIN : fingerprint;
        Stripe s = stripes[StripedStore.stripe(fingerprint, stripes.length)];
        LongArray slots = s.slots;
        int mask = s.capacity - 1;
        for (int i = home(fp) & mask; ; i = (i + 1) & mask) {
            long v = slots.get(2L * i);
            if (v == fp) {
                return slots.get(2L * i + 1);
            }
            if (v == EMPTY) {
                return -1;
            }
        }
    }

    /** Number of fingerprints in stripe {@code i}. */
    public int stripeSize(int i) {
        return stripes[i].size;
    }

    /** Hands every fingerprint of stripe {@code i} to {@code sink} (as stored: 0 as its stand-in). */
    void forEachInStripe(int i, java.util.function.LongPredicate sink) {
        Stripe s = stripes[i];
        for (int j = 0; j < s.capacity; j++) {
            long v = s.slots.get(2L * j);
            if (v != EMPTY && !sink.test(v)) {
                return;
            }
        }
    }

    /** Empties stripe {@code i} for the next level; a table that grew large is given back. */
    public void clearStripe(int i) {
        Stripe s = stripes[i];
        if (s.capacity > 1 << 16 && s.size < s.capacity / 8) {
            s.free();
            stripes[i] = new Stripe();
            return;
        }
        if (s.size > 0) {
            for (int j = 0; j < s.capacity; j++) {
                s.slots.set(2L * j, EMPTY);
            }
        }
        s.size = 0;
    }

    /** Gives every stripe's off-heap memory back; the set must not be used afterwards. */
    public void free() {
        for (Stripe s : stripes) {
            s.free();
        }
    }

    /** Bytes of the tables (16 per slot: 21 to 43 bytes per fingerprint of the level). */
    public long bytes() {
        long n = 0;
        for (Stripe s : stripes) {
            n += 16L * s.capacity;
        }
        return n;
    }

    private static void grow(Stripe s) {
        LongArray old = s.slots;
        int capacity = Math.multiplyExact(s.capacity, 2);
        LongArray slots = allocate(capacity);
        int mask = capacity - 1;
        for (int j = 0; j < s.capacity; j++) {
            long v = old.get(2L * j);
            if (v != EMPTY) {
                int i = home(v) & mask;
                while (slots.get(2L * i) != EMPTY) {
                    i = (i + 1) & mask;
                }
                slots.set(2L * i, v);
                slots.set(2L * i + 1, old.get(2L * j + 1));
            }
        }
        s.slots = slots;
        s.capacity = capacity;
        old.release();
    }

    /** The home slot: a mix independent of the stripe (which takes the top bits of another product). */
    private static int home(long fp) {
        long h = fp ^ (fp >>> 29);
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32));
    }
}
