package org.mmspec.checker.frontier;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.function.IntFunction;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FastDecompressor;

/**
 * The sealed part of a {@link VectorQueue}: a first-in, first-out chain of full blocks of encoded records,
 * kept in memory while the {@link SpillSpace}'s memory budget allows, else appended to a spill file. Blocks
 * are compressed with LZ4 only under pressure: while the blocks in memory take at most
 * {@link SpillSpace#reserveRawMemory half} the budget a block is kept as it is (compressing and
 * decompressing it would cost more CPU than the bytes it would save are worth); past that, and always on
 * disk, it is compressed. The queue keeps the block it is writing and the block it is reading; this chain
 * holds everything in between, and does not know what a record is.
 *
 * <p>Invariants:
 * <ul>
 *   <li>Blocks are taken out in the order they were added, whether in memory or on disk.</li>
 *   <li>A block in memory holds exactly its length there (raw or compressed) of the space's memory budget;
 *       the bytes are given back when the block is taken out ({@link #takeFirst}) or the chain is closed.</li>
 *   <li>Spill files are append-only, one per depth (the depth of the first record of the blocks in it), a
 *       new one also every {@value #FILE_BYTES} bytes. A file's {@code liveBlocks} counts its blocks still
 *       in this chain.</li>
 * </ul>
 *
 * <p>Who frees the spill files: this chain. A file is deleted when its last block is taken out, unless it
 * is still the file being written, which is deleted when a new file replaces it with no blocks left in it,
 * or at {@link #close}. {@link SpillSpace#close()} deletes whatever a chain that was never closed left.
 *
 * <p>Also the one LZ4 codec of the frontier: {@link #writePacked} and {@link #readPacked} write and read
 * the blocks of a checkpoint ({@link VectorQueue#writeTo}), which are never spilled. Not thread-safe.
 */
final class SealedBlocks {

    static final long FILE_BYTES = 256L << 20;
    private static final LZ4Compressor COMPRESSOR = LZ4Factory.safeInstance().fastCompressor();
    private static final LZ4FastDecompressor DECOMPRESSOR = LZ4Factory.safeInstance().fastDecompressor();

    /**
     * A sealed block of {@code count} records, {@code rawLength} bytes once decompressed: in memory
     * ({@code bytes}) or in a spill file at {@code offset}; {@code length} bytes there, compressed unless
     * {@code raw} (a block kept in memory as it is, {@code length == rawLength}).
     */
    record Block(int count, int rawLength, byte[] bytes, SpillSpace.SpillFile file, long offset, int length, boolean raw) {}

    /** Receives a decompressed block, {@code raw[0 .. rawLength)} holding {@code count} records. */
    @FunctionalInterface
    interface RawBlockVisitor {
        void accept(byte[] raw, int rawLength, int count) throws IOException;
    }

    private final SpillSpace space;
    private final ArrayDeque<Block> blocks = new ArrayDeque<>();
    /** The spill file blocks are appended to; null until the first spill. */
    private SpillSpace.SpillFile writeFile;
    private int writeFileDepth;
    /** Compressed bytes on their way to or from memory or a file; reused. */
    private byte[] compressed = new byte[16];

    SealedBlocks(SpillSpace space) {
        this.space = space;
    }

    /**
     * Appends {@code raw[0 .. rawLength)}, {@code count} records the first of which is at {@code depth}, as the
     * last block: as it is while the blocks in memory are well under the budget, else compressed, in memory
     * if the budget allows, else to a spill file. False when the disk budget ran out or the disk is full
     * ({@link SpillSpace#failure()}); the block is then not kept.
     */
    boolean add(byte[] raw, int rawLength, int count, int depth) {
        if (space.reserveRawMemory(rawLength)) {
            blocks.addLast(new Block(count, rawLength, Arrays.copyOf(raw, rawLength), null, 0, rawLength, true));
            return true;
        }
        int max = COMPRESSOR.maxCompressedLength(rawLength);
        if (compressed.length < max) {
            compressed = new byte[max];
        }
        int n = COMPRESSOR.compress(raw, 0, rawLength, compressed, 0, max);
        Block block;
        if (space.reserveMemory(n)) {
            block = new Block(count, rawLength, Arrays.copyOf(compressed, n), null, 0, n, false);
        } else {
            SpillSpace.SpillFile file = fileForWriting(depth);
            long at = file == null ? -1 : file.append(compressed, n);
            if (at < 0) {
                return false;
            }
            file.liveBlocks++;
            block = new Block(count, rawLength, null, file, at, n, false);
        }
        blocks.addLast(block);
        return true;
    }

