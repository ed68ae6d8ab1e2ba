package org.mmspec.checker.store;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The visited states of a search: their fingerprints, for membership, and for each state its parent and
 * the move that led to it (the thread that stepped and, when its step had several successors, which one
 * was taken), for rebuilding traces (TLC keeps its trace the same way).
 *
 * <p>State ids are admission order: the initial state is 0, the next new state 1, and so on. Ids are
 * {@code long}s. (A search partitioned by fingerprint ownership would give each owner its own store and
 * number {@code id = localId * owners + owner}; nothing here assumes one store per search.)
 *
 * <p><b>Parent links.</b> A link holds the parent id, the choice and the thread. While the ids and
 * choices seen so far allow, links are 32-bit ({@link NarrowLinks}, 4 to 4.5 bytes per state, off the heap
 * beyond the first 64K states), from the
 * high bits down {@code | parent id | choice: c bits | thread: t bits |}, with
 * {@code t = max(1, ceil(log2 threadCount))} ({@code t <= 16}) and {@code c} starting at 0 (a deterministic
 * system spends nothing on choices) and widened, repacking the links, when a larger choice comes. Once an id
 * or a choice no longer fits 32 bits, every link is converted, once, to 64 bits ({@link ParentLinks}, off the
 * heap), from the high bits down:
 *
 * <pre>
 *   | parent id: 40 bits | choice: 24 - t bits | thread: t bits |
 * </pre>
 *
 * So the store numbers up to 2^40 (about 1.1 * 10^12) states: memory and disk run out long before. A step's
 * successor numbers must stay below {@code 2^(24 - t)} (over two million for eight threads); a state
 * reached by a larger one is refused ({@link Admission#FULL}, with {@link #choiceOverflow()} true).
 *
 * <p><b>Memory.</b> {@link #bytes()} is the fingerprint table (at most 13.5 bytes per state, see
 * {@link FingerprintSet}) plus the links: at most 18 bytes per state while the links are 32-bit (up to
 * 2^(32 - t - c) states, e.g. 2^29 for two threads and no choices), about 21.6 beyond. When memory for the
 * table or the 64-bit links cannot be had, {@link #outOfMemory()} turns true and new states are refused.
 *
 * <p>Not thread-safe.
 */
public final class StateStore {

    /** Bits of a parent link that hold the parent id. */
    public static final int ID_BITS = 40;
    /** Most states a store numbers. */
    public static final long MAX_STATES = 1L << ID_BITS;
    /** Bits of a parent link below the parent id: the choice and the thread. */
    public static final int MOVE_BITS = 64 - ID_BITS;
    static final int MAX_THREAD_BITS = 16;

    private final Fingerprints fingerprints;
    /** The 32-bit links, or {@code null} once converted to {@link #wide}. */
    private NarrowLinks narrow = new NarrowLinks();
    private ParentLinks wide;
    private final int threadBits;
    private final int threadCount;
    private final int choiceLimit;
    /** Bits of the choice field of the 32-bit links. */
    private int narrowChoiceBits;
    private boolean choiceOverflow;
    private boolean linksOutOfMemory;
    private FingerprintDisk disk;

    /** A store for states of a system with {@code threadCount} threads, holding at most {@code limit} states. */
    public StateStore(int threadCount, long limit) {
        this(threadCount, limit, 0, null);
    }

    /**
     * A store for states of a system with {@code threadCount} threads, holding at most {@code limit} states,
     * whose fingerprints are kept in memory, or, when {@code fingerprintMemory > 0}, at most that many bytes
     * of them in memory and the rest on {@code disk} ({@link DiskFingerprintSet}), and then the parent links
     * too: 64-bit from the start, their full chunks on disk ({@link ParentLinks#onDisk}).
     */
    public StateStore(int threadCount, long limit, long fingerprintMemory, FingerprintDisk disk) {
        if (threadCount < 0) {
            throw new IllegalArgumentException("negative threadCount: " + threadCount);
        }
        this.threadCount = threadCount;
        this.threadBits = threadBits(threadCount);
        if (threadBits > MAX_THREAD_BITS) {
            throw new IllegalArgumentException("too many threads for a parent link: " + threadCount);
        }
        this.choiceLimit = 1 << (MOVE_BITS - threadBits);
        long most = Math.min(limit, MAX_STATES);
        this.fingerprints = Fingerprints.create(most, fingerprintMemory, disk);
        if (fingerprintMemory > 0) {
            this.disk = disk;
            narrow = null;
            wide = ParentLinks.onDisk(disk);
        }
    }

    /** Bits of a parent link that hold the thread, for {@code threadCount} threads. */
    public static int threadBitsFor(int threadCount) {
        return threadBits(threadCount);
    }

    private static int threadBits(int threadCount) {
        return Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(1, threadCount) - 1));
    }

    /** Successor numbers {@code 0 .. choiceLimit() - 1} fit a parent link. */
    public int choiceLimit() {
        return choiceLimit;
    }

    /** Admits the initial state; must be the first admission. */
    public Admission admitInitial(long fingerprint) {
        if (fingerprints.size() != 0) {
            throw new IllegalStateException("the initial state is admitted first");
        }
        Admission admission = fingerprints.put(fingerprint);
        if (admission == Admission.NEW) {
            addRoot();
        }
        return admission;
    }

    /** {@link #admit(long, long, int, int)} for a step with one successor (choice 0). */
    public Admission admit(long fingerprint, long parent, int thread) {
        return admit(fingerprint, parent, thread, 0);
    }

    /**
     * Admits the state with {@code fingerprint}, reached from state {@code parent} by successor
     * {@code choice} ({@code >= 0}) of a step of {@code thread}. When {@link Admission#NEW}, its id is
     * {@link #lastId()}.
     */
    public Admission admit(long fingerprint, long parent, int thread, int choice) {
        if (choice < 0) {
            throw new IllegalArgumentException("negative choice: " + choice);
        }
        if (choice >= choiceLimit && !fingerprints.contains(fingerprint)) {
            choiceOverflow = true;
            return Admission.FULL;
        }
        boolean fits = narrow != null && choice < 1 << narrowChoiceBits
                && parent < narrowCapacity(narrowChoiceBits) - 1 && size() < narrowCapacity(narrowChoiceBits);
        if (!fits && (narrow == null || !fingerprints.contains(fingerprint)) && !roomForLink(parent, choice)) {
            fingerprints.lowerLimit(0);
            return fingerprints.contains(fingerprint) ? Admission.SEEN : Admission.FULL;
        }
        if (narrow != null && !narrow.reserve() && !fingerprints.contains(fingerprint)) {
            linksOutOfMemory = true;
            fingerprints.lowerLimit(0);
            return Admission.FULL;
        }
        Admission admission = fingerprints.put(fingerprint);
        if (admission == Admission.NEW) {
            if (narrow != null) {
                narrow.add((int) (parent << (threadBits + narrowChoiceBits)) | choice << threadBits | thread);
            } else {
                wide.add(parent << MOVE_BITS | (long) choice << threadBits | thread);
            }
        }
        return admission;
    }

    /**
     * Makes sure a link to {@code parent} with {@code choice} can be appended: widens the 32-bit choice
     * field, or converts to 64-bit links, as needed; false when the memory for that cannot be had.
     */
    private boolean roomForLink(long parent, int choice) {
        if (narrow != null) {
            int bits = Math.max(narrowChoiceBits, 32 - Integer.numberOfLeadingZeros(choice));
            if (bits != narrowChoiceBits && size() <= narrowCapacity(bits)) {
                repackNarrow(bits);
            }
            if (bits != narrowChoiceBits || parent >= narrowCapacity(narrowChoiceBits) - 1
                    || size() >= narrowCapacity(narrowChoiceBits)) {
                return widen();
            }
            return true;
        }
        if (!wide.reserve()) {
            linksOutOfMemory = wide.outOfMemory();
            return false;
        }
        return true;
    }

    private void addRoot() {
        if (narrow != null) {
            narrow.add(0);
        } else {
            wide.add(0);
        }
    }

    /** Ids that 32-bit links with {@code choiceBits} of choice can hold. */
    private long narrowCapacity(int choiceBits) {
        return 1L << Math.max(0, 32 - threadBits - choiceBits);
    }

    private void repackNarrow(int bits) {
        for (long id = 0; id < narrow.size(); id++) {
            int link = narrow.get(id);
            long parent = Integer.toUnsignedLong(link) >>> (threadBits + narrowChoiceBits);
            int oldChoice = (link >>> threadBits) & ((1 << narrowChoiceBits) - 1);
            narrow.set(id, (int) (parent << (threadBits + bits)) | oldChoice << threadBits | link & threadMask());
        }
        narrowChoiceBits = bits;
    }

    /** Converts every link to 64 bits; false when the memory cannot be had. */
    private boolean widen() {
        ParentLinks links = new ParentLinks();
        for (long id = 0; id < narrow.size(); id++) {
            if (!links.add(link(id))) {
                links.free();
                linksOutOfMemory = true;
                return false;
            }
        }
        wide = links;
        narrow.free();
        narrow = null;
        if (!wide.reserve()) {
            linksOutOfMemory = true;
            return false;
        }
        return true;
    }

    /** The link of {@code id} in the 64-bit layout, whichever layout holds it. */
    private long link(long id) {
        if (narrow == null) {
            return wide.get(id);
        }
        int l = narrow.get(id);
        long parent = Integer.toUnsignedLong(l) >>> (threadBits + narrowChoiceBits);
        long choice = (l >>> threadBits) & ((1L << narrowChoiceBits) - 1);
        return parent << MOVE_BITS | choice << threadBits | l & threadMask();
    }

    private int threadMask() {
        return (1 << threadBits) - 1;
    }

    /** True when the links are 64-bit (the ids or choices outgrew 32-bit links). */
    public boolean wideLinks() {
        return narrow == null;
    }

    /** True when a state with {@code fingerprint} was admitted. */
    public boolean contains(long fingerprint) {
        return fingerprints.contains(fingerprint);
    }

    /** {@link Fingerprints#touchAll}: starts the cache misses of {@code fps[0 .. n-1]}'s look-ups together. */
    public long touchAll(long[] fps, int n) {
        return fingerprints.touchAll(fps, n);
    }

    /** Id of the state admitted last. */
    public long lastId() {
        return links() - 1;
    }

    private long links() {
        return narrow != null ? narrow.size() : wide.size();
    }

    /** Number of states admitted. */
    public long size() {
        return fingerprints.size();
    }

    /** Most states this store admits. */
    public long limit() {
        return fingerprints.limit();
    }

    /** True when memory for the fingerprints or the links could not be had, so new states are refused. */
    public boolean outOfMemory() {
        return fingerprints.outOfMemory() || linksOutOfMemory;
    }

    /** True when the fingerprints on disk could not grow (the disk budget, or a full disk). */
    public boolean outOfDisk() {
        return fingerprints instanceof DiskFingerprintSet d && d.outOfDisk() || wide != null && wide.outOfDisk();
    }

    /** True when {@link #outOfDisk()} because a write failed, not the budget. */
    public boolean diskFull() {
        return fingerprints instanceof DiskFingerprintSet d && d.diskFull() || wide != null && wide.outOfDisk() && disk.full();
    }

    /** True when a state was refused because its successor number does not fit a link. */
    public boolean choiceOverflow() {
        return choiceOverflow;
    }

    /** Bytes of the fingerprint table and the parent links. */
    public long bytes() {
        return fingerprints.bytes() + (narrow != null ? narrow.bytes() : wide.bytes());
    }

    /** The threads that moved, in order, on the path by which state {@code id} was first reached. */
    public int[] scheduleTo(long id) {
        return path(id, false);
    }

    /** The choices taken, in order, on the same path as {@link #scheduleTo}: 0 for a step's first successor. */
    public int[] choicesTo(long id) {
        return path(id, true);
    }

    private int[] path(long id, boolean choices) {
        return LinkPaths.to(id, this::link, threadBits, choices);
    }

    /** Every fingerprint held, once each, in the table's order (0 as its stand-in, as a table stores it). */
    public void forEachFingerprint(java.util.function.LongConsumer sink) {
        fingerprints.forEach(sink);
    }

    /** The id of the state from which state {@code id} was first reached (for a root: whatever its link holds). */
    public long parentOf(long id) {
        return link(id) >>> MOVE_BITS;
    }

    /** The thread whose step first reached state {@code id}. */
    public int threadOf(long id) {
        return (int) link(id) & threadMask();
    }

    /** Which successor of that step state {@code id} was. */
    public int choiceOf(long id) {
        return (int) (link(id) >>> threadBits) & (choiceLimit - 1);
    }

    /** Number of threads this store was made for. */
    public int threadCount() {
        return threadCount;
    }

    /** Gives the off-heap memory back; the store must not be used afterwards. */
    public void free() {
        fingerprints.free();
        if (narrow != null) {
            narrow.free();
        }
        if (wide != null) {
            wide.free();
        }
    }

    /** Writes the store (every fingerprint, every link) for a checkpoint. */
    public void save(DataOutput out) throws IOException {
        out.writeInt(threadCount);
        out.writeLong(size());
        out.writeLong(links());
        try {
            fingerprints.forEach(fp -> {
                try {
                    out.writeLong(fp);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (long id = 0; id < links(); id++) {
            out.writeLong(link(id));
        }
    }

    /**
     * Reads a store {@link #save saved} for {@code threadCount} threads, to hold at most {@code limit}
     * states; {@code null} when memory for it cannot be had.
     *
     * @throws IOException on a read error or when the data is not a store for that many threads
     */
    public static StateStore load(DataInput in, int threadCount, long limit) throws IOException {
        return load(in, threadCount, limit, 0, null);
    }

    /**
     * {@link #load(DataInput, int, long)} into a store whose fingerprints are kept as
     * {@link #StateStore(int, long, long, FingerprintDisk)} says.
     */
    public static StateStore load(DataInput in, int threadCount, long limit, long fingerprintMemory,
            FingerprintDisk disk) throws IOException {
        int threads = in.readInt();
        long size = in.readLong();
        long links = in.readLong();
        if (threads != threadCount || size < 0 || links != size) {
            throw new IOException("not a store of this search (" + threads + " threads, " + size + " states, "
                    + links + " links)");
        }
        StateStore store = new StateStore(threadCount, Math.max(limit, size), fingerprintMemory, disk);
        for (long i = 0; i < size; i++) {
            if (store.fingerprints.put(in.readLong()) != Admission.NEW) {
                throw new IOException("the stored fingerprints repeat or do not fit");
            }
        }
        store.addRoot();
        in.readLong();
        int mask = store.threadMask();
        for (long i = 1; i < links; i++) {
            long link = in.readLong();
            int choice = (int) (link >>> store.threadBits) & (store.choiceLimit - 1);
            if (!store.roomForLink(link >>> MOVE_BITS, choice)) {
                throw new IOException("no memory for the stored parent links");
            }
            if (store.narrow != null) {
                if (!store.narrow.reserve()) {
                    throw new IOException("no memory for the stored parent links");
                }
                store.narrow.add((int) ((link >>> MOVE_BITS) << (store.threadBits + store.narrowChoiceBits))
                        | choice << store.threadBits | (int) link & mask);
            } else {
                store.wide.add(link);
            }
        }
        store.fingerprints.lowerLimit(limit);
        return store;
    }
}
