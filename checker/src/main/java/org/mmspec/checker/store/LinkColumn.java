package org.mmspec.checker.store;

/**
 * Parent links indexed by state id, 32-bit while they fit and 64-bit beyond, as {@link StateStore} keeps
 * them: from the high bits down {@code | parent id | choice: c bits | thread: t bits |}, with {@code c}
 * starting at 0 and widened (repacking the links) when a larger choice comes, and every link converted,
 * once, to the 64-bit layout ({@link ParentLinks}) when an id or a choice no longer fits 32 bits. For the
 * links of a {@link SharedStore}, appended in id order by one thread, or a level's worth at a time
 * ({@link #reserve}) and then written by several ({@link #set}).
 *
 * <p>Not thread-safe, but for {@link #set} at distinct ids between two calls of anything else.
 */
final class LinkColumn {

    private final int threadBits;
    private NarrowLinks narrow = new NarrowLinks();
    private ParentLinks wide;
    private int choiceBits;

    LinkColumn(int threadBits) {
        this.threadBits = threadBits;
    }

    /** Appends the link of id {@link #size()}; false when memory for the 64-bit links could not be had. */
    boolean add(long parent, int thread, int choice) {
        if (narrow != null) {
            int need = 32 - Integer.numberOfLeadingZeros(choice);
            if (need > choiceBits && narrow.size() < capacity(need)) {
                repack(need);
            }
            if (choice < 1 << choiceBits && narrow.size() < capacity(choiceBits)) {
                return narrow.add((int) (parent << (threadBits + choiceBits)) | choice << threadBits | thread);
            }
            if (!widen()) {
                return false;
            }
        }
        return wide.add(parent << StateStore.MOVE_BITS | (long) choice << threadBits | thread);
    }

    /**
     * Appends {@code n} links (each 0 until {@link #set}), with room in their layout for choices up to
     * {@code maxChoice}, when they are 32-bit: the column is then laid out as {@code n} calls of {@link #add}
     * with those choices would leave it. When they would not all be 32-bit nothing is appended.
     */
    LinkReservation reserve(long n, int maxChoice) {
        if (narrow == null) {
            return LinkReservation.APPEND_IN_ORDER;
        }
        int need = Math.max(choiceBits, 32 - Integer.numberOfLeadingZeros(maxChoice));
        if (narrow.size() + n > capacity(need)) {
            return LinkReservation.APPEND_IN_ORDER;       // add widens the column (on the way, or at once)
        }
        if (need > choiceBits) {
            repack(need);
        }
        return narrow.addZeros(n) ? LinkReservation.RESERVED : LinkReservation.NO_MEMORY;
    }

    /**
     * Writes the link of {@code id}, one that {@link #reserve} appended, with a choice up to its
     * {@code maxChoice}: reached from {@code parent} by {@code choice} of a step of {@code thread}. Threads
     * may call it at once for distinct ids.
     */
    void set(long id, long parent, int thread, int choice) {
        narrow.set(id, (int) (parent << (threadBits + choiceBits)) | choice << threadBits | thread);
    }

    /** The link of {@code id} in the 64-bit layout. */
    long get(long id) {
        if (narrow == null) {
            return wide.get(id);
        }
        int l = narrow.get(id);
        long parent = Integer.toUnsignedLong(l) >>> (threadBits + choiceBits);
        long choice = (l >>> threadBits) & ((1L << choiceBits) - 1);
        return parent << StateStore.MOVE_BITS | choice << threadBits | l & ((1 << threadBits) - 1);
    }

    long size() {
        return narrow != null ? narrow.size() : wide.size();
    }

    long bytes() {
        return narrow != null ? narrow.bytes() : wide.bytes();
    }

    /** True when the links are 64-bit. */
    boolean wide() {
        return narrow == null;
    }

    /** Gives the off-heap memory back; the column must not be used afterwards. */
    void free() {
        if (narrow != null) {
            narrow.free();
        }
        if (wide != null) {
            wide.free();
        }
    }

    /** Ids that 32-bit links with {@code bits} of choice can hold (every parent is a smaller id). */
    private long capacity(int bits) {
        return 1L << Math.max(0, 32 - threadBits - bits);
    }

    private void repack(int bits) {
        for (long id = 0; id < narrow.size(); id++) {
            long link = get(id);
            long parent = link >>> StateStore.MOVE_BITS;
            int choice = (int) (link >>> threadBits) & ((1 << choiceBits) - 1);
            narrow.set(id, (int) (parent << (threadBits + bits)) | choice << threadBits | (int) link & ((1 << threadBits) - 1));
        }
        choiceBits = bits;
    }

    private boolean widen() {
        ParentLinks links = new ParentLinks();
        for (long id = 0; id < narrow.size(); id++) {
            if (!links.add(get(id))) {
                links.free();
                return false;
            }
        }
        wide = links;
        narrow.free();
        narrow = null;
        return true;
    }
}
