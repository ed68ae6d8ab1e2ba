package org.mmspec.checker.frontier;

import java.util.Arrays;
import org.mmspec.spec.semantics.StateVectors;

/**
 * The record format of a compressed frontier block: per waiting state its node id, the thread that moved
 * last, the choice, the depth, and its vector as the words that differ from the previous record's vector
 * (the first record of a block against all zeros). Successors differ from their parent, and neighbours in a
 * queue from each other, in a few words, so a record takes a few bytes where the state takes hundreds.
 *
 * <pre>
 *   zigzag(node - previous node)  varint(thread + 1)  varint(choice)  zigzag(depth - previous depth)
 *   varint(k)  k * [ varint(index gap)  zigzag(new word - old word) ]
 * </pre>
 *
 * One instance encodes (or decodes) one block at a time: {@link #start} begins a block.
 */
final class RecordCodec {

    private final int[] previous;
    /** Scratch: the indices of the words that differ, filled by {@link #collectChanges}. */
    private final int[] changes;
    private long node;
    private int depth;
    /** The fields of the record decoded last. */
    long lastNode;
    int lastThread;
    int lastChoice;
    int lastDepth;

    /** The system's word hash when its fingerprint is additive, else null; the previous vector's sum. */
    private final StateVectors<?> hash;
    private final int[] before;
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
        changes = new int[vectorLength];
        this.hash = vectors != null && vectors.additiveFingerprint() ? vectors : null;
        this.before = hash == null ? null : new int[vectorLength];
        long zero = 0;
        for (int i = 0; hash != null && i < vectorLength; i++) {
            zero += hash.wordHash(i, 0);
        }
        this.zeroFingerprint = zero;
        this.fingerprint = zero;
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
        node = 0;
        depth = 0;
        fingerprint = zeroFingerprint;
    }

    /** Begins a block that continues from {@code other}'s position (for a copy of a partly read block). */
    void startFrom(RecordCodec other) {
        System.arraycopy(other.previous, 0, previous, 0, previous.length);
        node = other.node;
        depth = other.depth;
        fingerprint = other.fingerprint;
    }

    void encode(ByteSink out, long recordNode, int thread, int choice, int recordDepth, int[] vector) {
        int changed = collectChanges(vector);
        out.reserve(4 * 10 + 5 + changed * 15);
        out.zigzag(recordNode - node);
        out.varint(thread + 1L);
        out.varint(choice);
        out.zigzag((long) recordDepth - depth);
        node = recordNode;
        depth = recordDepth;
        out.varint(changed);
        int[] p = previous;
        int[] at = changes;
        int last = -1;
        for (int k = 0; k < changed; k++) {
            int i = at[k];
            int v = vector[i];
            out.varint(i - last - 1);
            out.zigzag((long) v - p[i]);
            p[i] = v;
            last = i;
        }
    }

    /**
     * Puts the indices where {@code vector} differs from the previous vector into {@link #changes}, in order,
     * and returns how many there are. Hand-written for speed (the codec was the largest CPU cost of a
     * reference-implementation search): {@link Arrays#mismatch} compares the long equal runs between two
     * changes with vector instructions, where a word-by-word loop took most of an encode.
     */
    private int collectChanges(int[] vector) {
        int[] p = previous;
        int n = p.length;
        int changed = 0;
        int i = 0;
        while (i < n) {
            int m = Arrays.mismatch(p, i, n, vector, i, n);
            if (m < 0) {
                break;
            }
            i += m;
            changes[changed++] = i;
            i++;
        }
        return changed;
    }

    /** Decodes the next record of {@code in}: its fields into {@code last*}, its vector into {@link #vector()}. */
    void decode(ByteSource in) {
        node += in.zigzag();
        lastNode = node;
        lastThread = (int) in.varint() - 1;
        lastChoice = (int) in.varint();
        depth += (int) in.zigzag();
        lastDepth = depth;
        int changed = (int) in.varint();
        if (hash == null) {
            in.applyChanges(previous, changed);
            return;
        }
        in.applyChanges(previous, changed, changes, before);
        long fp = fingerprint;
        for (int k = 0; k < changed; k++) {
            int i = changes[k];
            fp += hash.wordHash(i, previous[i]) - hash.wordHash(i, before[k]);
        }
        fingerprint = fp;
    }

    /** The vector of the record encoded or decoded last (read-only; copy it to keep it). */
    int[] vector() {
        return previous;
    }
}
