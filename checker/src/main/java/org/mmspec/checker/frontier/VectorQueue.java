package org.mmspec.checker.frontier;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.mmspec.spec.semantics.StateVectors;

/**
 * A {@link StateQueue} of delta-encoded records ({@link RecordCodec}) in blocks of about
 * {@value #BLOCK_BYTES} bytes. A full block is sealed into a {@link SealedBlocks} chain: kept in memory
 * while the {@link SpillSpace}'s memory budget allows (as it is while the budget is at most half used,
 * compressed with LZ4 past that), else compressed and appended to a spill file: one append-only file per depth (per BFS level; a new one also every
 * {@value SealedBlocks#FILE_BYTES} bytes), deleted once all its blocks were read back. The block being
 * written is read directly when the reader catches up with it, so a short queue is never compressed.
 *
 * <p>The order is strictly first in, first out, wherever the blocks are: where a record is kept never
 * changes what a search does.
 */
public final class VectorQueue<S> implements StateQueue<S> {

    static final int BLOCK_BYTES = 64 << 10;

    /** Receives the records of a queue without taking them out. */
    @FunctionalInterface
    public interface RecordVisitor {
        void accept(long node, int thread, int choice, int depth, int[] vector) throws IOException;
    }

    private final StateVectors<S> vectors;
    private final int width;
    /** The vector being added; null while the queue is sealed (made again on the next add). */
    private int[] scratch;
    /** How a successor added differs from the record before it; replaced by a broken one in tests only. */
    private ParentMasks<S> masks;
    /** The queue whose head view the successors added are of, when not this one's ({@link #readsFrom}). */
    private VectorQueue<S> source = this;
    /** The writer's codec; null while the queue is sealed (made again on the next add). */
    private RecordCodec writeCodec;
    private ByteSink open = new ByteSink(BLOCK_BYTES + 1024);
    private int openCount;
    /** Depth of the first record of the open block. */
    private int openDepth;
    /** The full blocks between the one being read and the one being written. */
    private final SealedBlocks sealed;
    /** The reader's codec; null until the first read, and after {@link #close}. */
    private RecordCodec readCodec;
    private final ByteSource in = new ByteSource();
    private byte[] readBuf = new byte[16];
    private int readRemaining;
    private boolean headLoaded;
    private S head;
    /** The reused head state ({@link #headTransient}), and whether it holds the loaded head. */
    private S view;
    private boolean viewLoaded;
    /** The system offers no views: {@link #headTransient} is {@link #headState}. */
    private boolean noViews;
    /** For tests only: false loads the view with a wrong fingerprint ({@link #withStaleViews}). */
    private boolean reloadViews = true;
    private long staleSum;
    private long headNode;
    private int headThread;
    private int headChoice;
    private int headDepth;
    private long size;

    public VectorQueue(StateVectors<S> vectors, SpillSpace space) {
        this.vectors = vectors;
        this.sealed = new SealedBlocks(space);
        this.width = vectors.vectorLength();
        this.masks = new ParentMasks<>(vectors, false, false);
    }

    /**
     * Adds {@code state}; where the system knows which words it changed from its parent
     * ({@link StateVectors#changedFrom}), the encoder compares only the words that can differ ({@link ParentMasks}).
     */
    @Override
    public boolean add(S state, long node, int thread, int choice, int depth) {
        int[] words = scratch();
        vectors.copyVector(state, words);
        S parent = masks.parentOf(state);
        if (parent == null) {
            return addVector(node, thread, choice, depth, words);
        }
        startRecord(depth);
        masks.encode(writeCodec, open, node, thread, choice, depth, words, parent, source.view, source.masks);
        return endRecord();
    }

    /**
     * The successors added from now on are mostly of {@code queue}'s head view (a level-synchronous search reads
     * one queue and writes another): the encoder then also takes the words that view's loads moved
     * ({@link ParentMasks}) from that queue. Both queues must be used by one thread; a {@link #seal} or
     * {@link #close} forgets it.
     */
    @Override
    public void readsFrom(StateQueue<S> queue) {
        source = queue instanceof VectorQueue<S> q ? q : this;
    }

    /** {@link #add} of a state given by its vector. */
    public boolean addVector(long node, int thread, int choice, int depth, int[] vector) {
        startRecord(depth);
        writeCodec.encode(open, node, thread, choice, depth, vector);
        return endRecord();
    }

    private void startRecord(int depth) {
        if (openCount == 0) {
            openDepth = depth;
        }
        if (writeCodec == null) {
            writeCodec = new RecordCodec(width);
        }
    }

