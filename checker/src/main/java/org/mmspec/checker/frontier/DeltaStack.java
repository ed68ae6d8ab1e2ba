package org.mmspec.checker.frontier;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.mmspec.spec.semantics.StateVectors;

/**
 * The states of a depth-first stack as vector deltas: each frame stores only the words in which its state
 * differs from the frame below (a successor differs from its parent in a few words), in one growable
 * byte stack, and the top frame's whole vector is kept. Pushing appends the child's delta; popping applies
 * the top delta backwards, which restores the parent's vector. State objects are kept for the top
 * {@value #KEPT} frames only; a deeper frame's state is rebuilt from its vector when the search pops back
 * to it. Each frame also carries a few words of the search's own ({@link #meta}).
 *
 * <p>A frame's pending successors (the other successors of a step with several) are kept the same way,
 * each as its delta against the frame's own vector.
 *
 * <p>Given a {@link SpillSpace}, the stack keeps in memory what fits the space's memory budget (the
 * frontier's, {@code --frontier-memory}) and spills its bottom frames to disk, {@value #SEGMENT} at a time
 * ({@link StackSpill}), reading them back when the search pops down to them; the top {@value #SEGMENT}
 * frames always stay in memory. A push that cannot spill (disk budget, full disk) returns false.
 *
 * <p>Not thread-safe.
 */
public final class DeltaStack<S> implements AutoCloseable {

    /** Frames whose state objects are kept. */
    static final int KEPT = 64;
    /** Frames per spilled segment. */
    static final int SEGMENT = 64;
    /** Bytes a frame costs in memory besides its deltas and meta words (its slots in the frame arrays). */
    static final int FRAME_BYTES = 32;

    private final StateVectors<S> vectors;
    private final int metaWords;
    private final StackSpill spill;
    private final int[] current;
    private final int[] scratch;
    private final ByteSink bytes = new ByteSink(1 << 12);
    private final ByteSource source = new ByteSource();
    private int[] deltaStart = new int[16];
    private Object[] states = new Object[16];
    private byte[][] pending = new byte[16][];
    private int[] pendingPos = new int[16];
    private int[] pendingLeft = new int[16];
    private long[] meta;
    private long pendingBytes;
    /** Frames on disk (the bottom ones). */
    private int base;
    /** Frames in memory: frame {@code base + i} is at index {@code i} of the arrays. */
    private int live;

    /** A stack kept in memory, with no meta words. */
    public DeltaStack(StateVectors<S> vectors) {
        this(vectors, 0, null);
    }

    /**
     * @param metaWords the search's words per frame
     * @param space where to spill past the memory budget, or {@code null} to keep everything in memory
     */
    public DeltaStack(StateVectors<S> vectors, int metaWords, SpillSpace space) {
        this.vectors = vectors;
        this.metaWords = metaWords;
        this.meta = new long[16 * metaWords];
        this.spill = space == null ? null : new StackSpill(space);
        this.current = new int[vectors.vectorLength()];
        this.scratch = new int[vectors.vectorLength()];
    }

    /**
     * Pushes {@code state} (the first frame, or a successor of the top frame's state), its meta words zero;
     * false when frames had to spill and could not ({@link SpillSpace#failure()}): the push itself was done.
     */
    public boolean push(S state) {
        grow();
        vectors.copyVector(state, scratch);
        deltaStart[live] = bytes.length();
        writeDelta(bytes, current, scratch);
        System.arraycopy(scratch, 0, current, 0, current.length);
        states[live] = state;
        pending[live] = null;
        Arrays.fill(meta, live * metaWords, (live + 1) * metaWords, 0L);
        if (live >= KEPT) {
            states[live - KEPT] = null;
        }
        live++;
        return spillIfOver();
    }

    /** Pops the top frame; the frame below becomes the top, read back from disk or rebuilt as needed. */
    public void pop() {
        int top = --live;
        source.reset(bytes.array(), deltaStart[top], bytes.length());
        int changed = (int) source.varint();
        int index = -1;
        for (int k = 0; k < changed; k++) {
            index += (int) source.varint() + 1;
            current[index] = (int) (current[index] - source.zigzag());
        }
        bytes.truncate(deltaStart[top]);
        states[top] = null;
        dropPending(top);
        if (live == 0 && base > 0) {
            readBack();
        }
        if (live > 0 && states[live - 1] == null) {
            states[live - 1] = vectors.fromVector(current.clone());
        }
        if (spill != null) {
            spill.trim(held());
        }
    }

