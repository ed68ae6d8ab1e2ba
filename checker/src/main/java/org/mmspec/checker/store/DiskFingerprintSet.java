package org.mmspec.checker.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.LongConsumer;

/**
 * A fingerprint set that grows past memory onto disk, after TLC's {@code DiskFPSet}: an in-memory
 * {@link FingerprintSet} of at most {@link #memoryLimit()} fingerprints in front of one sorted file
 * ({@link FingerprintFile}). When the in-memory table is full, its fingerprints are sorted in place and
 * merged with the file into a new sorted file (written sequentially, the old file then deleted), and the
 * table is emptied. A fingerprint the table does not hold is looked up on disk: the file's in-memory index
 * names the one page that may hold it, which is read and binary-searched. So a stored fingerprint is never
 * reported new: it is in the table or in the file, and the merge loses nothing.
 *
 * <p><b>Disk.</b> Every byte written is counted against the search's disk budget through a
 * {@link FingerprintDisk} before it is written: a merge reserves the whole new file up front (while it is
 * written the old file is still there, so the peak is the two together). When the reservation is refused,
 * or a write fails, the set keeps what it had (the table, sorted and still searched, and the old file) and
 * refuses new fingerprints ({@link Admission#FULL}, {@link #outOfDisk()}).
 *
 * <p><b>Memory.</b> The table (allocated whole, about {@code 8 / MAX_LOAD} bytes per fingerprint it holds)
 * plus the file's index ({@code 8 / PAGE} = 0.0625 bytes per fingerprint on disk) and its Bloom filter
 * ({@link BlockedBloom}, 1 byte per fingerprint on disk, which spares the disk read for most fingerprints
 * not on disk). While a merge writes the new file, the old file's index and filter and the new ones exist
 * together.
 *
 * <p>Not thread-safe.
 */
public final class DiskFingerprintSet implements Fingerprints {

    private final FingerprintDisk disk;
    private final long memoryLimit;
    private final FingerprintSet memory;
    private FingerprintFile file;
    private long limit;
    private long size;
    private int merges;
    private long lookups;
    private long pageReadsOfOldFiles;
    private boolean outOfDisk;
    private boolean indexOutOfMemory;

    /**
     * A set of at most {@code limit} fingerprints keeping at most {@code memoryLimit} of them in memory and
     * the rest in a sorted file in {@code disk}.
     */
    public DiskFingerprintSet(long limit, long memoryLimit, FingerprintDisk disk) {
        if (limit < 1 || memoryLimit < 1) {
            throw new IllegalArgumentException("limit and memory limit must be at least 1: " + limit + ", " + memoryLimit);
        }
        this.limit = limit;
        this.memoryLimit = memoryLimit;
        this.disk = disk;
        this.memory = FingerprintSet.presized(Math.min(limit, memoryLimit));
    }

    /** The fingerprints an in-memory table of {@code bytes} bytes holds ({@link FingerprintSet#presized}). */
    public static long fingerprintsIn(long bytes) {
        return Math.max(1, (long) (bytes / 8 * FingerprintSet.MAX_LOAD) - 2);
    }

    @Override
    public Admission put(long fingerprint) {
        long fp = fingerprint == 0 ? FingerprintSet.ZERO_STANDIN : fingerprint;
        if (memory.contains(fp) || onDisk(fp)) {
            return Admission.SEEN;
        }
        if (size >= limit || memory.outOfMemory()) {
            return Admission.FULL;
        }
        if (memory.size() >= memoryLimit && !merge()) {
            return Admission.FULL;
        }
        Admission a = memory.put(fp);
        if (a == Admission.NEW) {
            size++;
        }
        return a;
    }

    @Override
    public boolean contains(long fingerprint) {
        long fp = fingerprint == 0 ? FingerprintSet.ZERO_STANDIN : fingerprint;
        return memory.contains(fp) || onDisk(fp);
    }

    private boolean onDisk(long fp) {
        if (file == null) {
            return false;
        }
        lookups++;
        return file.contains(FingerprintSet.mix(fp));
    }

    /** Moves the table to disk; false (with the reason set) when the disk or the index's memory refused. */
    private boolean merge() {
        if (outOfDisk || indexOutOfMemory) {
            return false;
        }
        long n = memory.size();
        long total = (file == null ? 0 : file.count()) + n;
        if (!disk.reserve(8 * total)) {
            outOfDisk = true;
            return false;
        }
        LongArray index = LongArray.allocate(FingerprintFile.pages(total));
        BlockedBloom bloom = index == null ? null : BlockedBloom.allocate(total);
        if (bloom == null) {
            if (index != null) {
                index.free();
            }
            disk.release(8 * total);
            indexOutOfMemory = true;
            return false;
        }
        memory.sortMixed();
        FingerprintFile merged;
        try {
            merged = FingerprintFile.merge(file, memory, n,
                    java.nio.file.Files.createTempFile(disk.directory(), "fingerprints-", ".fp"), index, bloom);
        } catch (IOException e) {
            index.free();
            bloom.free();
            disk.release(8 * total);
            disk.writeFailed();
            outOfDisk = true;
            return false;
        }
        if (file != null) {
            pageReadsOfOldFiles += file.pageReads();
            disk.release(file.fileBytes());
            file.delete();
        }
        file = merged;
        merges++;
        memory.clear();
        return true;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public long limit() {
        return limit;
    }

    @Override
    public void lowerLimit(long newLimit) {
        limit = Math.max(size, Math.min(limit, newLimit));
    }

    @Override
    public boolean outOfMemory() {
        return memory.outOfMemory() || indexOutOfMemory;
    }

    /** True when the disk budget refused a merge or a write failed, so new fingerprints are refused. */
    public boolean outOfDisk() {
        return outOfDisk;
    }

    /** True when the disk refused a write (rather than the budget a reservation). */
    public boolean diskFull() {
        return outOfDisk && disk.full();
    }

    /** Most fingerprints held in memory. */
    public long memoryLimit() {
        return memoryLimit;
    }

    /** Fingerprints in the file on disk. */
    public long onDisk() {
        return file == null ? 0 : file.count();
    }

    /** Merges of the table into the file so far. */
    public int merges() {
        return merges;
    }

    /** Look-ups that went to the file, and pages read for them. */
    public long[] diskLookups() {
        return new long[] {lookups, pageReadsOfOldFiles + (file == null ? 0 : file.pageReads())};
    }

    @Override
    public long bytes() {
        return memory.bytes() + (file == null ? 0 : file.indexBytes());
    }

    @Override
    public void forEach(LongConsumer sink) {
        memory.forEach(sink);
        if (file != null) {
            try {
                file.forEachKey(k -> sink.accept(FingerprintSet.unmix(k)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the fingerprints on disk", e);
            }
        }
    }

    @Override
    public void free() {
        memory.free();
        if (file != null) {
            disk.release(file.fileBytes());
            file.delete();
            file = null;
        }
    }
}
