package org.mmspec.checker.frontier;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/** A growable byte buffer written with LEB128 varints (unsigned and zig-zag signed). Not thread-safe. */
final class ByteSink {

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] buf;
    private int length;

    ByteSink(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    /** Makes room for {@code bytes} more bytes, so that the writes within them need no check. */
    void reserve(int bytes) {
        if (length + bytes > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(2 * buf.length, length + bytes));
        }
    }

    void varint(long v) {
        if (length + 10 > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(2 * buf.length, length + 10));
        }
        byte[] b = buf;
        int at = length;
        while ((v & ~0x7FL) != 0) {
            b[at++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[at++] = (byte) v;
        length = at;
    }

    void zigzag(long v) {
        varint(zigzagged(v));
    }

    /** The zig-zag form of {@code v}: small magnitudes, either sign, become small unsigned numbers. */
    static long zigzagged(long v) {
        return (v << 1) ^ (v >> 63);
    }

    /** Writes {@code v} as a varint at {@code b[at ..]} (room for 10 bytes is the caller's) and returns the end. */
    static int putVarint(byte[] b, int at, long v) {
        while ((v & ~0x7FL) != 0) {
            b[at++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[at++] = (byte) v;
        return at;
    }

    /** Writes {@code v} little-endian at {@code b[at .. at + 4)}. */
    static void putInt(byte[] b, int at, int v) {
        INT.set(b, at, v);
    }

    /** Reads the little-endian int at {@code b[at .. at + 4)}. */
    static int getInt(byte[] b, int at) {
        return (int) INT.get(b, at);
    }

    /** Appends {@code b[from .. from + n)} as they are. */
    void bytes(byte[] b, int from, int n) {
        if (length + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(2 * buf.length, length + n));
        }
        System.arraycopy(b, from, buf, length, n);
        length += n;
    }

    int length() {
        return length;
    }

    byte[] array() {
        return buf;
    }

    /** Forgets every byte from {@code newLength} on. */
    void truncate(int newLength) {
        length = newLength;
    }

    void clear() {
        length = 0;
    }

    /** Hands the bytes over and continues, empty, in {@code replacement} (grown as needed). */
    byte[] swap(byte[] replacement) {
        byte[] out = buf;
        buf = replacement.length >= 16 ? replacement : new byte[16];
        length = 0;
        return out;
    }
}