    public int size() {
        return base + live;
    }

    /** Frames now on disk. */
    public int spilledFrames() {
        return base;
    }

    @SuppressWarnings("unchecked")
    public S top() {
        return (S) states[live - 1];
    }

    /** The top frame's meta word {@code w}. */
    public long meta(int w) {
        return meta[(live - 1) * metaWords + w];
    }

    public void setMeta(int w, long value) {
        meta[(live - 1) * metaWords + w] = value;
    }

    /** Keeps {@code count} successors of the top frame, from {@code from} on, to hand out with {@link #takePending}. */
    public void holdPending(Object[] successors, int from, int count) {
        ByteSink sink = new ByteSink(64 * count);
        for (int i = 0; i < count; i++) {
            @SuppressWarnings("unchecked")
            S s = (S) successors[from + i];
            vectors.copyVector(s, scratch);
            writeDelta(sink, current, scratch);
        }
        int top = live - 1;
        dropPending(top);
        pending[top] = Arrays.copyOf(sink.array(), sink.length());
        pendingBytes += sink.length();
        pendingPos[top] = 0;
        pendingLeft[top] = count;
    }

    /** True when the top frame has pending successors. */
    public boolean hasPending() {
        return pending[live - 1] != null;
    }

    /** The top frame's next pending successor. */
    public S takePending() {
        int top = live - 1;
        byte[] p = pending[top];
        source.reset(p, pendingPos[top], p.length);
        System.arraycopy(current, 0, scratch, 0, current.length);
        int changed = (int) source.varint();
        int index = -1;
        for (int k = 0; k < changed; k++) {
            index += (int) source.varint() + 1;
            scratch[index] = (int) (scratch[index] + source.zigzag());
        }
        pendingPos[top] = source.position();
        if (--pendingLeft[top] == 0) {
            dropPending(top);
        }
        return vectors.fromVector(scratch.clone());
    }

    /** Bytes of the deltas held in memory. */
    public long bytes() {
        return bytes.length();
    }

