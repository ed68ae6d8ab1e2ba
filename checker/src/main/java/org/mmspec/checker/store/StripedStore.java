package org.mmspec.checker.store;


/**
 * The visited states of a shared-memory parallel BFS: the fingerprints, striped by fingerprint bits into
 * {@link #stripes()} {@link FingerprintSet}s, and one parent link per state indexed by state id — the
 * sequential search's id, since a level's states are numbered in the sequential discovery order when the
 * level is committed.
 *
 * <p>The search freezes the store while it expands a level: every worker may then call {@link #contains}
 * at once (reads only; the barrier between phases publishes the last commit). New fingerprints gather in a
 * {@link LevelSet} and are committed at the level's end, stripe {@code i} of the level into stripe
 * {@code i} here ({@link #commitStripe}: one thread per stripe, several stripes at once), and the links are
 * appended in rank order by one thread ({@link #addLink}). So the stripes are the owners of the
 * fingerprints, each written by one thread at a time, and no worker waits for another to read.
 *
 * <p>Links are 32-bit while they fit and 64-bit beyond, as {@link StateStore}'s ({@link LinkColumn}).
 */
public final class StripedStore {

    /** Stripes of the main store and of a level set: enough that workers rarely meet on one. */
    public static final int STRIPES = 256;

    private final FingerprintSet[] sets;
    private final LinkColumn links;
    private final int threadBits;
    private final long limit;
    private boolean outOfMemory;

    /** A store for a system of {@code threadCount} threads, numbering at most {@code limit} states. */
    public StripedStore(int threadCount, long limit) {
        this.threadBits = StateStore.threadBitsFor(threadCount);
        this.links = new LinkColumn(threadBits);
        this.limit = Math.min(limit, StateStore.MAX_STATES);
        long heapSlots = Math.min(LongArray.HEAP_MAX, Runtime.getRuntime().maxMemory() / 16 / 8) / STRIPES;
        sets = new FingerprintSet[STRIPES];
        for (int i = 0; i < STRIPES; i++) {
            sets[i] = new FingerprintSet(StateStore.MAX_STATES, Math.max(1024, heapSlots));
        }
    }

    /** The stripe of {@code fingerprint} among {@code stripes} (a power of two): the top bits of a product. */
    public static int stripe(long fingerprint, int stripes) {
        return (int) ((fingerprint * 0x9E3779B97F4A7C15L) >>> (64 - Integer.numberOfTrailingZeros(stripes)));
    }

    /** Number of stripes. */
    public int stripes() {
        return STRIPES;
    }

    /** Admits the initial state, id 0; must come first. */
    public void admitInitial(long fingerprint) {
        sets[stripe(fingerprint, STRIPES)].put(fingerprint);
        links.add(0, 0, 0);
    }

    /** True when a committed level holds {@code fingerprint}. Thread-safe while nothing is committed. */
    public boolean contains(long fingerprint) {
        return sets[stripe(fingerprint, STRIPES)].contains(fingerprint);
    }

    /**
     * Adds stripe {@code i} of {@code level} to stripe {@code i} here; false when memory for it could not
     * be had ({@link #outOfMemory()}).
     */
    public boolean commitStripe(int i, LevelSet level) {
        FingerprintSet set = sets[i];
        boolean[] ok = {true};
        level.forEachInStripe(i, fp -> {
            ok[0] = set.put(fp) != Admission.FULL;
            return ok[0];
        });
        if (!ok[0]) {
            outOfMemory = true;
        }
        return ok[0];
    }

    /**
     * Appends the link of the next state id: reached from {@code parent} by {@code choice} of a step of
     * {@code thread}; false when memory for it could not be had.
     */
    public boolean addLink(long parent, int thread, int choice) {
        if (!links.add(parent, thread, choice)) {
            outOfMemory = true;
            return false;
        }
        return true;
    }

    /** States numbered: the committed levels' states. */
    public long size() {
        return links.size();
    }

    /** Most states this store numbers. */
    public long limit() {
        return limit;
    }

    /** True when memory for a stripe's table or for the links could not be had. */
    public boolean outOfMemory() {
        return outOfMemory;
    }

    /** Bytes of the fingerprint tables and the links. */
    public long bytes() {
        long n = links.bytes();
        for (FingerprintSet s : sets) {
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
        return LinkPaths.to(id, links::get, threadBits, choices);
    }

    /** Gives the off-heap memory back; the store must not be used afterwards. */
    public void free() {
        for (FingerprintSet s : sets) {
            s.free();
        }
        links.free();
    }
}
