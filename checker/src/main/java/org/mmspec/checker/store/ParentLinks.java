package org.mmspec.checker.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * One {@code long} per state, indexed by state id. The first {@value #CHUNK} entries live in a heap
 * array that doubles as it fills (so a small search costs little); later entries live off the Java heap in
 * chunks of {@value #CHUNK} entries (512 KiB), so that nothing is ever copied again and the links grow
 * past the heap: 8 bytes per entry plus at most one partly used chunk.
 *
 * <p>Links {@link #onDisk on disk} keep only the first array and the chunk being filled in memory: a full
 * chunk is appended to a file (counted against the disk budget) and its memory reused. The links are read
 * only to rebuild a trace and to write a checkpoint; a read of a chunk on disk loads the whole chunk into
 * a one-chunk cache, so a checkpoint reads the file sequentially.
 *
 * <p>Not thread-safe.
 */
public final class ParentLinks {

    static final int CHUNK_BITS = 16;
    static final int CHUNK = 1 << CHUNK_BITS;

    private long[] first = new long[16];
    private LongArray[] chunks = new LongArray[1];
    private long size;
    private boolean outOfMemory;
    /** Where full chunks go, or {@code null} to keep them in memory. */
    private final FingerprintDisk disk;
    private Path path;
    private FileChannel file;
    private long diskBytes;
    private boolean outOfDisk;
    private LongArray cache;
    private long cachedChunk = -1;

    /** Links kept in memory. */
    public ParentLinks() {
        this(null);
    }

    private ParentLinks(FingerprintDisk disk) {
        this.disk = disk;
    }

    /** Links whose full chunks go to a file in {@code disk}. */
    public static ParentLinks onDisk(FingerprintDisk disk) {
        return new ParentLinks(java.util.Objects.requireNonNull(disk, "disk"));
    }

    /**
     * Makes room for one more entry; false (and {@link #outOfMemory()} true) when a new chunk's memory
     * cannot be had. {@link #add} after a true answer cannot fail.
     */
    public boolean reserve() {
        if (size < CHUNK) {
            if (size == first.length) {
                first = Arrays.copyOf(first, Math.min(CHUNK, 2 * first.length));
            }
            return true;
        }
        int c = (int) (size >>> CHUNK_BITS);
        if (c < chunks.length && chunks[c] != null) {
            return true;
        }
        if (c >= chunks.length) {
            chunks = Arrays.copyOf(chunks, Math.max(c + 1, 2 * chunks.length));
        }
        if (disk != null && c >= 2 && chunks[c - 1] != null) {
            if (!spill(c - 1)) {
                return false;
            }
            chunks[c] = chunks[c - 1];
            chunks[c - 1] = null;
            return true;
        }
        LongArray chunk = LongArray.allocate(CHUNK, true);
        if (chunk == null) {
            outOfMemory = true;
            return false;
        }
        chunks[c] = chunk;
        return true;
    }

    /** Appends {@code value} as the entry of id {@link #size()}; false when no memory for it could be had. */
    public boolean add(long value) {
        if (!reserve()) {
            return false;
        }
        if (size < CHUNK) {
            first[(int) size] = value;
        } else {
            chunks[(int) (size >>> CHUNK_BITS)].set(size & (CHUNK - 1), value);
        }
        size++;
        return true;
    }

    /** Appends full chunk {@code c} to the file; false (and {@link #outOfDisk()}) when the disk refused. */
    private boolean spill(int c) {
        long bytes = 8L * CHUNK;
        if (!disk.reserve(bytes)) {
            outOfDisk = true;
            return false;
        }
        try {
            if (file == null) {
                path = Files.createTempFile(disk.directory(), "links-", ".bin");
                file = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            }
            chunks[c].writeTo(file, (c - 1) * bytes);
        } catch (IOException e) {
            disk.release(bytes);
            disk.writeFailed();
            outOfDisk = true;
            return false;
        }
        diskBytes += bytes;
        return true;
    }

    /** The entry of {@code id}. */
    public long get(long id) {
        if (id < 0 || id >= size) {
            throw new IndexOutOfBoundsException("no state " + id + " (size " + size + ")");
        }
        if (id < CHUNK) {
            return first[(int) id];
        }
        int c = (int) (id >>> CHUNK_BITS);
        LongArray chunk = chunks[c] != null ? chunks[c] : cached(c);
        return chunk.get(id & (CHUNK - 1));
    }

    /** Chunk {@code c}, read from the file into the cache unless it is there. */
    private LongArray cached(int c) {
        if (cachedChunk != c) {
            if (cache == null) {
                cache = LongArray.allocate(CHUNK, true);
                if (cache == null) {
                    throw new IllegalStateException("no memory to read the parent links on disk");
                }
            }
            try {
                cache.readFrom(file, (c - 1) * 8L * CHUNK);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the parent links on disk", e);
            }
            cachedChunk = c;
        }
        return cache;
    }

    /** True when a full chunk could not be written to disk (the budget, or a failed write). */
    public boolean outOfDisk() {
        return outOfDisk;
    }

    /** Number of entries. */
    public long size() {
        return size;
    }

    /** True when a chunk could not be allocated. */
    public boolean outOfMemory() {
        return outOfMemory;
    }

    /** Bytes of the entries' storage (8 per allocated entry). */
    public long bytes() {
        long offHeapChunks = size <= CHUNK ? 0 : ((size + CHUNK - 1) >>> CHUNK_BITS) - 1;
        if (disk != null) {
            offHeapChunks = Math.min(offHeapChunks, 1) + (cache == null ? 0 : 1);
        }
        return 8L * first.length + offHeapChunks * CHUNK * 8;
    }

    /** Gives the off-heap memory back; the links must not be used afterwards. */
    public void free() {
        for (LongArray chunk : chunks) {
            if (chunk != null) {
                chunk.free();
            }
        }
        if (cache != null) {
            cache.free();
        }
        if (file != null) {
            try {
                file.close();
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // left behind in the spill directory
            }
            disk.release(diskBytes);
        }
    }
}
