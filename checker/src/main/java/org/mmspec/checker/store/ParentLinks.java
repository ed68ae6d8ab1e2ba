package org.mmspec.checker.store;

import java.util.Arrays;

/**
 * One {@code long} per state, indexed by state id. The first {@value #CHUNK} entries live in a heap
 * array that doubles as it fills (so a small search costs little); later entries live off the Java heap in
 * chunks of {@value #CHUNK} entries (512 KiB), so that nothing is ever copied again and the links grow
 * past the heap: 8 bytes per entry plus at most one partly used chunk.
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

    /** The entry of {@code id}. */
    public long get(long id) {
        if (id < 0 || id >= size) {
            throw new IndexOutOfBoundsException("no state " + id + " (size " + size + ")");
        }
        return id < CHUNK ? first[(int) id] : chunks[(int) (id >>> CHUNK_BITS)].get(id & (CHUNK - 1));
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
        return 8L * first.length + offHeapChunks * CHUNK * 8;
    }

    /** Gives the off-heap memory back; the links must not be used afterwards. */
    public void free() {
        for (LongArray chunk : chunks) {
            if (chunk != null) {
                chunk.free();
            }
        }
    }
}
