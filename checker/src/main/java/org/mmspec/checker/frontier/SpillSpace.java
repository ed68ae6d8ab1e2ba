package org.mmspec.checker.frontier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.mmspec.checker.result.IncompleteReason;

/**
 * Where a search's frontier lives when it is not being expanded: a budget of heap bytes for compressed
 * blocks kept in memory, and a spill directory on disk for the rest, with a budget of disk bytes.
 *
 * <p>The directory is made on first use (a fresh temporary directory unless one is given) and everything
 * in it is deleted by {@link #close()}. Running out of the disk budget, or a write that fails (a full disk),
 * is not an exception: the write returns {@code -1} and {@link #failure()} says which it was
 * ({@link IncompleteReason#DISK_BUDGET}, {@link IncompleteReason#DISK_FULL}), so that the search can end
 * as incomplete with its statistics.
 *
 * <p>Thread-safe: the queues of a parallel search share one space (each queue and its files are used by one
 * thread at a time; the space's accounting is synchronised, once per block, not per state).
 */
public final class SpillSpace implements AutoCloseable {

    /** Opens a spill file for reading and appending; tests substitute one that fails like a full disk. */
    @FunctionalInterface
    public interface Opener {
        FileChannel open(Path file) throws IOException;

        /** The real file system. */
        Opener FILES = file -> FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
    }

    /** A disk limit that derives from the free space of the spill directory's disk. */
    public static final long MACHINE_DISK = -1;

    /** Disk kept free when the disk budget derives from the free space: 1 GiB or 5 % of the disk, the less. */
    static final long RESERVE_CAP = 1L << 30;

    private final Path requested;
    private final long memoryLimit;
    private final long diskLimit;
    private final Opener opener;
    private final List<SpillFile> files = new ArrayList<>();
    private Path directory;
    private boolean madeDirectory;
    private long resolvedDiskLimit = -1;
    private long memoryBytes;
    private long diskBytes;
    private long peakDiskBytes;
    private long filesMade;
    private IncompleteReason failure;

    /**
     * @param directory where to spill, or {@code null} for a fresh temporary directory
     * @param memoryLimit bytes of compressed blocks kept in memory before blocks go to disk
     * @param diskLimit most bytes on disk, or {@code -1} for the free space of the directory's disk less a
     *     reserve (1 GiB or 5 % of the disk, whichever is less), measured on first use
     * @param opener how files are opened ({@link Opener#FILES})
     */
    public SpillSpace(Path directory, long memoryLimit, long diskLimit, Opener opener) {
        this.requested = directory;
        this.memoryLimit = memoryLimit;
        this.diskLimit = diskLimit;
        this.opener = opener;
    }

    /**
     * Reserves {@code bytes} of the in-memory budget for a block kept uncompressed: only while the blocks in
     * memory, these included, take at most half the budget (the rest is for compressed blocks, so that a
     * frontier that fills the budget is still mostly compressed); false otherwise.
     */
    synchronized boolean reserveRawMemory(long bytes) {
        if (memoryBytes + bytes > memoryLimit / 2) {
            return false;
        }
        memoryBytes += bytes;
        return true;
    }

    /** Reserves {@code bytes} of the in-memory budget; false when they do not fit. */
    synchronized boolean reserveMemory(long bytes) {
        if (memoryBytes + bytes > memoryLimit) {
            return false;
        }
        memoryBytes += bytes;
        return true;
    }

    synchronized void releaseMemory(long bytes) {
        memoryBytes -= bytes;
    }

    /** A new spill file, or {@code null} with {@link #failure()} set. */
    synchronized SpillFile newFile(String prefix) {
        if (failure != null) {
            return null;
        }
        try {
            Path dir = directory();
            Path file = dir.resolve(prefix + "-" + (filesMade++) + ".spill");
            SpillFile f = new SpillFile(this, file, opener.open(file));
            files.add(f);
            return f;
        } catch (IOException e) {
            failure = IncompleteReason.DISK_FULL;
            return null;
        }
    }

    /** Accounts for {@code bytes} about to be written; false (with {@link #failure()}) when over budget. */
    synchronized boolean reserveDisk(long bytes) {
        if (failure != null) {
            return false;
        }
        if (diskBytes + bytes > diskLimit()) {
            failure = IncompleteReason.DISK_BUDGET;
            return false;
        }
        diskBytes += bytes;
        peakDiskBytes = Math.max(peakDiskBytes, diskBytes);
        return true;
    }

    synchronized void writeFailed() {
        failure = IncompleteReason.DISK_FULL;
    }

