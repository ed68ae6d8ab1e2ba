package org.mmspec.checker.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskFingerprintSetTest {

    /** A disk of {@code budget} bytes in {@code dir}, counting what is reserved. */
    static final class TestDisk implements FingerprintDisk {
        final Path dir;
        final long budget;
        long reserved;
        long peak;
        boolean failed;

        TestDisk(Path dir, long budget) {
            this.dir = dir;
            this.budget = budget;
        }

        @Override
        public Path directory() {
            return dir;
        }

        @Override
        public boolean reserve(long bytes) {
            if (reserved + bytes > budget) {
                return false;
            }
            reserved += bytes;
            peak = Math.max(peak, reserved);
            return true;
        }

        @Override
        public void release(long bytes) {
            reserved -= bytes;
        }

        @Override
        public void writeFailed() {
            failed = true;
        }

        @Override
        public boolean full() {
            return failed;
        }
    }

    @Test
    void mixIsABijectionUndoneByUnmix() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 10_000; i++) {
            long v = random.nextLong();
            assertEquals(v, FingerprintSet.unmix(FingerprintSet.mix(v)));
        }
        assertEquals(0, FingerprintSet.unmix(FingerprintSet.mix(0)));
    }

    @Test
    void sortMixedOrdersTheKeysOfGrownPresizedAndFullTables() {
        SplittableRandom random = new SplittableRandom(5);
        for (long n : new long[] {1, 5, 40, 64, 1000, 77_777}) {
            List<FingerprintSet> sets = List.of(new FingerprintSet(Long.MAX_VALUE), FingerprintSet.presized(n));
            for (FingerprintSet set : sets) {
                Set<Long> keys = new HashSet<>();
                while (set.size() < n) {
                    long fp = random.nextInt(4) == 0 ? random.nextInt(1000) + 1 : random.nextLong() | 1;
                    if (set.put(fp) == Admission.NEW) {
                        keys.add(FingerprintSet.mix(fp));
                    }
                }
                long count = set.sortMixed();
                assertEquals(n, count);
                Set<Long> sorted = new HashSet<>();
                for (long i = 0; i < count; i++) {
                    sorted.add(set.sortedKey(i));
                    if (i > 0) {
                        assertTrue(Long.compareUnsigned(set.sortedKey(i - 1), set.sortedKey(i)) < 0,
                                "keys out of order at " + i + " of " + n);
                    }
                }
                assertEquals(keys, sorted);
                for (long k : keys) {
                    assertTrue(set.contains(FingerprintSet.unmix(k)), "a sorted table still finds its keys");
                }
                assertEquals(Admission.FULL, set.put(12345L << 20), "a sorted table takes nothing new");
                set.clear();
                assertEquals(Admission.NEW, set.put(7));
            }
        }
    }

    @Test
    void agreesWithAHashSetWhileMergingManyTimes(@TempDir Path dir) throws IOException {
        TestDisk disk = new TestDisk(dir, Long.MAX_VALUE);
        DiskFingerprintSet set = new DiskFingerprintSet(Long.MAX_VALUE, 300, disk);
        Set<Long> oracle = new HashSet<>();
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 60_000; i++) {
            long fp = i % 3 == 0 ? random.nextLong() : random.nextInt(30_000) - 100;
            Admission expected = oracle.add(fp) ? Admission.NEW : Admission.SEEN;
            assertEquals(expected, set.put(fp), "fingerprint " + fp + " at " + i);
        }
        assertTrue(set.merges() > 100, "merged " + set.merges() + " times");
        assertEquals(oracle.size(), set.size());
        assertEquals(set.size() - set.onDisk(), countMemory(set));
        for (long fp : oracle) {
            assertTrue(set.contains(fp));
        }
        assertFalse(set.contains(Long.MIN_VALUE + 17));
        Set<Long> listed = new HashSet<>();
        set.forEach(fp -> assertTrue(listed.add(fp == FingerprintSet.ZERO_STANDIN ? 0 : fp)));
        assertEquals(oracle, listed);
        assertEquals(8 * set.onDisk(), disk.reserved, "the file's bytes are counted");
        assertTrue(disk.peak >= 8 * set.onDisk(), "a merge's new file is counted while the old one exists");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "one sorted file on disk; the merged ones are deleted");
        }
        set.free();
        assertEquals(0, disk.reserved);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count(), "free deletes the file");
        }
    }

    private static long countMemory(DiskFingerprintSet set) {
        long[] n = new long[1];
        List<Long> all = new ArrayList<>();
        set.forEach(all::add);
        n[0] = all.size() - set.onDisk();
        return n[0];
    }

    @Test
    void theDiskBudgetRefusesNewFingerprintsAndKeepsTheOldOnes(@TempDir Path dir) {
        TestDisk disk = new TestDisk(dir, 8 * 250);
        DiskFingerprintSet set = new DiskFingerprintSet(Long.MAX_VALUE, 100, disk);
        List<Long> admitted = new ArrayList<>();
        Admission last = Admission.NEW;
        for (long fp = 1; fp < 1_000 && last != Admission.FULL; fp++) {
            last = set.put(fp * 0x9E3779B97F4A7C15L);
            if (last == Admission.NEW) {
                admitted.add(fp * 0x9E3779B97F4A7C15L);
            }
        }
        assertEquals(Admission.FULL, last);
        assertTrue(set.outOfDisk());
        assertFalse(set.diskFull(), "the budget, not a full disk");
        assertEquals(admitted.size(), set.size());
        for (long fp : admitted) {
            assertEquals(Admission.SEEN, set.put(fp));
        }
        assertEquals(Admission.FULL, set.put(424242));
        set.free();
    }

    @Test
    void aFailedWriteKeepsTheSortedTableSearchable(@TempDir Path dir) {
        TestDisk disk = new TestDisk(dir.resolve("missing"), Long.MAX_VALUE);
        DiskFingerprintSet set = new DiskFingerprintSet(Long.MAX_VALUE, 50, disk);
        List<Long> admitted = new ArrayList<>();
        for (long fp = 1; fp <= 50; fp++) {
            assertEquals(Admission.NEW, set.put(fp));
            admitted.add(fp);
        }
        assertEquals(Admission.FULL, set.put(51), "the merge cannot write its file");
        assertTrue(set.outOfDisk());
        assertTrue(set.diskFull());
        assertEquals(0, disk.reserved, "the failed file's reservation is given back");
        for (long fp : admitted) {
            assertTrue(set.contains(fp));
            assertEquals(Admission.SEEN, set.put(fp));
        }
        Set<Long> listed = new HashSet<>();
        set.forEach(listed::add);
        assertEquals(Set.copyOf(admitted), listed, "a checkpoint would still list every fingerprint");
        set.free();
    }
}