    /** Writes every frame, bottom first (those on disk too), for a checkpoint. */
    public void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(metaWords);
        out.writeInt(size());
        for (int k = 0; spill != null && k < spill.segments(); k++) {
            out.write(spill.read(k));
        }
        for (int i = 0; i < live; i++) {
            writeFrame(out, i);
        }
    }

    /**
     * Pushes the frames {@link #writeTo} wrote onto this empty stack; false when they do not fit the disk
     * budget. Throws {@link IOException} (or an unchecked exception) when the bytes are not such frames.
     */
    public boolean readFrom(DataInputStream in) throws IOException {
        if (size() != 0 || in.readInt() != metaWords) {
            throw new IOException("not a stack of this search");
        }
        int frames = in.readInt();
        if (frames < 0) {
            throw new IOException("a negative frame count");
        }
        for (int f = 0; f < frames; f++) {
            readFrame(in, true);
            if (!spillIfOver()) {
                return false;
            }
        }
        if (live > 0) {
            states[live - 1] = vectors.fromVector(current.clone());
        }
        return true;
    }

    /** Deletes the spilled frames and gives back the memory reserved. */
    @Override
    public void close() {
        if (spill != null) {
            spill.close();
        }
    }

    private long held() {
        return bytes.length() + pendingBytes + (long) live * (FRAME_BYTES + 8L * metaWords);
    }

    /** Spills bottom segments while the stack is over its memory budget; false when the disk refused one. */
    private boolean spillIfOver() {
        if (spill == null) {
            return true;
        }
        while (live >= 2 * SEGMENT && !spill.fits(held())) {
            if (!spillBottom(SEGMENT)) {
                return false;
            }
        }
        return true;
    }

    private boolean spillBottom(int n) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(256 * n);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            for (int i = 0; i < n; i++) {
                writeFrame(out, i);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!spill.write(buffer.toByteArray(), buffer.size(), n)) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            dropPending(i);
        }
        int cut = deltaStart[n];
        byte[] a = bytes.array();
        System.arraycopy(a, cut, a, 0, bytes.length() - cut);
        bytes.truncate(bytes.length() - cut);
        int rest = live - n;
        for (int i = 0; i < rest; i++) {
            deltaStart[i] = deltaStart[i + n] - cut;
        }
        System.arraycopy(states, n, states, 0, rest);
        System.arraycopy(pending, n, pending, 0, rest);
        System.arraycopy(pendingPos, n, pendingPos, 0, rest);
        System.arraycopy(pendingLeft, n, pendingLeft, 0, rest);
        System.arraycopy(meta, n * metaWords, meta, 0, rest * metaWords);
        Arrays.fill(states, rest, live, null);
        Arrays.fill(pending, rest, live, null);
        base += n;
        live = rest;
        return true;
    }

    /** Reads the last spilled segment back into the (empty) memory side. */
    private void readBack() {
        int n = spill.lastFrames();
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(spill.readLast()));
        try {
            for (int i = 0; i < n; i++) {
                readFrame(in, false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the spilled stack is damaged", e);
        }
        base -= n;
    }

    private void writeFrame(DataOutput out, int i) throws IOException {
        for (int w = 0; w < metaWords; w++) {
            out.writeLong(meta[i * metaWords + w]);
        }
        int end = i + 1 < live ? deltaStart[i + 1] : bytes.length();
        out.writeInt(end - deltaStart[i]);
        out.write(bytes.array(), deltaStart[i], end - deltaStart[i]);
        byte[] p = pending[i];
        out.writeInt(p == null ? -1 : p.length);
        if (p != null) {
            out.write(p);
            out.writeInt(pendingPos[i]);
            out.writeInt(pendingLeft[i]);
        }
    }

    /** Appends a frame {@link #writeFrame} wrote; with {@code forward}, applies its delta to the top vector. */
    private void readFrame(DataInput in, boolean forward) throws IOException {
        grow();
        for (int w = 0; w < metaWords; w++) {
            meta[live * metaWords + w] = in.readLong();
        }
        byte[] delta = new byte[in.readInt()];
        in.readFully(delta);
        deltaStart[live] = bytes.length();
        bytes.bytes(delta, 0, delta.length);
        if (forward) {
            applyForward(delta);
        }
        int n = in.readInt();
        pending[live] = null;
        if (n >= 0) {
            byte[] p = new byte[n];
            in.readFully(p);
            pending[live] = p;
            pendingBytes += n;
            pendingPos[live] = in.readInt();
            pendingLeft[live] = in.readInt();
        }
        states[live] = null;
        live++;
    }

    private void applyForward(byte[] delta) {
        source.reset(delta, 0, delta.length);
        int changed = (int) source.varint();
        int index = -1;
        for (int k = 0; k < changed; k++) {
            index += (int) source.varint() + 1;
            current[index] = (int) (current[index] + source.zigzag());
        }
    }

    private void dropPending(int i) {
        if (pending[i] != null) {
            pendingBytes -= pending[i].length;
            pending[i] = null;
        }
    }

    private void grow() {
        if (live == states.length) {
            int n = 2 * live;
            deltaStart = Arrays.copyOf(deltaStart, n);
            states = Arrays.copyOf(states, n);
            pending = Arrays.copyOf(pending, n);
            pendingPos = Arrays.copyOf(pendingPos, n);
            pendingLeft = Arrays.copyOf(pendingLeft, n);
            meta = Arrays.copyOf(meta, n * metaWords);
        }
    }

    private static void writeDelta(ByteSink out, int[] from, int[] to) {
        int changed = 0;
        for (int i = 0; i < from.length; i++) {
            if (from[i] != to[i]) {
                changed++;
            }
        }
        out.varint(changed);
        int last = -1;
        for (int i = 0; i < from.length; i++) {
            if (from[i] != to[i]) {
                out.varint(i - last - 1);
                out.zigzag((long) to[i] - from[i]);
                last = i;
            }
        }
    }
}