    synchronized void released(long bytes) {
        diskBytes -= bytes;
    }

    synchronized void deleted(SpillFile f, long bytes) {
        diskBytes -= bytes;
        files.remove(f);
    }

    private long diskLimit() {
        if (resolvedDiskLimit < 0) {
            resolvedDiskLimit = diskLimit >= 0 ? diskLimit : derivedDiskLimit();
        }
        return resolvedDiskLimit;
    }

    private long derivedDiskLimit() {
        try {
            FileStore store = Files.getFileStore(directory());
            long reserve = Math.min(RESERVE_CAP, store.getTotalSpace() / 20);
            return Math.max(0, store.getUsableSpace() - reserve);
        } catch (IOException e) {
            return 0;
        }
    }

    private Path directory() throws IOException {
        if (directory == null) {
            if (requested == null) {
                directory = Files.createTempDirectory("mmspec-spill-");
                madeDirectory = true;
            } else {
                Files.createDirectories(requested);
                directory = requested;
            }
        }
        return directory;
    }

    /**
     * The spill directory, made on first use: for files others keep within this space's disk budget (the
     * fingerprints on disk), accounted with {@link #reserveDiskBytes} and {@link #releaseDiskBytes}.
     */
    public synchronized Path filesDirectory() throws IOException {
        return directory();
    }

    /** Accounts for {@code bytes} about to be written by another user of the space; false over budget. */
    public boolean reserveDiskBytes(long bytes) {
        return reserveDisk(bytes);
    }

    /** Gives back {@code bytes} accounted by {@link #reserveDiskBytes}. */
    public void releaseDiskBytes(long bytes) {
        released(bytes);
    }

    /** A write by another user of the space failed: the disk is full ({@link IncompleteReason#DISK_FULL}). */
    public void diskWriteFailed() {
        writeFailed();
    }

    /** Why spilling stopped, or {@code null}. */
    public synchronized IncompleteReason failure() {
        return failure;
    }

    /** Bytes of spill files now on disk. */
    public synchronized long diskBytes() {
        return diskBytes;
    }

    /** The most bytes the spill files held at once. */
    public synchronized long peakDiskBytes() {
        return peakDiskBytes;
    }

    /** Bytes of compressed blocks held in memory now. */
    public synchronized long memoryBytes() {
        return memoryBytes;
    }

    /** Deletes every spill file (and the directory if this space made it). */
    @Override
    public synchronized void close() {
        for (SpillFile f : List.copyOf(files)) {
            f.delete();
        }
        if (madeDirectory) {
            try {
                Files.deleteIfExists(directory);
            } catch (IOException e) {
                // left behind in the temporary directory
            }
        }
    }

    /** An append-only file of blocks, read back at any offset. */
    static final class SpillFile {
        private final SpillSpace space;
        private final Path path;
        private final FileChannel channel;
        private long length;
        private boolean deleted;
        /** Blocks in this file not yet read back. */
        int liveBlocks;

        private SpillFile(SpillSpace space, Path path, FileChannel channel) {
            this.space = space;
            this.path = path;
            this.channel = channel;
        }

        /** Appends {@code bytes[0 .. n)}; the offset written at, or {@code -1} (see {@link SpillSpace#failure()}). */
        long append(byte[] bytes, int n) {
            if (!space.reserveDisk(n)) {
                return -1;
            }
            long at = length;
            try {
                ByteBuffer b = ByteBuffer.wrap(bytes, 0, n);
                while (b.hasRemaining()) {
                    channel.write(b, at + b.position());
                }
            } catch (IOException e) {
                space.writeFailed();
                return -1;
            }
            length += n;
            return at;
        }

        /** Reads {@code n} bytes at {@code offset} into {@code into[0 .. n)}. */
        void read(long offset, byte[] into, int n) {
            try {
                ByteBuffer b = ByteBuffer.wrap(into, 0, n);
                while (b.hasRemaining()) {
                    if (channel.read(b, offset + b.position()) < 0) {
                        throw new IOException("spill file " + path + " ends early");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the spilled frontier", e);
            }
        }

        long length() {
            return length;
        }

        /** Cuts the file back to {@code newLength} bytes (a stack's spill reads back its last segment). */
        void truncate(long newLength) {
            try {
                channel.truncate(newLength);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot truncate the spilled stack", e);
            }
            space.released(length - newLength);
            length = newLength;
        }

        void delete() {
            if (deleted) {
                return;
            }
            deleted = true;
            space.deleted(this, length);
            try {
                channel.close();
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // left behind in the spill directory
            }
        }
    }
}
