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

    /**
     * Reads {@code changed} pairs of (varint index gap, zig-zag word difference) and applies them to
     * {@code words}: the inner loop of {@link RecordCodec#decode}, hand-written for speed (position kept in a
     * local, one-byte varints read inline) because decoding was the frontier's largest CPU cost.
     */
    void applyChanges(int[] words, int changed) {
        applyChanges(words, changed, null, null);
    }

    /**
     * {@link #applyChanges(int[], int)}, recording (when {@code indices} is not null) the index of each
     * changed word in {@code indices} and its value before the change in {@code before}, in order.
     */
    void applyChanges(int[] words, int changed, int[] indices, int[] before) {
        byte[] b = buf;
        int at = pos;
        int end = limit;
        int index = -1;
        for (int k = 0; k < changed; k++) {
            long gap;
            if (at < end && b[at] >= 0) {
                gap = b[at++];
            } else {
                pos = at;
                gap = longVarint();
                at = pos;
            }
            long z;
            if (at < end && b[at] >= 0) {
                z = b[at++];
            } else {
                pos = at;
                z = longVarint();
                at = pos;
            }
            index += (int) gap + 1;
            int old = words[index];
            if (indices != null) {
                indices[k] = index;
                before[k] = old;
            }
            words[index] = (int) (old + ((z >>> 1) ^ -(z & 1)));
        }
        pos = at;
    }

    long zigzag() {
        long v = varint();
        return (v >>> 1) ^ -(v & 1);
    }
}
