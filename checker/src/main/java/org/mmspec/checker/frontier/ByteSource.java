package org.mmspec.checker.frontier;

/** Reads what a {@link ByteSink} wrote. Not thread-safe. */
final class ByteSource {

    private byte[] buf = new byte[0];
    private int pos;
    private int limit;

    void reset(byte[] bytes, int from, int to) {
        buf = bytes;
        pos = from;
        limit = to;
    }

    boolean hasMore() {
        return pos < limit;
    }

    int position() {
        return pos;
    }

    int limit() {
        return limit;
    }

    byte[] array() {
        return buf;
    }

    /** Passes over {@code n} bytes. */
    void skip(int n) {
        pos += n;
    }

    /** Continues at byte {@code at} (a position a caller reading the array directly reached). */
    void moveTo(int at) {
        pos = at;
    }

    long varint() {
        if (pos < limit && buf[pos] >= 0) {
            return buf[pos++];
        }
        return longVarint();
    }

    private long longVarint() {
        long v = 0;
        int shift = 0;
        while (true) {
            if (pos >= limit) {
                throw new IllegalStateException("truncated record at byte " + pos);
            }
            byte b = buf[pos++];
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
            shift += 7;
        }
    }

    long zigzag() {
        long v = varint();
        return (v >>> 1) ^ -(v & 1);
    }
}
