package org.mmspec.checker.frontier;

import java.util.Arrays;
import org.mmspec.spec.semantics.StateVectors;

/**
 * The record format of a frontier block: per waiting state its node id, the thread that moved last, the
 * choice, the depth, and its vector as the words that differ from the previous record's vector (the first
 * record of a block against all zeros). Successors differ from their parent, and neighbours in a queue from
 * each other, in a few words, so a record takes a few bytes where the state takes hundreds.
 *
 * <p>The format is byte-aligned, so that encoding and decoding cost a few instructions a changed word:
 * <pre>
 *   header:  one byte 1dcc tttt   node = previous node + d, same depth, thread = tttt - 1, choice = cc
 *        or  0  zigzag(node - previous node)  varint(thread + 1)  varint(choice)  zigzag(depth - previous depth)
 *   per changed word, in index order:
 *     gap:   one byte g < 254: g words unchanged since the previous change;  254 varint(gap): a longer gap
 *     word:  one byte d != -128: the word grew by d (-127 .. 127);  -128 int32 (little-endian): its new value
 *   end:     one byte 255
 * </pre>
 * The short header is the common case of a breadth-first queue: ids are given in the order states are
 * queued, one level at a time (a parallel search's queues hold a parent's id, the same for its successors,
 * or none).
 *
 * <p>One instance encodes (or decodes) one block at a time: {@link #start} begins a block. Decoding trusts
 * its input no further than the array's bounds: a damaged record throws a runtime exception.
 */
final class RecordCodec {

    static final int END = 255;
    static final int LONG_GAP = 254;
    static final int LONG_WORD = -128;
    /** Most bytes a header takes; most bytes a changed word takes. */
    static final int HEADER_BYTES = 1 + 4 * 10;
    static final int WORD_BYTES = 1 + 5 + 1 + 4;

    private final int[] previous;
    /**
     * The state the previous record is a successor of (at {@link #previousVersion}), differing from it only at
     * {@link #previousChanged}'s bits; null when unknown ({@link #encodeSibling}).
     */
    private Object previousParent;
    private long previousVersion;
    private final long[] previousChanged;
    /**
     * The words the records decoded since {@link #takeDecoded} changed, a bit each; unknown when a block began
     * since (its first record is against all zeros, not the previous vector).
     */
    private final long[] decoded;
    private boolean decodedUnknown = true;
    private long node;
    private int depth;
    /** The fields of the record decoded last. */
    long lastNode;
    int lastThread;
    int lastChoice;
    int lastDepth;

    /** The system's word hash when its fingerprint is additive, else null. */
    private final StateVectors<?> hash;
    private final long zeroFingerprint;
    /** The sum of word hashes of {@link #previous} (only with an additive fingerprint). */
    private long fingerprint;

    RecordCodec(int vectorLength) {
        this(vectorLength, null);
    }

    /**
     * A codec that also keeps the decoded vector's fingerprint when {@code vectors} says it is additive
     * ({@link StateVectors#additiveFingerprint()}).
     */
    RecordCodec(int vectorLength, StateVectors<?> vectors) {
        previous = new int[vectorLength];
        previousChanged = new long[masksWords(vectorLength)];
        decoded = new long[previousChanged.length];
        this.hash = vectors != null && vectors.additiveFingerprint() ? vectors : null;
        long zero = 0;
        for (int i = 0; hash != null && i < vectorLength; i++) {
            zero += hash.wordHash(i, 0);
        }
        this.zeroFingerprint = zero;
        this.fingerprint = zero;
    }

    /** The number of {@code long}s of a mask of changed words of a vector of {@code vectorLength} words. */
    static int masksWords(int vectorLength) {
        return (vectorLength + 63) >>> 6;
    }

    /** Whether {@link #hashSum()} is kept. */
    boolean keepsFingerprint() {
        return hash != null;
    }

    /** The sum of word hashes of the vector decoded last (kept only with an additive fingerprint, not by encoding). */
    long hashSum() {
        return fingerprint;
    }

    /** Begins a block: the previous vector is all zeros, the previous node and depth 0. */
    void start() {
        Arrays.fill(previous, 0);
        previousParent = null;
        decodedUnknown = true;
        node = 0;
        depth = 0;
        fingerprint = zeroFingerprint;
    }

