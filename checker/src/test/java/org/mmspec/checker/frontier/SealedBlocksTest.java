package org.mmspec.checker.frontier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmspec.checker.result.IncompleteReason;

class SealedBlocksTest {

    /** Raw blocks of a few thousand bytes, compressible (small values), all different. */
    static byte[][] blocks(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[][] out = new byte[n][];
        for (int i = 0; i < n; i++) {
            out[i] = new byte[r.nextInt(1_000, 9_000)];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = (byte) r.nextInt(8);
            }
        }
        return out;
    }

    /** Adds {@code raw} with a little slack after it, so that only {@code raw.length} bytes are sealed. */
    static boolean add(SealedBlocks chain, byte[] raw, int count, int depth) {
        return chain.add(Arrays.copyOf(raw, raw.length + 100), raw.length, count, depth);
    }

    static byte[] take(SealedBlocks chain, int expectedCount) {
        byte[][] buffer = new byte[1][];
        SealedBlocks.Block b = chain.takeFirst(n -> buffer[0] = new byte[n + 7]);
        assertEquals(expectedCount, b.count());
        return Arrays.copyOf(buffer[0], b.rawLength());
    }

    @Test
    void aBlockReadBackIsTheBlockWrittenInMemoryOrSpilledInOrder(@TempDir Path dir) throws IOException {
        byte[][] raw = blocks(12, 1);
        for (long memory : new long[] {Long.MAX_VALUE, 0, 20_000}) {
            try (SpillSpace space = new SpillSpace(dir, memory, SpillSpace.MACHINE_DISK, SpillSpace.Opener.FILES)) {
                SealedBlocks chain = new SealedBlocks(space);
                for (int i = 0; i < raw.length; i++) {
                    assertTrue(add(chain, raw[i], i + 1, i / 4));
                }
                assertEquals(memory == 0, space.memoryBytes() == 0, "memory " + memory);
                assertEquals(memory == Long.MAX_VALUE, space.diskBytes() == 0, "memory " + memory);
                List<byte[]> seen = new ArrayList<>();
                chain.forEach(new byte[16], (bytes, length, count) -> seen.add(Arrays.copyOf(bytes, length)));
                assertArrayEquals(raw, seen.toArray(byte[][]::new), "forEach takes nothing out");
                for (int i = 0; i < raw.length; i++) {
                    assertArrayEquals(raw[i], take(chain, i + 1), "block " + i + ", memory " + memory);
                }
                assertNull(chain.takeFirst(n -> new byte[n]));
                assertEquals(0, space.memoryBytes(), "every in-memory block gave its bytes back");
                chain.close();
                assertEquals(0, space.diskBytes(), "every spill file deleted");
            }
        }
    }

    @Test
    void aSpillFileIsDeletedWithItsLastBlockUnlessItIsStillBeingWritten(@TempDir Path dir) throws IOException {
        byte[][] raw = blocks(3, 2);
        try (SpillSpace space = new SpillSpace(dir, 0, SpillSpace.MACHINE_DISK, SpillSpace.Opener.FILES)) {
            SealedBlocks chain = new SealedBlocks(space);
            assertTrue(add(chain, raw[0], 1, 0));
            assertTrue(add(chain, raw[1], 1, 0));
            assertTrue(add(chain, raw[2], 1, 1));
            assertEquals(List.of("frontier-depth0-0.spill", "frontier-depth1-1.spill"), files(dir), "one file per depth");
            take(chain, 1);
            assertEquals(2, files(dir).size());
            take(chain, 1);
            assertEquals(List.of("frontier-depth1-1.spill"), files(dir), "depth 0 read back: its file is gone");
            take(chain, 1);
            assertEquals(List.of("frontier-depth1-1.spill"), files(dir), "still the file being written");
            chain.close();
            assertEquals(List.of(), files(dir));
        }
    }

    @Test
    void aBlockThatCannotBeSpilledIsNotKept() {
        byte[][] raw = blocks(40, 3);
        try (SpillSpace space = new SpillSpace(null, 0, 30_000, SpillSpace.Opener.FILES)) {
            SealedBlocks chain = new SealedBlocks(space);
            int kept = 0;
            while (kept < raw.length && add(chain, raw[kept], 1, 0)) {
                kept++;
            }
            assertTrue(kept > 0 && kept < raw.length, "kept " + kept);
            assertEquals(IncompleteReason.DISK_BUDGET, space.failure());
            for (int i = 0; i < kept; i++) {
                assertArrayEquals(raw[i], take(chain, 1));
            }
            assertNull(chain.takeFirst(n -> new byte[n]), "the refused block is not in the chain");
            chain.close();
        }
    }

    @Test
    void aCheckpointBlockReadsBackAndADamagedOneIsRefused() throws IOException {
        byte[] raw = blocks(1, 4)[0];
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SealedBlocks.writePacked(new DataOutputStream(bytes), Arrays.copyOf(raw, raw.length + 50), raw.length, 9);
        SealedBlocks.Packed back = SealedBlocks.readPacked(input(bytes.toByteArray()), 9);
        assertEquals(9, back.count());
        assertArrayEquals(raw, back.raw());
        assertThrows(IOException.class, () -> SealedBlocks.readPacked(input(bytes.toByteArray()), 8),
                "more records than the checkpoint has left");
        byte[] damaged = bytes.toByteArray();
        damaged[8] = (byte) 0x80;       // the compressed length, now negative
        assertThrows(IOException.class, () -> SealedBlocks.readPacked(input(damaged), 9));
    }

    static DataInputStream input(byte[] bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }

    static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void closingGivesBackBlocksNeverReadBack(@TempDir Path dir) throws IOException {
        byte[][] raw = blocks(6, 5);
        try (SpillSpace space = new SpillSpace(dir, 15_000, SpillSpace.MACHINE_DISK, SpillSpace.Opener.FILES)) {
            SealedBlocks chain = new SealedBlocks(space);
            for (int i = 0; i < raw.length; i++) {
                assertTrue(add(chain, raw[i], 1, i));
            }
            assertTrue(space.memoryBytes() > 0 && space.diskBytes() > 0);
            assertFalse(files(dir).isEmpty());
            chain.close();
            assertEquals(0, space.memoryBytes());
            assertEquals(0, space.diskBytes());
            assertEquals(List.of(), files(dir));
        }
    }

    /** A chain spilling again after {@code close()} (at the same depth) writes a new file, not the deleted one. */
    @Test
    void aChainUsedAfterCloseSpillsToANewFile(@TempDir Path dir) throws IOException {
        byte[][] raw = blocks(2, 6);
        try (SpillSpace space = new SpillSpace(dir, 0, SpillSpace.MACHINE_DISK, SpillSpace.Opener.FILES)) {
            SealedBlocks chain = new SealedBlocks(space);
            assertTrue(add(chain, raw[0], 1, 3));
            chain.close();
            assertEquals(List.of(), files(dir));
            assertTrue(add(chain, raw[1], 2, 3), "the spill after close succeeds");
            assertArrayEquals(raw[1], take(chain, 2));
            chain.close();
        }
    }

    /**
     * Blocks stay uncompressed while the blocks in memory take at most half the budget (counted at their
     * uncompressed size), and are compressed past it: with blocks that LZ4 packs well, the memory taken
     * tells which. Fails if blocks are always compressed, or never.
     */
    @Test
    void blocksAreCompressedOnlyOnceHalfTheMemoryBudgetIsTaken() {
        byte[][] raw = new byte[8][];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = new byte[9_000];
            for (int j = 0; j < raw[i].length; j++) {
                raw[i][j] = (byte) (j % 16 == 0 ? i : j % 5);
            }
        }
        try (SpillSpace space = new SpillSpace(null, 100_000, 0, SpillSpace.Opener.FILES)) {
            SealedBlocks chain = new SealedBlocks(space);
            for (int i = 0; i < 5; i++) {
                assertTrue(add(chain, raw[i], i + 1, 0));
                assertEquals(9_000L * (i + 1), space.memoryBytes(), "block " + i + " kept as it is");
            }
            for (int i = 5; i < raw.length; i++) {
                long before = space.memoryBytes();
                assertTrue(add(chain, raw[i], i + 1, 0));
                long taken = space.memoryBytes() - before;
                assertTrue(taken > 0 && taken < 2_000, "block " + i + " compressed: " + taken + " bytes");
            }
            assertEquals(0, space.peakDiskBytes(), "everything fits in memory");
            for (int i = 0; i < raw.length; i++) {
                assertArrayEquals(raw[i], take(chain, i + 1), "block " + i);
            }
            assertEquals(0, space.memoryBytes(), "raw and compressed blocks gave their bytes back");
            chain.close();
        }
    }
}
