package org.mmspec.checker.explore;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.mmspec.checker.frontier.SpillSpace;

/**
 * Where a search keeps what does not fit in memory, and its checkpoints.
 *
 * @param spillDirectory where frontier blocks spill, or {@code null} for a fresh temporary directory (made
 *     on first spill, deleted at the end)
 * @param frontierMemoryBytes bytes of compressed frontier blocks (a BFS queue's, a DFS stack's) kept in memory
 *     before blocks spill to disk, or {@link #DERIVED}: an eighth of the maximum heap, at most 256 MiB
 * @param checkpoint directory of checkpoints, or {@code null} for none
 * @param checkpointInterval how often a checkpoint is written (at the first point between two expansions
 *     after the interval); a search that stops for a time, memory or heap budget writes one as it stops
 * @param resume whether to continue the search from the checkpoint in {@code checkpoint}
 * @param opener how spill files are opened (tests substitute a full disk)
 * @param fingerprintMemoryBytes {@code 0}: the fingerprint table is kept in memory, growing as needed; else
 *     at most this many bytes of it are kept in memory and the rest goes to a sorted file in the spill
 *     directory, counted against the disk budget ({@link org.mmspec.checker.store.DiskFingerprintSet}; BFS,
 *     DFS and preemption-bounded searches, on one worker)
 */
public record SearchFiles(Path spillDirectory, long frontierMemoryBytes, Path checkpoint, Duration checkpointInterval,
        boolean resume, SpillSpace.Opener opener, long fingerprintMemoryBytes) {

    /** A frontier memory budget that derives from the heap. */
    public static final long DERIVED = -1;

    public SearchFiles {
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        Objects.requireNonNull(opener, "opener");
        if (frontierMemoryBytes < 0 && frontierMemoryBytes != DERIVED || checkpointInterval.isNegative()) {
            throw new IllegalArgumentException("bad frontier memory " + frontierMemoryBytes + " or interval "
                    + checkpointInterval);
        }
        if (fingerprintMemoryBytes < 0) {
            throw new IllegalArgumentException("negative fingerprint memory " + fingerprintMemoryBytes);
        }
        if (resume && checkpoint == null) {
            throw new IllegalArgumentException("resume needs a checkpoint directory");
        }
    }

    /** A temporary spill directory, the derived frontier memory, no checkpoints. */
    public static SearchFiles defaults() {
        return new SearchFiles(null, DERIVED, null, Duration.ofMinutes(10), false, SpillSpace.Opener.FILES, 0);
    }

    public SearchFiles withSpillDirectory(Path dir) {
        return new SearchFiles(dir, frontierMemoryBytes, checkpoint, checkpointInterval, resume, opener,
                fingerprintMemoryBytes);
    }

    public SearchFiles withFrontierMemoryBytes(long bytes) {
        return new SearchFiles(spillDirectory, bytes, checkpoint, checkpointInterval, resume, opener,
                fingerprintMemoryBytes);
    }

    /** Checkpoints in {@code dir} every {@code interval}. */
    public SearchFiles withCheckpoint(Path dir, Duration interval) {
        return new SearchFiles(spillDirectory, frontierMemoryBytes, dir, interval, resume, opener,
                fingerprintMemoryBytes);
    }

    /** Resumes from the checkpoint in {@code dir} (and goes on checkpointing there). */
    public SearchFiles withResume(Path dir) {
        return new SearchFiles(spillDirectory, frontierMemoryBytes, dir, checkpointInterval, true, opener, fingerprintMemoryBytes);
    }

    public SearchFiles withOpener(SpillSpace.Opener o) {
        return new SearchFiles(spillDirectory, frontierMemoryBytes, checkpoint, checkpointInterval, resume, o,
                fingerprintMemoryBytes);
    }

    /** Keeps at most {@code bytes} of the fingerprint table in memory and the rest on disk ({@code 0}: all in memory). */
    public SearchFiles withFingerprintMemoryBytes(long bytes) {
        return new SearchFiles(spillDirectory, frontierMemoryBytes, checkpoint, checkpointInterval, resume, opener,
                bytes);
    }

    /** The frontier memory budget in bytes. */
    long frontierMemory() {
        if (frontierMemoryBytes != DERIVED) {
            return frontierMemoryBytes;
        }
        return Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 8);
    }
}
