package org.mmspec.checker.store;

import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.Arrays;

/**
 * One {@code int} per state, indexed by state id (the parent links of a {@link StateStore} or a
 * {@link SharedStore} while they fit 32 bits), in chunks of {@value #CHUNK} entries so that nothing is
 * ever copied whole. The first chunk is a heap array, so a small search costs little and allocates nothing
 * off the heap; every later chunk lives off the Java heap ({@link OffHeap}), so that up to 2^29 or more
 * links (2 GiB) do not fill the launcher's 512 MiB heap.
 *
 * <p>The last chunk grows by 1/8 at a time (the first from 1 entry, an off-heap one from {@value #CHUNK}/8
 * entries in steps of at least that, copying at most one chunk), so at most 1/8 of the entries are
 * allocated but unused: 4.5 bytes per entry in the worst case, tending to 4. {@link #bytes()} counts them
 * all, on the heap or off it. {@link #free()} gives the off-heap chunks back at once.
 *
 * <p>Not thread-safe.
 */
final class NarrowLinks {

    static final int CHUNK_BITS = 16;
    static final int CHUNK = 1 << CHUNK_BITS;
    /** Entries of an off-heap chunk when it is allocated, and its least growth step. */
    static final int OFF_HEAP_STEP = CHUNK / 8;
    private static final int FIRST_CHUNK_LENGTH = 1;

    private int[] first = new int[FIRST_CHUNK_LENGTH];
    /** Chunks 1.. (index 0 unused): off-heap blocks and their int views. */
    private OffHeap.Block[] blocks = new OffHeap.Block[2];
    private IntBuffer[] views = new IntBuffer[2];
    private long size;
    private long bytes = 4L * FIRST_CHUNK_LENGTH;

    /**
     * Makes room for one more entry; false when an off-heap chunk could not be had. {@link #add} after a
     * true answer cannot fail.
     */
    boolean reserve() {
        if (size < CHUNK) {
            int at = (int) size;
            if (at == first.length) {
                int length = Math.min(CHUNK, Math.max(at + 1, at + at / 8));
                first = Arrays.copyOf(first, length);
                bytes += 4L * (length - at);
            }
            return true;
        }
        int c = (int) (size >>> CHUNK_BITS);
        int offset = (int) (size & (CHUNK - 1));
        return c < views.length && views[c] != null && offset < views[c].capacity() || grow(c, offset);
    }

    /**
     * Appends {@code value} as the entry of id {@link #size()}; false when an off-heap chunk could not be
     * had (nothing was appended then).
     */
    boolean add(int value) {
        if (!reserve()) {
            return false;
        }
        if (size < CHUNK) {
            first[(int) size] = value;
        } else {
            views[(int) (size >>> CHUNK_BITS)].put((int) (size & (CHUNK - 1)), value);
        }
        size++;
        return true;
    }

    /**
     * Appends {@code n} entries of 0, a chunk's room at a time (entries past {@link #size()} are zero: chunks
     * are allocated zeroed and never shrink); false when an off-heap chunk could not be had (the entries
     * appended until then stay).
     */
    boolean addZeros(long n) {
        long end = size + n;
        while (size < end) {
            if (!reserve()) {
                return false;
            }
            long room = size < CHUNK ? first.length
                    : (size & -CHUNK) + views[(int) (size >>> CHUNK_BITS)].capacity();
            size = Math.min(end, room);
        }
        return true;
    }

    /** Makes chunk {@code c} hold more than {@code offset} entries, copying its first {@code offset}. */
    private boolean grow(int c, int offset) {
        if (c >= views.length) {
            blocks = Arrays.copyOf(blocks, 2 * c);
            views = Arrays.copyOf(views, 2 * c);
        }
        int length = Math.min(CHUNK, offset + Math.max(OFF_HEAP_STEP, offset / 8));
        OffHeap.Block block = OffHeap.allocate(4L * length);
        if (block == null) {
            return false;
        }
        IntBuffer view = block.buffer().order(ByteOrder.nativeOrder()).asIntBuffer();
        if (offset > 0) {
            view.put(0, views[c], 0, offset);
            blocks[c].release();
        }
        blocks[c] = block;
        views[c] = view;
        bytes += 4L * (length - offset);
        return true;
    }

    /** The entry of {@code id}. */
    int get(long id) {
        if (id < 0 || id >= size) {
            throw new IndexOutOfBoundsException("no state " + id + " (size " + size + ")");
        }
        if (id < CHUNK) {
            return first[(int) id];
        }
        return views[(int) (id >>> CHUNK_BITS)].get((int) (id & (CHUNK - 1)));
    }

    /** Replaces the entry of {@code id} (an existing one). */
    void set(long id, int value) {
        if (id < 0 || id >= size) {
            throw new IndexOutOfBoundsException("no state " + id + " (size " + size + ")");
        }
        if (id < CHUNK) {
            first[(int) id] = value;
        } else {
            views[(int) (id >>> CHUNK_BITS)].put((int) (id & (CHUNK - 1)), value);
        }
    }

    /** Number of entries. */
    long size() {
        return size;
    }

    /** Bytes of the chunks' payload, on the heap and off it (4 per allocated entry; the directory is not counted). */
    long bytes() {
        return bytes;
    }

    /** Bytes of the off-heap chunks alone. */
    long offHeapBytes() {
        return bytes - 4L * first.length;
    }

    /** Gives the off-heap chunks back now; the links must not be used afterwards. Idempotent. */
    void free() {
        OffHeap.Block last = null;
        for (int c = 0; c < blocks.length; c++) {
            if (blocks[c] != null) {
                if (last != null) {
                    last.release();
                }
                last = blocks[c];
                blocks[c] = null;
                views[c] = null;
            }
        }
        if (last != null) {
            last.free();      // at most one collection asked for on JDK 21, none later
        }
        bytes = 4L * first.length;
    }
}
