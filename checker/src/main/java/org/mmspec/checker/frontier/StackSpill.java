package org.mmspec.checker.frontier;

import java.util.Arrays;

/**
 * Where a {@link DeltaStack} keeps its bottom frames when the in-memory budget of its {@link SpillSpace}
 * runs out: one append-only file of segments, each the serialised frames of one stretch of the stack. The
 * stack spills from the bottom and reads back from the top of what it spilled, so segments leave in the
 * reverse order they came: reading one back truncates the file to where it began (its disk bytes are given
 * back to the budget at once), and the file is deleted when the last segment comes back.
 *
 * <p>The in-memory side is accounted in the space's memory budget in chunks: {@link #fits} reserves more
 * when the stack grows; {@link #trim} gives back what a smaller stack no longer needs.
 *
 * <p>Not thread-safe.
 */
final class StackSpill {

    /** Memory is reserved from the space in chunks of this many bytes. */
    static final long CHUNK = 16 << 10;

    private final SpillSpace space;
    private SpillSpace.SpillFile file;
    /** Per segment: where it starts in the file, its length and how many frames it holds. */
    private long[] offsets = new long[8];
    private int[] lengths = new int[8];
    private int[] frames = new int[8];
    private int segments;
    private long reserved;

    StackSpill(SpillSpace space) {
        this.space = space;
    }

    /** True when {@code heldBytes} in memory fit the budget, reserving more of it if needed. */
    boolean fits(long heldBytes) {
        if (heldBytes <= reserved) {
            return true;
        }
        long more = heldBytes - reserved + CHUNK;
        if (space.reserveMemory(more)) {
            reserved += more;
            return true;
        }
        return false;
    }

    /** Gives back the reservation beyond {@code heldBytes} and a chunk. */
    void trim(long heldBytes) {
        if (reserved > heldBytes + 2 * CHUNK) {
            long back = reserved - heldBytes - CHUNK;
            space.releaseMemory(back);
            reserved -= back;
        }
    }

    /**
     * Appends a segment of {@code frameCount} frames, {@code bytes[0 .. n)}; false when the disk budget ran
     * out or the disk is full ({@link SpillSpace#failure()}), with nothing written.
     */
    boolean write(byte[] bytes, int n, int frameCount) {
        if (file == null) {
            file = space.newFile("dfs-stack");
            if (file == null) {
                return false;
            }
        }
        long at = file.append(bytes, n);
        if (at < 0) {
            return false;
        }
        if (segments == offsets.length) {
            offsets = Arrays.copyOf(offsets, 2 * segments);
            lengths = Arrays.copyOf(lengths, 2 * segments);
            frames = Arrays.copyOf(frames, 2 * segments);
        }
        offsets[segments] = at;
        lengths[segments] = n;
        frames[segments] = frameCount;
        segments++;
        return true;
    }

    boolean isEmpty() {
        return segments == 0;
    }

    /** Frames in the last segment. */
    int lastFrames() {
        return frames[segments - 1];
    }

    /** Reads the last segment back, removing it from the file; its bytes. */
    byte[] readLast() {
        int k = --segments;
        byte[] bytes = new byte[lengths[k]];
        file.read(offsets[k], bytes, lengths[k]);
        if (segments == 0) {
            file.delete();
            file = null;
        } else {
            file.truncate(offsets[k]);
        }
        return bytes;
    }

    /** Segment {@code k}'s bytes, left in place (for a checkpoint). */
    byte[] read(int k) {
        byte[] bytes = new byte[lengths[k]];
        file.read(offsets[k], bytes, lengths[k]);
        return bytes;
    }

    int segments() {
        return segments;
    }

    /** Deletes the file and gives back the memory reserved. */
    void close() {
        if (file != null) {
            file.delete();
            file = null;
        }
        segments = 0;
        space.releaseMemory(reserved);
        reserved = 0;
    }
}