    /** Begins a block that continues from {@code other}'s position (for a copy of a partly read block). */
    void startFrom(RecordCodec other) {
        System.arraycopy(other.previous, 0, previous, 0, previous.length);
        previousParent = null;
        node = other.node;
        depth = other.depth;
        fingerprint = other.fingerprint;
    }

    void encode(ByteSink out, long recordNode, int thread, int choice, int recordDepth, int[] vector) {
        encodeHeader(out, recordNode, thread, choice, recordDepth);
        previousParent = null;
        encodeWords(out, vector);
    }

    /**
     * {@link #encode} of a vector known to differ from {@code parent}'s (at {@code parentVersion}) only at the
     * bits of {@code changed} ({@link StateVectors#changedFrom}); the same bytes. Hand-written speed code: when the
     * previous record is a successor of the same parent at the same version (siblings, the usual case in a
     * breadth-first queue), the two differ only at the union of their masks, which is walked in word order
     * instead of comparing the whole vectors ({@link #encodeUnion}). When the parent is the same reused state
     * rewritten since (a queue's head view, the next head loaded), {@code parentMoved} (else null) has a bit for
     * every word the rewriting may have changed (the words {@link #takeDecoded} gave since): the two records
     * differ only at the union of the three masks.
     */
    void encodeSibling(ByteSink out, long recordNode, int thread, int choice, int recordDepth, int[] vector,
            Object parent, long parentVersion, long[] changed, long[] parentMoved) {
        encodeHeader(out, recordNode, thread, choice, recordDepth);
        long[] prev = previousChanged;
        if (parent == previousParent && parentVersion == previousVersion) {
            encodeUnion(out, vector, prev, changed, null);
        } else if (parent == previousParent && parentMoved != null) {
            encodeUnion(out, vector, prev, changed, parentMoved);
        } else {
            encodeWords(out, vector);
        }
        previousParent = parent;
        previousVersion = parentVersion;
        System.arraycopy(changed, 0, prev, 0, prev.length);
    }

    private void encodeHeader(ByteSink out, long recordNode, int thread, int choice, int recordDepth) {
        out.reserve(HEADER_BYTES + WORD_BYTES + 1);
        byte[] b = out.array();
        int at = out.length();
        long step = recordNode - node;
        if ((step & ~1L) == 0 && recordDepth == depth && thread >= -1 && thread < 15 && choice >= 0 && choice < 4) {
            b[at++] = (byte) (0x80 | (int) step << 6 | choice << 4 | (thread + 1));
        } else {
            b[at++] = 0;
            at = ByteSink.putVarint(b, at, ByteSink.zigzagged(recordNode - node));
            at = ByteSink.putVarint(b, at, thread + 1L);
            at = ByteSink.putVarint(b, at, choice);
            at = ByteSink.putVarint(b, at, ByteSink.zigzagged((long) recordDepth - depth));
        }
        node = recordNode;
        depth = recordDepth;
        out.truncate(at);
    }

    /**
     * Appends the changed words and the end byte, in one pass: {@link Arrays#mismatch} compares the long equal
     * runs between two changes with vector instructions, where a word-by-word loop took most of an encode.
     */
    private void encodeWords(ByteSink out, int[] vector) {
        int[] p = previous;
        int n = p.length;
        byte[] b = out.array();
        int at = out.length();
        int last = -1;
        int i = 0;
        while (i < n) {
            int m = Arrays.mismatch(p, i, n, vector, i, n);
            if (m < 0) {
                break;
            }
            i += m;
            if (at + WORD_BYTES + 1 > b.length) {
                out.truncate(at);
                out.reserve(WORD_BYTES + 1);
                b = out.array();
            }
            at = putWord(b, at, i - last - 1, vector[i], p[i]);
            p[i] = vector[i];
            last = i;
            i++;
        }
        b[at++] = (byte) END;
        out.truncate(at);
    }

    /**
     * {@link #encodeWords} where the vector can differ from {@link #previous} only at the bits of {@code a},
     * {@code b} or {@code c} (if not null): those words are compared, in index order; the same bytes.
     */
    private void encodeUnion(ByteSink out, int[] vector, long[] a, long[] b, long[] c) {
        int[] p = previous;
        byte[] bytes = out.array();
        int at = out.length();
        int last = -1;
        for (int w = 0; w < a.length; w++) {
            long bits = a[w] | b[w] | (c == null ? 0 : c[w]);
            while (bits != 0) {
                int i = w << 6 | Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                int v = vector[i];
                if (v != p[i]) {
                    if (at + WORD_BYTES + 1 > bytes.length) {
                        out.truncate(at);
                        out.reserve(WORD_BYTES + 1);
                        bytes = out.array();
                    }
                    at = putWord(bytes, at, i - last - 1, v, p[i]);
                    p[i] = v;
                    last = i;
                }
            }
        }
        bytes[at++] = (byte) END;
        out.truncate(at);
    }

