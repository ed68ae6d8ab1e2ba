package org.mmspec.checker.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A growable list of {@code long}s or {@code int}s off the Java heap, in blocks of {@value #BLOCK_BYTES}
 * bytes that are never copied: the per-level bookkeeping of the shared parallel BFS (each new state's
 * discovery key, each expanded state's successor count), which would otherwise cost the heap 4 to 16 bytes
 * per state of the widest level. Only the block directory is on the heap.
 *
 * <p>The blocks come from a {@link Pool} that the search owns: a list {@link #free freed} gives its blocks
 * back to the pool, the next level's lists take them again (no allocation, and no shared-arena close, which
 * costs tens of microseconds, per block), and {@link Pool#free()} gives every block the pool ever handed
 * out back to the system at the search's end. Allocating a block the JVM refuses is an
 * {@link OutOfMemoryError}, which a parallel search's worker turns into an incomplete search.
 *
 * <p>A list is not thread-safe; a pool is.
 */
public final class OffHeapList {

    static final int BLOCK_BYTES = 32 << 10;
    private static final int INITIAL_BLOCKS = 16;

    /** Blocks of {@value #BLOCK_BYTES} bytes, reused; thread-safe. */
    public static final class Pool {

        private final List<OffHeap.Block> idle = new ArrayList<>();
        private final List<OffHeap.Block> all = new ArrayList<>();
        private boolean freed;

        synchronized OffHeap.Block take() {
            if (freed) {
                throw new IllegalStateException("the pool was freed");
            }
            if (!idle.isEmpty()) {
                return idle.remove(idle.size() - 1);
            }
            OffHeap.Block block = OffHeap.allocate(BLOCK_BYTES);
            if (block == null) {
                throw new OutOfMemoryError("no memory for " + BLOCK_BYTES + " bytes of a level's bookkeeping");
            }
            all.add(block);
            return block;
        }

        synchronized void give(OffHeap.Block block) {
            if (!freed) {
                idle.add(block);
            }
        }

        /** Bytes of every block handed out and not yet freed (off the heap). */
        public synchronized long bytes() {
            return (long) all.size() * BLOCK_BYTES;
        }

        /** Bytes of the blocks no list holds. */
        public synchronized long idleBytes() {
            return (long) idle.size() * BLOCK_BYTES;
        }

        /** Gives every block back to the system, whichever list holds it; the pool and its lists are dead after. */
        public synchronized void free() {
            if (freed) {
                return;
            }
            freed = true;
            OffHeap.Block last = null;
            for (OffHeap.Block b : all) {
                if (last != null) {
                    last.release();
                }
                last = b;
            }
            if (last != null) {
                last.free();
            }
            all.clear();
            idle.clear();
        }
    }

    /** log2 of the bytes per entry: 2 for ints, 3 for longs. */
    private final int shift;
    private final int blockBits;
    private final int mask;
    private final Pool pool;
    // room for 16 blocks from the start: growing these arrays is rare enough that the JIT compiles it as an
    // uncommon trap, and each trap recompiles the hot expansion loop that appends to a list (2 workers)
    private OffHeap.Block[] blocks = new OffHeap.Block[INITIAL_BLOCKS];
    private ByteBuffer[] buffers = new ByteBuffer[INITIAL_BLOCKS];
    private long size;
    private int blockCount;

    private OffHeapList(Pool pool, int shift) {
        this.pool = pool;
        this.shift = shift;
        this.blockBits = Integer.numberOfTrailingZeros(BLOCK_BYTES) - shift;
        this.mask = (1 << blockBits) - 1;
    }

    /** An empty list of longs whose blocks come from {@code pool}. */
    public static OffHeapList ofLongs(Pool pool) {
        return new OffHeapList(pool, 3);
    }

    /** An empty list of ints whose blocks come from {@code pool}. */
    public static OffHeapList ofInts(Pool pool) {
        return new OffHeapList(pool, 2);
    }

    /** Appends {@code v} (a list of longs). */
    public void addLong(long v) {
        buffer(size).putLong((int) (size & mask) << 3, v);
        size++;
    }

    /** Appends {@code v} (a list of ints). */
    public void addInt(int v) {
        buffer(size).putInt((int) (size & mask) << 2, v);
        size++;
    }

    /** The long at {@code i} (a list of longs). */
    public long getLong(long i) {
        check(i);
        return buffers[(int) (i >>> blockBits)].getLong((int) (i & mask) << 3);
    }

    /** The int at {@code i} (a list of ints). */
    public int getInt(long i) {
        check(i);
        return buffers[(int) (i >>> blockBits)].getInt((int) (i & mask) << 2);
    }

    /** Number of entries. */
    public long size() {
        return size;
    }

    /** Bytes of the blocks this list holds (off the heap). */
    public long bytes() {
        return (long) blockCount * BLOCK_BYTES;
    }

    /** Bytes of this list on the Java heap: the object and its block directory (an estimate). */
    public long heapBytes() {
        return 48 + 2 * (16 + 8L * blocks.length);
    }

    /** Gives the blocks back to the pool; the list is empty afterwards (and may be used again). */
    public void free() {
        for (int b = 0; b < blockCount; b++) {
            pool.give(blocks[b]);
            blocks[b] = null;
            buffers[b] = null;
        }
        blockCount = 0;
        size = 0;
    }

    /** Blocks the list can hold before its block arrays grow (tests). */
    int blockRoom() {
        return blocks.length;
    }

    private void check(long i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("no entry " + i + " (size " + size + ")");
        }
    }

    /** The block for entry {@code i} (at most the next one to append), taken from the pool if it is new. */
    private ByteBuffer buffer(long i) {
        int b = (int) (i >>> blockBits);
        if (b < blockCount) {
            return buffers[b];
        }
        if (b == blocks.length) {
            blocks = Arrays.copyOf(blocks, 2 * b);
            buffers = Arrays.copyOf(buffers, 2 * b);
        }
        OffHeap.Block block = pool.take();
        blocks[b] = block;
        buffers[b] = block.buffer().order(ByteOrder.nativeOrder());
        blockCount++;
        return buffers[b];
    }
}
