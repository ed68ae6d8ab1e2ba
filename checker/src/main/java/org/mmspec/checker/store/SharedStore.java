package org.mmspec.checker.store;


/**
 * The visited states of a shared-memory parallel BFS: the fingerprints in one {@link SharedTable} that the
 * workers insert into directly while they expand a level, and one parent link per state indexed by state id
 * — the sequential search's id, since the links of a level are appended in the sequential discovery order
 * once the level is settled ({@link #addLink}, by one thread).
 *
 * <p>Links are 32-bit while they fit and 64-bit beyond, as {@link StateStore}'s ({@link LinkColumn}).
 */
public final class SharedStore {

    private final SharedTable table;
    private final LinkColumn links;
    private final int threadBits;
    private final long limit;
    private boolean outOfMemory;

    /**
     * A store for a system of {@code threadCount} threads, numbering at most {@code limit} states, its table
     * of {@code slots} slots at first (0 for the default) and at most {@code maxSlots} (0: no bound but the
     * memory's), written by {@code writers} workers; with {@code firstKeyWins} the table is deliberately wrong
     * (tests: {@link SharedTable}).
     */
    public SharedStore(int threadCount, long limit, long slots, long maxSlots, int writers, boolean firstKeyWins) {
        this.threadBits = StateStore.threadBitsFor(threadCount);
        this.links = new LinkColumn(threadBits);
        this.limit = Math.min(limit, StateStore.MAX_STATES);
        // off the heap from the start (0 heap longs): a table that moved off the heap mid-search made the JIT
        // throw away and recompile the workers' whole expansion loop (its heap-array branch had been cold), a
        // cost two workers on two cores pay in wall time; off-heap probes cost no more per state here (h24d).
        // The least table at first, for the same reason: it grows (in the middle of a level) a few times in
        // the first levels, while the JIT still profiles the workers' loop, so that the offers' growth branch
        // is compiled rather than left as a trap that the first growth after compilation would spring (h25c)
        this.table = new SharedTable(slots > 0 ? slots : SharedTable.MIN_SLOTS, writers, 0, firstKeyWins,
                maxSlots > 0 ? maxSlots : SharedTable.MAX_SLOTS);
    }

    /** The fingerprints. */
    public SharedTable table() {
        return table;
    }

    /** Admits the initial state, id 0; must come first. */
    public void admitInitial(long fingerprint) {
        table.admitInitial(fingerprint);
        links.add(0, 0, 0);
    }

    /**
     * Stores {@code fingerprint} as reached by a level before any this store's table builds (a hand-over from
     * a one-worker search, before the first {@link SharedTable#startLevel}); the table must have room for it
     * without growing (three quarters of its slots). Its link is added apart ({@link #addLink}).
     */
    public void admitEarlier(long fingerprint) {
        table.admitInitial(fingerprint);
    }

    /** True when a level before the one being expanded holds {@code fingerprint} ({@link SharedTable#contains}). */
    public boolean contains(long fingerprint) {
        return table.contains(fingerprint);
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

    /**
     * Numbers the next {@code n} states, whose links the workers then write as they read the states
     * ({@link #setLink}), when the links stay 32-bit with choices up to {@code maxChoice}; else numbers none
     * (they are appended with {@link #addLink}, in id order). Between phases.
     */
    public LinkReservation reserveLinks(long n, int maxChoice) {
        LinkReservation r = links.reserve(n, maxChoice);
        outOfMemory |= r == LinkReservation.NO_MEMORY;
        return r;
    }

    /**
     * Writes the link of state {@code id}, numbered by {@link #reserveLinks}: reached from {@code parent} by
     * {@code choice} (at most the reservation's) of a step of {@code thread}. Workers write distinct ids at
     * once.
     */
    public void setLink(long id, long parent, int thread, int choice) {
        links.set(id, parent, thread, choice);
    }

    /** States numbered: the states of the levels linked so far. */
    public long size() {
        return links.size();
    }

    /** Most states this store numbers. */
    public long limit() {
        return limit;
    }

    /** True when memory for the table or for the links could not be had. */
    public boolean outOfMemory() {
        return outOfMemory || table.outOfMemory();
    }

    /** Bytes of the fingerprint table and the links. */
    public long bytes() {
        return links.bytes() + table.bytes();
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
        table.free();
        links.free();
    }
}
