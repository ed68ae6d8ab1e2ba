package org.mmspec.checker.store;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.ByteOrder;
import java.nio.LongBuffer;

/**
 * A fixed-length array of {@code long}s indexed by {@code long}: on the Java heap when small, off the heap
 * (direct memory, in chunks of {@value #CHUNK_LONGS} longs) from {@value #HEAP_MAX} longs on, so that the
 * fingerprint store and the parent links can grow past the heap and past the 2^31-element limit of a Java
 * array. Starts zeroed. {@link #free()} gives direct memory back at once rather than at the next garbage
 * collection ({@link OffHeap}).
 *
 * <p>Allocating direct memory beyond the JVM's limit ({@code -XX:MaxDirectMemorySize}, by default the
 * maximum heap size) throws {@link OutOfMemoryError}; {@link #allocate} turns that into {@code null} so that
 * callers can end a search as incomplete.
 *
 * <p>{@link #get} and {@link #set} are plain accesses (not thread-safe); {@link #compareAndExchange} and
 * {@link #getVolatile} are atomic, on the heap through a {@link VarHandle} on the {@code long[]}, off the
 * heap through a byte-buffer view {@link VarHandle} on each chunk (the chunks are 8-byte aligned).
 */
final class LongArray {

    private static final VarHandle HEAP = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle DIRECT = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    /** Longs kept on the heap at most (128 MiB: a table of about 15 million states; heap arrays are faster to probe). */
    static final long HEAP_MAX = 1L << 24;
    static final int CHUNK_BITS = 24;
    static final int CHUNK_LONGS = 1 << CHUNK_BITS;
    private static final int CHUNK_MASK = CHUNK_LONGS - 1;
    private final long length;
    private final long[] heap;
    private final LongBuffer[] chunks;
    private final ByteBuffer[] bytes;
    private final OffHeap.Block[] buffers;

    private LongArray(long length, long[] heap, OffHeap.Block[] buffers) {
        this.length = length;
        this.heap = heap;
        this.buffers = buffers;
        this.chunks = new LongBuffer[buffers.length];
        this.bytes = new ByteBuffer[buffers.length];
        for (int i = 0; i < buffers.length; i++) {
            bytes[i] = buffers[i].buffer().order(ByteOrder.nativeOrder());
            chunks[i] = bytes[i].asLongBuffer();
        }
    }

    /** A zeroed array of {@code length} longs, or {@code null} when the memory cannot be had. */
    static LongArray allocate(long length) {
        return allocate(length, length > HEAP_MAX);
    }

