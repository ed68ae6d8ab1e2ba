package org.mmspec.checker.frontier;

import java.util.Arrays;

/** A growable byte buffer written with LEB128 varints (unsigned and zig-zag signed). Not thread-safe. */
final class ByteSink {

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
        varint((v << 1) ^ (v >> 63));
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