    private boolean endRecord() {
        openCount++;
        size++;
        return open.length() < BLOCK_BYTES || sealBlock();
    }

    /**
     * Seals the open block and gives the write buffers back (a small one is made again if nodes are added
     * later): the queue's in-memory bytes are then its compressed blocks only.
     */
    @Override
    public boolean seal() {
        if (openCount > 0 && !sealBlock()) {
            return false;
        }
        open = new ByteSink(16);
        source = this;
        sealed.trimBuffer();
        writeCodec = null;
        scratch = null;
        return true;
    }

    @Override
    public long heapBytes() {
        return (long) open.array().length + sealed.bufferBytes() + readBuf.length
                + 4L * width * ((scratch == null ? 0 : 1) + (view == null ? 0 : 1)
                        + (writeCodec == null ? 0 : 2) + (readCodec == null ? 0 : 3));
    }

    private int[] scratch() {
        if (scratch == null) {
            scratch = new int[width];
        }
        return scratch;
    }

    private RecordCodec reader() {
        if (readCodec == null) {
            readCodec = new RecordCodec(width, vectors);
        }
        return readCodec;
    }

    private boolean sealBlock() {
        if (!sealed.add(open.array(), open.length(), openCount, openDepth)) {
            return false;
        }
        open.clear();
        openCount = 0;
        writeCodec.start();
        return true;
    }

    private void ensureHead() {
        if (headLoaded) {
            return;
        }
        if (size == 0) {
            throw new IllegalStateException("the queue is empty");
        }
        if (readRemaining == 0) {
            nextBlock();
        }
        RecordCodec codec = reader();
        codec.decode(in);
        readRemaining--;
        headNode = codec.lastNode;
        headThread = codec.lastThread;
        headChoice = codec.lastChoice;
        headDepth = codec.lastDepth;
        head = null;
        viewLoaded = false;
        headLoaded = true;
    }

    private void nextBlock() {
        reader().start();
        SealedBlocks.Block b = sealed.takeFirst(this::readBuffer);
        if (b == null) {
            int length = open.length();
            readRemaining = openCount;
            readBuf = open.swap(readBuf);
            in.reset(readBuf, 0, length);
            openCount = 0;
            if (writeCodec != null) {
                writeCodec.start();
            }
            return;
        }
        in.reset(readBuf, 0, b.rawLength());
        readRemaining = b.count();
    }