    /**
     * A zeroed array of {@code length} longs, off the heap if {@code offHeap} (or if too long for the
     * heap), or {@code null} when the memory cannot be had.
     */
    static LongArray allocate(long length, boolean offHeap) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        if (!offHeap && length <= HEAP_MAX) {
            return new LongArray(length, new long[(int) length], new OffHeap.Block[0]);
        }
        int n = (int) ((length + CHUNK_MASK) >>> CHUNK_BITS);
        OffHeap.Block[] buffers = new OffHeap.Block[n];
        for (int i = 0; i < n; i++) {
            long longs = Math.min(CHUNK_LONGS, length - ((long) i << CHUNK_BITS));
            buffers[i] = OffHeap.allocate(8 * longs);
            if (buffers[i] == null) {
                for (OffHeap.Block b : buffers) {
                    if (b != null) {
                        b.free();
                    }
                }
                return null;
            }
        }
        return new LongArray(length, null, buffers);
    }

    long length() {
        return length;
    }

    /** True when the longs live off the heap. */
    boolean offHeap() {
        return heap == null;
    }

    long get(long i) {
        if (heap != null) {
            return heap[(int) i];
        }
        return chunks[(int) (i >>> CHUNK_BITS)].get((int) (i & CHUNK_MASK));
    }

    /** The sum of the longs at the indices {@code at[0 .. n-1]}: the reads in one tight loop, so that their misses overlap. */
    long sum(long[] at, int n) {
        long sum = 0;
        if (heap != null) {
            for (int k = 0; k < n; k++) {
                sum += heap[(int) at[k]];
            }
            return sum;
        }
        for (int k = 0; k < n; k++) {
            long i = at[k];
            sum += chunks[(int) (i >>> CHUNK_BITS)].get((int) (i & CHUNK_MASK));
        }
        return sum;
    }

    /**
     * Copies longs {@code from .. from + n - 1} into {@code dst[0 .. n - 1]}: one bulk copy per chunk (for
     * loops over a whole table without a chunk look-up and bounds check per long).
     */
    void read(long from, long[] dst, int n) {
        if (heap != null) {
            System.arraycopy(heap, (int) from, dst, 0, n);
            return;
        }
        int done = 0;
        while (done < n) {
            long i = from + done;
            int offset = (int) (i & CHUNK_MASK);
            int k = Math.min(n - done, CHUNK_LONGS - offset);
            chunks[(int) (i >>> CHUNK_BITS)].get(offset, dst, done, k);
            done += k;
        }
    }

    void set(long i, long value) {
        if (heap != null) {
            heap[(int) i] = value;
        } else {
            chunks[(int) (i >>> CHUNK_BITS)].put((int) (i & CHUNK_MASK), value);
        }
    }

    /**
     * Atomically sets long {@code i} to {@code value} if it is {@code expected} (volatile semantics); the
     * value it held (the witness: {@code expected} when the exchange took place).
     */
    long compareAndExchange(long i, long expected, long value) {
        if (heap != null) {
            return (long) HEAP.compareAndExchange(heap, (int) i, expected, value);
        }
        return (long) DIRECT.compareAndExchange(bytes[(int) (i >>> CHUNK_BITS)], (int) (i & CHUNK_MASK) << 3,
                expected, value);
    }

    /** Long {@code i}, read with volatile semantics. */
    long getVolatile(long i) {
        if (heap != null) {
            return (long) HEAP.getVolatile(heap, (int) i);
        }
        return (long) DIRECT.getVolatile(bytes[(int) (i >>> CHUNK_BITS)], (int) (i & CHUNK_MASK) << 3);
    }

    /** Writes the longs of this off-heap array to {@code file} at {@code position} (native byte order). */
    void writeTo(FileChannel file, long position) throws IOException {
        long at = position;
        for (OffHeap.Block b : buffers) {
            ByteBuffer bytes = b.buffer().duplicate().clear();
            while (bytes.hasRemaining()) {
                at += file.write(bytes, at);
            }
        }
    }

    /** Reads the longs of this off-heap array from {@code file} at {@code position}, as {@link #writeTo} wrote them. */
    void readFrom(FileChannel file, long position) throws IOException {
        long at = position;
        for (OffHeap.Block b : buffers) {
            ByteBuffer bytes = b.buffer().duplicate().clear();
            while (bytes.hasRemaining()) {
                int n = file.read(bytes, at);
                if (n < 0) {
                    throw new IOException("a file of longs ends early");
                }
                at += n;
            }
        }
    }

    /**
     * Gives the off-heap memory back without forcing a collection on JDK 21 ({@link OffHeap.Block#release()});
     * the array must not be used afterwards.
     */
    void release() {
        for (int i = 0; i < buffers.length; i++) {
            if (buffers[i] != null) {
                buffers[i].release();
            }
            buffers[i] = null;
            chunks[i] = null;
            bytes[i] = null;
        }
    }

    /** Gives the off-heap memory back now; the array must not be used afterwards. */
    void free() {
        for (int i = 0; i < buffers.length; i++) {
            if (buffers[i] != null) {
                buffers[i].free();
            }
            buffers[i] = null;
            chunks[i] = null;
            bytes[i] = null;
        }
    }
}
