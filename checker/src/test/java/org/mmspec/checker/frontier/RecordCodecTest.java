package org.mmspec.checker.frontier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mmspec.spec.semantics.StateVectors;

/** The byte-aligned record format: every header and word form reads back, and the common forms are short. */
class RecordCodecTest {

    /** Vectors of {@code width} words with an additive fingerprint (each word's term a mix of index and value). */
    static StateVectors<int[]> hashed(int width) {
        return new StateVectors<>() {
            @Override
            public int vectorLength() {
                return width;
            }

            @Override
            public void copyVector(int[] s, int[] out) {
                System.arraycopy(s, 0, out, 0, width);
            }

            @Override
            public int[] fromVector(int[] words) {
                return words;
            }

            @Override
            public boolean additiveFingerprint() {
                return true;
            }

            @Override
            public long wordHash(int index, int value) {
                long z = ((long) index << 32 | (value & 0xFFFFFFFFL)) * 0x9E3779B97F4A7C15L;
                return z ^ (z >>> 29);
            }
        };
    }

    static long sum(StateVectors<int[]> v, int[] words) {
        long s = 0;
        for (int i = 0; i < words.length; i++) {
            s += v.wordHash(i, words[i]);
        }
        return s;
    }

    /** A record: node, thread, choice, depth, vector. */
    record Rec(long node, int thread, int choice, int depth, int[] vector) {}

    /**
     * Random records over a 600-word vector (gaps past 254 words), with every header form (next node at the
     * same depth; node jumps back and forth; deeper and shallower; threads -1 .. 20; choices 0 .. 9) and
     * every word form (small steps either way, any int).
     */
    static Rec[] records(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Rec[] out = new Rec[n];
        int[] v = new int[600];
        long node = 0;
        int depth = 0;
        for (int k = 0; k < n; k++) {
            v = v.clone();
            for (int c = r.nextInt(0, 6); c > 0; c--) {
                int i = r.nextBoolean() ? r.nextInt(8) : r.nextInt(600);
                v[i] = switch (r.nextInt(4)) {
                    case 0 -> v[i] + r.nextInt(-127, 128);
                    case 1 -> r.nextInt();
                    case 2 -> r.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE;
                    default -> v[i] + (r.nextBoolean() ? 128 : -128);
                };
            }
            boolean next = r.nextInt(3) > 0;
            node = next ? node + r.nextInt(2) : node + r.nextLong(-1L << 40, 1L << 40);
            depth = next ? depth : Math.max(0, depth + r.nextInt(-3, 4));
            out[k] = new Rec(node, r.nextInt(-1, 21), r.nextInt(10), depth, v);
        }
        return out;
    }

    @Test
    void everyRecordReadsBackWithItsFingerprint() {
        Rec[] recs = records(5_000, 1);
        StateVectors<int[]> v = hashed(600);
        RecordCodec writer = new RecordCodec(600);
        ByteSink sink = new ByteSink(16);
        for (Rec x : recs) {
            writer.encode(sink, x.node(), x.thread(), x.choice(), x.depth(), x.vector());
        }
        RecordCodec reader = new RecordCodec(600, v);
        assertTrue(reader.keepsFingerprint());
        ByteSource in = new ByteSource();
        in.reset(sink.array(), 0, sink.length());
        for (int k = 0; k < recs.length; k++) {
            reader.decode(in);
            Rec x = recs[k];
            assertEquals(x.node(), reader.lastNode, "record " + k);
            assertEquals(x.thread(), reader.lastThread, "record " + k);
            assertEquals(x.choice(), reader.lastChoice, "record " + k);
            assertEquals(x.depth(), reader.lastDepth, "record " + k);
            assertArrayEquals(x.vector(), reader.vector(), "record " + k);
            assertEquals(sum(v, x.vector()), reader.hashSum(), "record " + k);
        }
        assertFalse(in.hasMore(), "every byte read");
    }

    @Test
    void theCommonRecordTakesOneByteOfHeaderAndTwoAChangedWord() {
        RecordCodec codec = new RecordCodec(118);
        ByteSink sink = new ByteSink(16);
        int[] v = new int[118];
        codec.encode(sink, 1, -1, 0, 0, v);
        assertEquals(2, sink.length(), "the initial state: short header, no change, end");
        v[3] = 5;
        v[40] = -2;
        v[117] = 127;
        codec.encode(sink, 2, 14, 3, 0, v);
        assertEquals(2 + 1 + 3 * 2 + 1, sink.length(), "next node, same depth: a one-byte header");
        codec.encode(sink, 2, 0, 0, 0, v);
        assertEquals(10 + 2, sink.length(), "the same node (a parent's successors): a one-byte header");
        codec.encode(sink, 3, 15, 0, 0, v);
        assertEquals(12 + 1 + 4 + 1, sink.length(), "thread 15 needs the long header");
        codec.encode(sink, 4, 0, 4, 0, v);
        assertEquals(18 + 1 + 4 + 1, sink.length(), "so does choice 4");
        v[0] = 128;
        codec.encode(sink, 5, 0, 0, 1, v);
        assertEquals(24 + 1 + 4 + 1 + 5 + 1, sink.length(), "a deeper record, a word that grew by 128");
        RecordCodec reader = new RecordCodec(118);
        ByteSource in = new ByteSource();
        in.reset(sink.array(), 0, sink.length());
        int[][] fields = {{1, -1, 0}, {2, 14, 3}, {2, 0, 0}, {3, 15, 0}, {4, 0, 4}, {5, 0, 0}};
        for (int[] f : fields) {
            reader.decode(in);
            assertEquals(f[0], reader.lastNode);
            assertEquals(f[1], reader.lastThread);
            assertEquals(f[2], reader.lastChoice);
        }
        assertArrayEquals(v, reader.vector());
        assertEquals(1, reader.lastDepth);
    }

    @Test
    void aDamagedRecordThrowsRatherThanReadingOn() {
        RecordCodec codec = new RecordCodec(8);
        ByteSink sink = new ByteSink(16);
        int[] v = {1, 2, 3, 4, 5, 6, 7, 8};
        codec.encode(sink, 1, 0, 0, 0, v);
        byte[] cut = Arrays.copyOf(sink.array(), sink.length() - 1);   // the end byte lost
        ByteSource in = new ByteSource();
        in.reset(cut, 0, cut.length);
        assertThrows(RuntimeException.class, () -> new RecordCodec(8).decode(in));
        byte[] wide = {(byte) 0x80, 9, 1, (byte) RecordCodec.END};      // a word past the vector's end
        in.reset(wide, 0, wide.length);
        assertThrows(RuntimeException.class, () -> new RecordCodec(8).decode(in));
    }
}
