package org.mmspec.checker.store;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;

/**
 * Zeroed memory off the Java heap that can be given back at once. On a JDK with the final foreign-memory
 * API (22 and later) a block is a shared {@code Arena}'s segment seen as a {@link ByteBuffer}, and
 * {@link Block#free()} closes the arena. On JDK 21 it is a direct buffer, which the garbage collector frees
 * some time after it becomes unreachable ({@link Block#free()} then asks for a collection). Either way an
 * allocation the JVM refuses ({@link OutOfMemoryError}: the direct-memory limit, or no memory) is
 * {@code null}, so the store can end a search as incomplete.
 */
final class OffHeap {

    /** Handles of the foreign-memory API, looked up once; all {@code null} on JDK 21. */
    private static final MethodHandle OF_SHARED;
    private static final MethodHandle ALLOCATE;
    private static final MethodHandle AS_BYTE_BUFFER;
    private static final MethodHandle CLOSE;

    static {
        MethodHandle[] h = lookUp();
        OF_SHARED = h[0];
        ALLOCATE = h[1];
        AS_BYTE_BUFFER = h[2];
        CLOSE = h[3];
    }

    private OffHeap() {}

    /** A block of memory and what frees it. */
    record Block(ByteBuffer buffer, Object arena) {

        /** Gives the memory back; the buffer must not be used afterwards. */
        void free() {
            if (arena == null) {
                System.gc();
                return;
            }
            release();
        }

        /**
         * As {@link #free()}, but on JDK 21 (a direct buffer) without asking for a collection: the buffer's
         * memory goes at the next one that finds it unreachable. For blocks freed often (a level set's
         * stripes as they grow), where a collection per block would cost more than the memory.
         */
        void release() {
            if (arena == null) {
                return;
            }
            try {
                CLOSE.invoke(arena);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot free off-heap memory", e);
            }
        }
    }

    /** {@code bytes} zeroed bytes off the heap, or {@code null} when they cannot be had. */
    static Block allocate(long bytes) {
        try {
            if (OF_SHARED == null) {
                return new Block(ByteBuffer.allocateDirect(Math.toIntExact(bytes)), null);
            }
            Object arena = OF_SHARED.invoke();
            try {
                Object segment = ALLOCATE.invoke(arena, bytes, 8L);
                return new Block((ByteBuffer) AS_BYTE_BUFFER.invoke(segment), arena);
            } catch (OutOfMemoryError e) {
                CLOSE.invoke(arena);
                return null;
            }
        } catch (OutOfMemoryError e) {
            return null;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot allocate off-heap memory", e);
        }
    }

    private static MethodHandle[] lookUp() {
        if (Runtime.version().feature() < 22) {
            return new MethodHandle[4];
        }
        try {
            MethodHandles.Lookup l = MethodHandles.publicLookup();
            Class<?> arena = Class.forName("java.lang.foreign.Arena");
            Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
            return new MethodHandle[] {
                l.findStatic(arena, "ofShared", MethodType.methodType(arena)),
                l.findVirtual(arena, "allocate", MethodType.methodType(segment, long.class, long.class)),
                l.findVirtual(segment, "asByteBuffer", MethodType.methodType(ByteBuffer.class)),
                l.findVirtual(arena, "close", MethodType.methodType(void.class)),
            };
        } catch (ReflectiveOperationException e) {
            return new MethodHandle[4];
        }
    }
}