    private SpillSpace.SpillFile fileForWriting(int depth) {
        if (writeFile == null || writeFile.length() >= FILE_BYTES || depth != writeFileDepth) {
            if (writeFile != null && writeFile.liveBlocks == 0) {
                writeFile.delete();
            }
            writeFile = space.newFile("frontier-depth" + depth);
            writeFileDepth = depth;
        }
        return writeFile;
    }

    /**
     * Takes the first block out, decompressed into {@code buffer.apply(rawLength)} (an array of at least
     * {@code rawLength} bytes), and gives back its memory or its share of its spill file; {@code null} when
     * the chain is empty.
     */
    Block takeFirst(IntFunction<byte[]> buffer) {
        Block b = blocks.pollFirst();
        if (b == null) {
            return null;
        }
        decompress(b, buffer.apply(b.rawLength()));
        if (b.bytes() != null) {
            space.releaseMemory(b.length());
        } else if (--b.file().liveBlocks == 0 && b.file() != writeFile) {
            b.file().delete();
        }
        return b;
    }

    /** Hands every block, decompressed into {@code raw} (replaced by a larger array when needed), in order. */
    void forEach(byte[] raw, RawBlockVisitor visitor) throws IOException {
        for (Block b : blocks) {
            if (raw.length < b.rawLength()) {
                raw = new byte[b.rawLength()];
            }
            decompress(b, raw);
            visitor.accept(raw, b.rawLength(), b.count());
        }
    }

    private void decompress(Block b, byte[] into) {
        byte[] source = b.bytes();
        if (b.raw()) {
            System.arraycopy(source, 0, into, 0, b.rawLength());
            return;
        }
        if (source == null) {
            if (compressed.length < b.length()) {
                compressed = new byte[b.length()];
            }
            b.file().read(b.offset(), compressed, b.length());
            source = compressed;
        }
        DECOMPRESSOR.decompress(source, 0, into, 0, b.rawLength());
    }

    /** Bytes of the reused buffer, for {@link VectorQueue#heapBytes} (the blocks in memory are the space's). */
    long bufferBytes() {
        return compressed.length;
    }

    /** Gives the reused buffer back (a small one is made again when needed). */
    void trimBuffer() {
        compressed = new byte[16];
    }

    /** Drops every block: gives back their memory, deletes their spill files and the file being written. */
    void close() {
        for (Block b : blocks) {
            if (b.bytes() != null) {
                space.releaseMemory(b.length());
            } else if (--b.file().liveBlocks == 0) {
                b.file().delete();
            }
        }
        blocks.clear();
        if (writeFile != null) {
            writeFile.delete();
            writeFile = null;                   // a later spill opens a new file rather than writing a deleted one
        }
        trimBuffer();
    }

    /**
     * Writes {@code raw[0 .. rawLength)}, {@code count} records, as one block of a checkpoint: the count, the
     * raw length and the compressed length (ints), then the LZ4-compressed bytes.
     */
    static void writePacked(DataOutput out, byte[] raw, int rawLength, int count) throws IOException {
        byte[] packed = new byte[COMPRESSOR.maxCompressedLength(rawLength)];
        int n = COMPRESSOR.compress(raw, 0, rawLength, packed, 0, packed.length);
        out.writeInt(count);
        out.writeInt(rawLength);
        out.writeInt(n);
        out.write(packed, 0, n);
    }

    /** A block of a checkpoint read back: {@code count} records in {@code raw}, decompressed, its exact length. */
    record Packed(int count, byte[] raw) {}

    /**
     * Reads a block {@link #writePacked} wrote, of at most {@code left} records.
     *
     * @throws IOException when the block is damaged (impossible counts or lengths) or the input ends
     */
    static Packed readPacked(DataInput in, long left) throws IOException {
        int count = in.readInt();
        int raw = in.readInt();
        int n = in.readInt();
        if (count <= 0 || raw < 0 || n < 0 || n > COMPRESSOR.maxCompressedLength(raw) || count > left) {
            throw new IOException("the stored frontier is damaged");
        }
        byte[] packed = new byte[n];
        in.readFully(packed);
        byte[] bytes = new byte[raw];
        DECOMPRESSOR.decompress(packed, 0, bytes, 0, raw);
        return new Packed(count, bytes);
    }
}
