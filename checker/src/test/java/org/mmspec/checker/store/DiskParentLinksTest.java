package org.mmspec.checker.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parent links whose full chunks go to disk ({@link ParentLinks#onDisk}). */
class DiskParentLinksTest {

    @Test
    void holdsEveryEntryWithTwoChunksInMemory(@TempDir Path dir) throws IOException {
        DiskFingerprintSetTest.TestDisk disk = new DiskFingerprintSetTest.TestDisk(dir, Long.MAX_VALUE);
        ParentLinks links = ParentLinks.onDisk(disk);
        int n = 6 * ParentLinks.CHUNK + 17;
        for (int i = 0; i < n; i++) {
            assertTrue(links.add(i * 31L << 20 | i & 7));
        }
        assertEquals(n, links.size());
        assertEquals(8L * ParentLinks.CHUNK * 5, disk.reserved, "chunks 1 to 5 are on disk, 6 and the first array not");
        assertTrue(links.bytes() <= 8L * ParentLinks.CHUNK * 3, "memory: the first array and one chunk: " + links.bytes());
        SplittableRandom random = new SplittableRandom(2);
        for (int k = 0; k < 10_000; k++) {
            long i = random.nextInt(n);
            assertEquals(i * 31L << 20 | i & 7, links.get(i));
        }
        for (int i = 0; i < n; i++) {
            assertEquals(i * 31L << 20 | i & 7, links.get(i), "in order, as a checkpoint reads them");
        }
        links.free();
        assertEquals(0, disk.reserved);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count(), "free deletes the file");
        }
    }

    @Test
    void theDiskBudgetRefusesMoreLinksAndKeepsTheOldOnes(@TempDir Path dir) {
        DiskFingerprintSetTest.TestDisk disk = new DiskFingerprintSetTest.TestDisk(dir, 8L * ParentLinks.CHUNK * 2);
        ParentLinks links = ParentLinks.onDisk(disk);
        long added = 0;
        while (links.add(added)) {
            added++;
        }
        assertEquals(4L * ParentLinks.CHUNK, added, "the first array, two chunks on disk and one in memory");
        assertTrue(links.outOfDisk());
        assertFalse(links.outOfMemory());
        for (long i = 0; i < added; i += 1_000) {
            assertEquals(i, links.get(i));
        }
        links.free();
    }

    @Test
    void aStoreWithFingerprintsOnDiskKeepsItsLinksThereToo(@TempDir Path dir) {
        DiskFingerprintSetTest.TestDisk disk = new DiskFingerprintSetTest.TestDisk(dir, Long.MAX_VALUE);
        StateStore store = new StateStore(3, Long.MAX_VALUE, 4096, disk);
        assertEquals(Admission.NEW, store.admitInitial(1));
        long n = 4L * ParentLinks.CHUNK;
        for (long id = 1; id < n; id++) {
            assertEquals(Admission.NEW, store.admit(id * 0x9E3779B97F4A7C15L, id - 1, (int) (id % 3), (int) (id % 5)));
        }
        assertTrue(store.wideLinks());
        assertEquals(n - 1, store.scheduleTo(n - 1).length);
        for (long id = 1; id < n; id += 977) {
            assertEquals(id - 1, store.parentOf(id));
            assertEquals(id % 3, store.threadOf(id));
            assertEquals(id % 5, store.choiceOf(id));
        }
        assertTrue(disk.reserved >= 8L * ParentLinks.CHUNK * 2 + 8 * (n - 500), "links and fingerprints on disk");
        store.free();
        assertEquals(0, disk.reserved);
    }
}