    /** The read buffer, grown to hold at least {@code rawLength} bytes. */
    private byte[] readBuffer(int rawLength) {
        if (readBuf.length < rawLength) {
            readBuf = new byte[Math.max(rawLength, BLOCK_BYTES + 1024)];
        }
        return readBuf;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public S headState() {
        ensureHead();
        if (head == null) {
            int[] words = reader().vector().clone();
            head = reader().keepsFingerprint() ? vectors.fromVector(words, reader().hashSum())
                    : vectors.fromVector(words);
        }
        return head;
    }

    /**
     * {@link #headState}, decoded into one reused state where the system offers views
     * ({@link StateVectors#newView}): the words loaded into it with their fingerprint (the sum the codec
     * keeps, when additive), without allocating.
     */
    @Override
    public S headTransient() {
        ensureHead();
        if (head != null || viewLoaded) {
            return head != null ? head : view;
        }
        if (view == null) {
            view = noViews ? null : vectors.newView();
            if (view == null) {
                noViews = true;
                return headState();
            }
        }
        RecordCodec codec = reader();
        masks.viewLoading(codec);
        if (reloadViews) {
            vectors.load(view, codec.vector(), codec.keepsFingerprint(), codec.hashSum());
        } else {
            vectors.load(view, codec.vector(), true, staleSum);
        }
        viewLoaded = true;
        return view;
    }

    /**
     * For tests: this queue with {@link #headTransient} broken — the reused state gets the new head's words
     * but the fingerprint sum of the first head it held — which a search or a comparison with
     * {@link #headState} must catch.
     */
    VectorQueue<S> withStaleViews() {
        reloadViews = false;
        staleSum = vectors.additiveFingerprint() ? vectors.wordHash(0, 0) : 0;
        return this;
    }

    /**
     * For tests: this queue with its encoder broken — the lowest word of every successor's mask
     * ({@code successors}), or of every mask of the words the head view moved ({@code !successors}), is dropped
     * ({@link ParentMasks}) — which a comparison of the records read back with the states added
     * must catch.
     */
    VectorQueue<S> withDroppedMaskBits(boolean successors) {
        masks = new ParentMasks<>(vectors, successors, !successors);
        return this;
    }

    /**
     * Appends the head record to {@code dest} with new fields, without making a state of it when
     * {@code dest} keeps vectors too (a parallel search's admission: the owner moves a candidate's words
     * from its inbox to its next level).
     */
    @Override
    public boolean transferHead(StateQueue<S> dest, long node, int thread, int choice, int depth) {
        ensureHead();
        if (head == null && dest instanceof VectorQueue<S> q) {
            return q.addVector(node, thread, choice, depth, reader().vector());
        }
        return dest.add(headState(), node, thread, choice, depth);
    }

    @Override
    public long headNode() {
        ensureHead();
        return headNode;
    }

    @Override
    public int headThread() {
        ensureHead();
        return headThread;
    }

    @Override
    public int headChoice() {
        ensureHead();
        return headChoice;
    }

    @Override
    public int headDepth() {
        ensureHead();
        return headDepth;
    }

    @Override
    public void removeHead() {
        ensureHead();
        headLoaded = false;
        head = null;
        viewLoaded = false;
        size--;
    }

    /** Hands every record to {@code visitor}, in order, without taking any out. */
    public void forEachRemaining(RecordVisitor visitor) throws IOException {
        if (headLoaded) {
            int[] words = scratch();
            System.arraycopy(reader().vector(), 0, words, 0, width);
            visitor.accept(headNode, headThread, headChoice, headDepth, words);
        }
        RecordCodec codec = new RecordCodec(width);
        ByteSource source = new ByteSource();
        codec.startFrom(reader());
        source.reset(in.array(), in.position(), in.limit());
        visit(codec, source, readRemaining, visitor);
        sealed.forEach(new byte[BLOCK_BYTES + 1024], (raw, rawLength, count) -> {
            codec.start();
            source.reset(raw, 0, rawLength);
            visit(codec, source, count, visitor);
        });
        codec.start();
        source.reset(open.array(), 0, open.length());
        visit(codec, source, openCount, visitor);
    }

    private static void visit(RecordCodec codec, ByteSource source, int count, RecordVisitor visitor) throws IOException {
        for (int i = 0; i < count; i++) {
            codec.decode(source);
            visitor.accept(codec.lastNode, codec.lastThread, codec.lastChoice, codec.lastDepth, codec.vector());
        }
    }

    /** Writes every record (for a checkpoint): the count, then LZ4 blocks of re-encoded records. */
    public void writeTo(DataOutput out) throws IOException {
        out.writeLong(size);
        out.writeInt(width);
        RecordCodec codec = new RecordCodec(width);
        ByteSink sink = new ByteSink(BLOCK_BYTES + 1024);
        int[] count = {0};
        forEachRemaining((node, thread, choice, depth, vector) -> {
            codec.encode(sink, node, thread, choice, depth, vector);
            if (++count[0] == 1024) {
                writeBlock(out, sink, count[0]);
                count[0] = 0;
                codec.start();
            }
        });
        writeBlock(out, sink, count[0]);
    }

    private static void writeBlock(DataOutput out, ByteSink sink, int count) throws IOException {
        if (count == 0) {
            return;
        }
        SealedBlocks.writePacked(out, sink.array(), sink.length(), count);
        sink.clear();
    }

    /** Appends the records {@link #writeTo written} to {@code in}; false when they could not be kept. */
    public boolean readFrom(DataInput input) throws IOException {
        long total = input.readLong();
        if (input.readInt() != width || total < 0) {
            throw new IOException("the stored frontier is not of this system's states");
        }
        RecordCodec codec = new RecordCodec(width);
        ByteSource source = new ByteSource();
        for (long read = 0; read < total; ) {
            SealedBlocks.Packed block = SealedBlocks.readPacked(input, total - read);
            codec.start();
            source.reset(block.raw(), 0, block.raw().length);
            for (int i = 0; i < block.count(); i++) {
                codec.decode(source);
                if (!addVector(codec.lastNode, codec.lastThread, codec.lastChoice, codec.lastDepth, codec.vector())) {
                    return false;
                }
            }
            read += block.count();
        }
        return true;
    }

    @Override
    public void close() {
        sealed.close();
        open = new ByteSink(16);
        readBuf = new byte[16];
        in.reset(readBuf, 0, 0);
        readCodec = null;
        writeCodec = null;
        scratch = null;
        size = 0;
        openCount = 0;
        readRemaining = 0;
        headLoaded = false;
        head = null;
        view = null;
        viewLoaded = false;
        source = this;
        masks.forgetView();
    }
}
