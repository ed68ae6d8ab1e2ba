package org.mmspec.checker.store;

/**
 * One {@code int} per state, indexed by state id (the parent links of a {@link StateStore} while they fit
 * 32 bits), in chunks of {@value #CHUNK} entries so that the array
 * never has to be copied whole. The last chunk starts small and grows by 1/8 at a time (copying at most
 * one chunk) until it is full, so at most 1/8 of the entries are allocated but unused: 4.5 bytes per entry
 * in the worst case, tending to 4.
 *
 * <p>Not thread-safe.
 */
final class NarrowLinks {

    static final int CHUNK_BITS = 16;
    static final int CHUNK = 1 << CHUNK_BITS;
    private static final int FIRST_CHUNK_LENGTH = 1;

    private int[][] chunks = new int[1][];
    private long size;
    private long bytes;

    /** Appends {@code value} as the entry of id {@link #size()}. */
    void add(int value) {
        int c = (int) (size >>> CHUNK_BITS);
        int offset = (int) (size & (CHUNK - 1));
        if (offset == 0) {
            if (c == chunks.length) {
                chunks = java.util.Arrays.copyOf(chunks, 2 * c);
            }
            chunks[c] = new int[FIRST_CHUNK_LENGTH];
            bytes += 4L * FIRST_CHUNK_LENGTH;
        } else if (offset == chunks[c].length) {
            int length = Math.min(CHUNK, Math.max(offset + 1, offset + offset / 8));
            chunks[c] = java.util.Arrays.copyOf(chunks[c], length);
            bytes += 4L * (length - offset);
        }
        chunks[c][offset] = value;
        size++;
    }

    /** The entry of {@code id}. */
    int get(long id) {
        if (id < 0 || id >= size) {
            throw new IndexOutOfBoundsException("no state " + id + " (size " + size + ")");
        }
        return chunks[(int) (id >>> CHUNK_BITS)][(int) (id & (CHUNK - 1))];
    }

    /** Replaces the entry of {@code id} (an existing one). */
    void set(long id, int value) {
        if (id < 0 || id >= size) {
            throw new IndexOutOfBoundsException("no state " + id + " (size " + size + ")");
        }
        chunks[(int) (id >>> CHUNK_BITS)][(int) (id & (CHUNK - 1))] = value;
    }

    /** Number of entries. */
    long size() {
        return size;
    }

    /** Bytes of the chunks' payload (4 per allocated entry; the chunk directory is not counted). */
    long bytes() {
        return bytes;
    }
}
