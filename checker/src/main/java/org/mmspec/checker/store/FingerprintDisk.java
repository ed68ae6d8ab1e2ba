package org.mmspec.checker.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a {@link DiskFingerprintSet} keeps its file and how its bytes are counted: the search's spill
 * space, so the fingerprints on disk count against the same disk budget as the spilled frontier.
 */
public interface FingerprintDisk {

    /** The directory for the set's files (made if need be). */
    Path directory() throws IOException;

    /** Accounts for {@code bytes} about to be written; false when they are over the disk budget. */
    boolean reserve(long bytes);

    /** Gives back {@code bytes} reserved before (a file deleted, or a write that did not happen). */
    void release(long bytes);

    /** A write failed (the disk is full): said so that the search reports it. */
    void writeFailed();

    /** True when the disk refused a write (rather than the budget a reservation). */
    boolean full();
}
