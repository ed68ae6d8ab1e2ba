package org.mmspec.checker.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongConsumer;

/**
 * One sorted file of fingerprint keys (mixed fingerprints, {@link FingerprintSet#mix}, 8 bytes each,
 * ascending as unsigned numbers) and its in-memory index: the first key of every page of {@value #PAGE}
 * keys. A look-up binary-searches the index, reads the one page that may hold the key (a positional read
 * of at most {@value #PAGE_BYTES} bytes, usually from the operating system's page cache) and
 * binary-searches it. A {@link BlockedBloom} filter in front answers most look-ups of keys the file does
 * not hold (a new state's) without reading. The file is written once, by a merge, and never changed; it is
 * deleted by {@link #delete()}. The index costs {@code 8 / PAGE} bytes of memory per key, the filter 1.
 *
 * <p>Not thread-safe (one page buffer).
 */
final class FingerprintFile {

    /** Keys per page. */
    static final int PAGE = 128;
    static final int PAGE_BYTES = PAGE * 8;
    /** Bytes of the sequential buffers of a merge. */
    private static final int STREAM_BYTES = 1 << 16;

    private final Path path;
    private final FileChannel channel;
    private final long count;
    private final LongArray index;
    private final BlockedBloom bloom;
    private final long lastKey;
    private final ByteBuffer page = ByteBuffer.allocateDirect(PAGE_BYTES).order(ByteOrder.nativeOrder());
    private long pageReads;

    private FingerprintFile(Path path, FileChannel channel, long count, LongArray index, BlockedBloom bloom,
            long lastKey) {
        this.path = path;
        this.channel = channel;
        this.count = count;
        this.index = index;
        this.bloom = bloom;
        this.lastKey = lastKey;
    }

    /** Pages (index entries) of a file of {@code keys} keys. */
    static long pages(long keys) {
        return (keys + PAGE - 1) / PAGE;
    }

    /**
     * Writes, at {@code path} (a new, empty file), the merge of {@code old} (or none) and the first {@code n}
     * sorted keys of {@code memory} ({@link FingerprintSet#sortMixed()}), with {@code index} (of
     * {@link #pages} entries) and {@code bloom} (empty, for as many keys) filled for the merged file. The two
     * must hold no key in common.
     *
     * @throws IOException when the file cannot be written (it is then deleted)
     */
    static FingerprintFile merge(FingerprintFile old, FingerprintSet memory, long n, Path path, LongArray index,
            BlockedBloom bloom) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            Files.deleteIfExists(path);
            throw e;
        }
        try {
            long total = (old == null ? 0 : old.count) + n;
            KeyWriter out = new KeyWriter(ch, index, bloom);
            Keys a = old == null ? new Keys(null, 0) : new Keys(old.channel, old.count);
            long b = 0;
            while (a.more() || b < n) {
                boolean fromOld = b == n || a.more() && Long.compareUnsigned(a.peek(), memory.sortedKey(b)) < 0;
                if (!fromOld && a.more() && a.peek() == memory.sortedKey(b)) {
                    throw new IllegalStateException("a fingerprint both in memory and on disk");
                }
                out.write(fromOld ? a.next() : memory.sortedKey(b++));
            }
            out.flush();
            if (out.written != total) {
                throw new IllegalStateException("merged " + out.written + " keys, expected " + total);
            }
            return new FingerprintFile(path, ch, total, index, bloom, out.last);
        } catch (IOException | RuntimeException e) {
            ch.close();
            Files.deleteIfExists(path);
            throw e;
        }
    }

    /** True when the file holds {@code key}. */
    boolean contains(long key) {
        if (!bloom.mightContain(key)) {
            return false;
        }
        if (count == 0 || Long.compareUnsigned(key, index.get(0)) < 0 || Long.compareUnsigned(key, lastKey) > 0) {
            return false;
        }
        long lo = 0;
        long hi = pages(count) - 1;
        while (lo < hi) {
            long mid = (lo + hi + 1) >>> 1;
            if (Long.compareUnsigned(index.get(mid), key) <= 0) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        long first = lo * PAGE;
        int n = (int) Math.min(PAGE, count - first);
        readPage(first, n);
        int l = 0;
        int h = n - 1;
        while (l <= h) {
            int mid = (l + h) >>> 1;
            int cmp = Long.compareUnsigned(page.getLong(mid << 3), key);
            if (cmp == 0) {
                return true;
            }
            if (cmp < 0) {
                l = mid + 1;
            } else {
                h = mid - 1;
            }
        }
        return false;
    }

    private void readPage(long firstKey, int keys) {
        page.clear().limit(keys << 3);
        long at = firstKey << 3;
        try {
            while (page.hasRemaining()) {
                if (channel.read(page, at + page.position()) < 0) {
                    throw new IOException("the fingerprint file " + path + " ends early");
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the fingerprints on disk", e);
        }
        pageReads++;
    }

    /** Every key, in order. */
    void forEachKey(LongConsumer sink) throws IOException {
        Keys keys = new Keys(channel, count);
        while (keys.more()) {
            sink.accept(keys.next());
        }
    }

    /** Number of keys. */
    long count() {
        return count;
    }

    /** Bytes of the file. */
    long fileBytes() {
        return 8 * count;
    }

    /** Bytes of memory of the index and the filter. */
    long indexBytes() {
        return 8 * index.length() + bloom.bytes();
    }

    /** Pages read by look-ups so far. */
    long pageReads() {
        return pageReads;
    }

    /** Closes and deletes the file and frees the index. */
    void delete() {
        index.free();
        bloom.free();
        try {
            channel.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // left behind in the spill directory
        }
    }

    /** The keys of a file read in order, a buffer at a time. */
    private static final class Keys {
        private final FileChannel channel;
        private final long count;
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(STREAM_BYTES).order(ByteOrder.nativeOrder());
        private long read;
        private long taken;

        Keys(FileChannel channel, long count) {
            this.channel = channel;
            this.count = count;
            buffer.limit(0);
        }

        boolean more() {
            return taken < count;
        }

        long peek() throws IOException {
            if (!buffer.hasRemaining()) {
                fill();
            }
            return buffer.getLong(buffer.position());
        }

        long next() throws IOException {
            long k = peek();
            buffer.position(buffer.position() + 8);
            taken++;
            return k;
        }

        private void fill() throws IOException {
            buffer.clear().limit((int) Math.min(STREAM_BYTES, 8 * (count - read)));
            long at = 8 * read;
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, at + buffer.position()) < 0) {
                    throw new IOException("a fingerprint file ends early");
                }
            }
            buffer.flip();
            read += buffer.remaining() / 8;
        }
    }

    /** Appends keys to a new file a buffer at a time, filling the index. */
    private static final class KeyWriter {
        private final FileChannel channel;
        private final LongArray index;
        private final BlockedBloom bloom;
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(STREAM_BYTES).order(ByteOrder.nativeOrder());
        private long written;
        private long at;
        private long last;

        KeyWriter(FileChannel channel, LongArray index, BlockedBloom bloom) {
            this.channel = channel;
            this.index = index;
            this.bloom = bloom;
        }

        void write(long key) throws IOException {
            if (written % PAGE == 0) {
                index.set(written / PAGE, key);
            }
            if (!buffer.hasRemaining()) {
                flush();
            }
            buffer.putLong(key);
            bloom.add(key);
            last = key;
            written++;
        }

        void flush() throws IOException {
            buffer.flip();
            while (buffer.hasRemaining()) {
                at += channel.write(buffer, at);
            }
            buffer.clear();
        }
    }
}
