package org.mmspec.checker.frontier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmspec.checker.result.IncompleteReason;
import org.mmspec.spec.semantics.StateVectors;

class VectorQueueTest {

    /** States are int[]s of 40 words, mostly zero, each a small change of the one before. */
    static final StateVectors<int[]> ARRAYS = new StateVectors<>() {
        @Override
        public int vectorLength() {
            return 40;
        }

        @Override
        public void copyVector(int[] s, int[] out) {
            System.arraycopy(s, 0, out, 0, 40);
        }

        @Override
        public int[] fromVector(int[] words) {
            return words;
        }
    };

    static int[][] walk(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[][] out = new int[n][];
        int[] s = new int[40];
        for (int i = 0; i < n; i++) {
            s = s.clone();
            s[r.nextInt(40)] = r.nextInt(-5, 1_000_000);
            if (r.nextInt(10) == 0) {
                s[r.nextInt(40)] = Integer.MIN_VALUE;
            }
            out[i] = s;
        }
        return out;
    }

    @Test
    void givesBackEveryRecordInOrderFromMemoryAndFromDisk(@TempDir Path dir) throws IOException {
        int[][] states = walk(60_000, 1);
        try (SpillSpace space = new SpillSpace(dir, 100_000, SpillSpace.MACHINE_DISK, SpillSpace.Opener.FILES)) {
            VectorQueue<int[]> q = new VectorQueue<>(ARRAYS, space);
            int next = 0;
            for (int i = 0; i < states.length; i++) {
                assertTrue(q.add(states[i], 7L * i, i % 5 - 1, i % 3, i / 100));
                if (i % 3 == 0) {
                    next = take(q, states, next);
                }
            }
            assertTrue(space.peakDiskBytes() > 0, "some blocks went to disk");
            while (!q.isEmpty()) {
                next = take(q, states, next);
            }
            assertEquals(states.length, next);
            q.close();
            assertEquals(0, space.diskBytes(), "every spill file deleted");
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count());
        }
    }

    /** A state with the fingerprint the queue handed over. */
    record Hashed(int[] words, long fingerprint) {}

    static long wordHash(int index, int value) {
        long z = ((long) index << 32 | (value & 0xFFFF_FFFFL)) * 0x9E3779B97F4A7C15L;
        return z ^ (z >>> 29);
    }

    /** With an additive fingerprint the queue keeps it while decoding, through blocks, spill files and reads of the open block. */
    @Test
    void keepsAnAdditiveFingerprintUpToDate(@TempDir Path dir) {
        StateVectors<Hashed> hashed = new StateVectors<>() {
            @Override
            public int vectorLength() {
                return 40;
            }

            @Override
            public void copyVector(Hashed s, int[] out) {
                System.arraycopy(s.words(), 0, out, 0, 40);
            }

            @Override
            public Hashed fromVector(int[] words) {
                throw new AssertionError("the fingerprint is known: fromVector(words, fp) must be used");
            }

            @Override
            public boolean additiveFingerprint() {
                return true;
            }

            @Override
            public long wordHash(int index, int value) {
                return VectorQueueTest.wordHash(index, value);
            }

            @Override
            public Hashed fromVector(int[] words, long fingerprint) {
                return new Hashed(words, fingerprint);
            }
        };
        int[][] states = walk(40_000, 9);
        try (SpillSpace space = new SpillSpace(dir, 50_000, SpillSpace.MACHINE_DISK, SpillSpace.Opener.FILES)) {
            VectorQueue<Hashed> q = new VectorQueue<>(hashed, space);
            int next = 0;
            for (int i = 0; i < states.length; i++) {
                assertTrue(q.add(new Hashed(states[i], 0), i, 0, 0, 0));
                while (i % 7 == 0 && next <= i / 2 || i == states.length - 1 && !q.isEmpty()) {
                    Hashed h = q.headState();
                    long expected = 0;
                    for (int w = 0; w < 40; w++) {
                        expected += wordHash(w, states[next][w]);
                    }
                    assertArrayEquals(states[next], h.words());
                    assertEquals(expected, h.fingerprint(), "state " + next);
                    q.removeHead();
                    next++;
                }
            }
            assertTrue(space.peakDiskBytes() > 0, "some blocks went to disk");
            assertEquals(states.length, next);
            q.close();
        }
    }

    /** A parallel search's admission moves records between queues of vectors without making states. */
    @Test
    void transferMovesTheWordsWithNewFieldsWithoutMakingAState() {
        int[][] states = walk(5_000, 3);
        int[] made = {0};
        StateVectors<int[]> counting = new StateVectors<>() {
            @Override
            public int vectorLength() {
                return 40;
            }

            @Override
            public void copyVector(int[] s, int[] out) {
                System.arraycopy(s, 0, out, 0, 40);
            }

            @Override
            public int[] fromVector(int[] words) {
                made[0]++;
                return words;
            }
        };
        try (SpillSpace space = new SpillSpace(null, 50_000, SpillSpace.MACHINE_DISK, SpillSpace.Opener.FILES)) {
            VectorQueue<int[]> from = new VectorQueue<>(counting, space);
            VectorQueue<int[]> to = new VectorQueue<>(counting, space);
            for (int i = 0; i < states.length; i++) {
                assertTrue(from.add(states[i], i, 0, 0, 1));
            }
            for (int i = 0; i < states.length; i++) {
                if (i % 2 == 0) {
                    assertTrue(from.transferHead(to, 7L * (i / 2), (i / 2) % 5 - 1, (i / 2) % 3, (i / 2) / 100));
                }
                from.removeHead();
            }
            assertEquals(0, made[0], "no state was made on the way");
            int[][] kept = new int[(states.length + 1) / 2][];
            for (int k = 0; k < kept.length; k++) {
                kept[k] = states[2 * k];
            }
            for (int next = 0; !to.isEmpty(); ) {
                next = take(to, kept, next);
            }
            from.close();
            to.close();
        }
    }

    private static int take(VectorQueue<int[]> q, int[][] states, int i) {
        assertEquals(7L * i, q.headNode());
        assertEquals(i % 5 - 1, q.headThread());
        assertEquals(i % 3, q.headChoice());
        assertEquals(i / 100, q.headDepth());
        assertArrayEquals(states[i], q.headState());
        q.removeHead();
        return i + 1;
    }

    /** With memory to spare the blocks are kept as they are (not compressed): a record is still a few bytes. */
    @Test
    void aRecordIsAFewBytes() {
        int[][] states = walk(100_000, 2);
        try (SpillSpace space = new SpillSpace(null, Long.MAX_VALUE, 0, SpillSpace.Opener.FILES)) {
            VectorQueue<int[]> q = new VectorQueue<>(ARRAYS, space);
            for (int i = 0; i < states.length; i++) {
                q.add(states[i], i, 0, 0, 0);
            }
            double perRecord = (double) space.memoryBytes() / states.length;
            assertTrue(perRecord < 16, perRecord + " bytes per 160-byte state");
            q.close();
        }
    }

    @Test
    void aSealedQueueCompressesItsLastBlockAndGivesItsBuffersBack(@TempDir Path dir) {
        int[][] states = walk(3_000, 6);     // under one block: without a seal it would stay raw on the heap
        try (SpillSpace space = new SpillSpace(dir, Long.MAX_VALUE, SpillSpace.MACHINE_DISK, SpillSpace.Opener.FILES)) {
            VectorQueue<int[]> q = new VectorQueue<>(ARRAYS, space);
            for (int i = 0; i < states.length; i++) {
                assertTrue(q.add(states[i], 7L * i, i % 5 - 1, i % 3, i / 100));
            }
            assertEquals(0, space.memoryBytes(), "nothing sealed yet");
            long open = q.heapBytes();
            assertTrue(open > VectorQueue.BLOCK_BYTES, "the open block's buffer: " + open);
            assertTrue(q.seal());
            assertTrue(space.memoryBytes() > 0, "the last block is compressed now");
            assertTrue(q.heapBytes() < 1024, "the write buffers were given back: " + q.heapBytes());
            assertTrue(q.seal(), "sealing again does nothing");
            assertTrue(q.add(states[0], -1, 0, 0, 3), "a sealed queue still takes records");
            int next = 0;
            for (int i = 0; i < states.length; i++) {
                next = take(q, states, next);
            }
            assertEquals(-1, q.headNode());
            assertArrayEquals(states[0], q.headState());
            q.close();
            assertTrue(q.heapBytes() < 1024, "closed: " + q.heapBytes());
        }
        // with no memory budget the sealed block spills, and reads back the same
        try (SpillSpace space = new SpillSpace(dir, 0, SpillSpace.MACHINE_DISK, SpillSpace.Opener.FILES)) {
            VectorQueue<int[]> q = new VectorQueue<>(ARRAYS, space);
            for (int i = 0; i < states.length; i++) {
                assertTrue(q.add(states[i], 7L * i, i % 5 - 1, i % 3, i / 100));
            }
            assertEquals(0, space.peakDiskBytes());
            assertTrue(q.seal());
            assertTrue(space.peakDiskBytes() > 0, "the sealed block spilled");
            int next = 0;
            while (!q.isEmpty()) {
                next = take(q, states, next);
            }
            assertEquals(states.length, next);
            q.close();
        }
    }

    @Test
    void aTinyDiskBudgetRunsOut() {
        int[][] states = walk(50_000, 3);
        try (SpillSpace space = new SpillSpace(null, 0, 10_000, SpillSpace.Opener.FILES)) {
            VectorQueue<int[]> q = new VectorQueue<>(ARRAYS, space);
            boolean ok = true;
            for (int i = 0; i < states.length && ok; i++) {
                ok = q.add(states[i], i, 0, 0, 0);
            }
            assertFalse(ok);
            assertEquals(IncompleteReason.DISK_BUDGET, space.failure());
            q.close();
        }
    }

    @Test
    void aFullDiskIsReportedNotThrown() {
        SpillSpace.Opener full = file -> {
            throw new IOException("No space left on device");
        };
        int[][] states = walk(50_000, 4);
        try (SpillSpace space = new SpillSpace(null, 0, SpillSpace.MACHINE_DISK, full)) {
            VectorQueue<int[]> q = new VectorQueue<>(ARRAYS, space);
            boolean ok = true;
            for (int i = 0; i < states.length && ok; i++) {
                ok = q.add(states[i], i, 0, 0, 0);
            }
            assertFalse(ok);
            assertEquals(IncompleteReason.DISK_FULL, space.failure());
            q.close();
        }
    }

    @Test
    void aQueueWrittenForACheckpointReadsBackTheSame() throws IOException {
        int[][] states = walk(20_000, 5);
        try (SpillSpace space = new SpillSpace(null, 30_000, SpillSpace.MACHINE_DISK, SpillSpace.Opener.FILES)) {
            VectorQueue<int[]> q = new VectorQueue<>(ARRAYS, space);
            for (int i = 0; i < states.length; i++) {
                q.add(states[i], 7L * i, i % 5 - 1, i % 3, i / 100);
            }
            int next = 0;
            for (; next < 1234; ) {
                next = take(q, states, next);
            }
            q.headState(); // a decoded head is part of what remains
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            q.writeTo(new DataOutputStream(bytes));
            VectorQueue<int[]> copy = new VectorQueue<>(ARRAYS, space);
            assertTrue(copy.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
            assertEquals(q.size(), copy.size());
            for (int i = next; i < states.length; ) {
                i = take(copy, states, i);
            }
            assertTrue(copy.isEmpty());
            q.close();
            copy.close();
        }
    }

    @Test
    void theObjectQueueKeepsTheSameOrder() {
        ObjectQueue<int[]> q = new ObjectQueue<>();
        int[][] states = walk(1000, 6);
        for (int i = 0; i < states.length; i++) {
            q.add(states[i], 7L * i, i % 5 - 1, i % 3, i / 100);
        }
        for (int i = 0; i < states.length; ) {
            assertEquals(7L * i, q.headNode());
            assertEquals(i % 3, q.headChoice());
            assertEquals(i % 5 - 1, q.headThread());
            assertEquals(i / 100, q.headDepth());
            assertArrayEquals(states[i], q.headState());
            q.removeHead();
            i++;
        }
        q.close();
        assertNull(null);
    }
}