    /** Writes one changed word ({@code gap} unchanged before it, its value {@code v}, was {@code old}); the new end. */
    private static int putWord(byte[] b, int at, int gap, int v, int old) {
        if (gap < LONG_GAP) {
            b[at++] = (byte) gap;
        } else {
            b[at++] = (byte) LONG_GAP;
            at = ByteSink.putVarint(b, at, gap);
        }
        int d = v - old;
        if (d >= -127 && d <= 127) {
            b[at++] = (byte) d;
        } else {
            b[at++] = (byte) LONG_WORD;
            ByteSink.putInt(b, at, v);
            at += 4;
        }
        return at;
    }

    /** Decodes the next record of {@code in}: its fields into {@code last*}, its vector into {@link #vector()}. */
    void decode(ByteSource in) {
        byte[] b = in.array();
        int at = in.position();
        int tag = b[at];
        if (tag < 0) {
            in.skip(1);
            node += (tag >> 6) & 1;
            lastThread = (tag & 0x0F) - 1;
            lastChoice = (tag >> 4) & 0x03;
        } else {
            in.skip(1);
            node += in.zigzag();
            lastThread = (int) in.varint() - 1;
            lastChoice = (int) in.varint();
            depth += (int) in.zigzag();
        }
        lastNode = node;
        lastDepth = depth;
        if (hash == null) {
            decodeWords(in);
        } else {
            decodeHashedWords(in);
        }
    }

    /**
     * Applies a record's words to {@link #previous}. The same loop as {@link #decodeHashedWords} without the
     * fingerprint, written out twice on purpose: this is the frontier's hottest loop, and the copy without a
     * hash pays nothing for it.
     */
    private void decodeWords(ByteSource in) {
        byte[] b = in.array();
        int[] words = previous;
        long[] marks = decoded;
        int at = in.position();
        int index = -1;
        while (true) {
            int gap = b[at++] & 0xFF;
            if (gap >= LONG_GAP) {
                if (gap == END) {
                    break;
                }
                in.moveTo(at);
                gap = (int) in.varint();
                at = in.position();
            }
            index += gap + 1;
            marks[index >>> 6] |= 1L << index;
            int d = b[at++];
            if (d != LONG_WORD) {
                words[index] += d;
            } else {
                words[index] = ByteSink.getInt(b, at);
                at += 4;
            }
        }
        in.moveTo(at);
    }

    /** {@link #decodeWords}, keeping {@link #fingerprint} the sum of the vector's word hashes. */
    private void decodeHashedWords(ByteSource in) {
        byte[] b = in.array();
        int[] words = previous;
        long[] marks = decoded;
        StateVectors<?> h = hash;
        long fp = fingerprint;
        int at = in.position();
        int index = -1;
        while (true) {
            int gap = b[at++] & 0xFF;
            if (gap >= LONG_GAP) {
                if (gap == END) {
                    break;
                }
                in.moveTo(at);
                gap = (int) in.varint();
                at = in.position();
            }
            index += gap + 1;
            marks[index >>> 6] |= 1L << index;
            int d = b[at++];
            int old = words[index];
            int v;
            if (d != LONG_WORD) {
                v = old + d;
            } else {
                v = ByteSink.getInt(b, at);
                at += 4;
            }
            words[index] = v;
            fp += h.wordHash(index, v) - h.wordHash(index, old);
        }
        fingerprint = fp;
        in.moveTo(at);
    }

    /**
     * Adds to {@code into} a bit for every word the records decoded since the last call changed, and forgets
     * them; false when that is unknown (a block began since: its first record is against all zeros).
     */
    boolean takeDecoded(long[] into) {
        long[] d = decoded;
        for (int w = 0; w < d.length; w++) {
            into[w] |= d[w];
            d[w] = 0;
        }
        boolean known = !decodedUnknown;
        decodedUnknown = false;
        return known;
    }

    /** The vector of the record encoded or decoded last (read-only; copy it to keep it). */
    int[] vector() {
        return previous;
    }
}
