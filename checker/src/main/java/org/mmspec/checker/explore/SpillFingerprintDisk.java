package org.mmspec.checker.explore;

import java.io.IOException;
import java.nio.file.Path;
import org.mmspec.checker.frontier.SpillSpace;
import org.mmspec.checker.result.IncompleteReason;
import org.mmspec.checker.store.FingerprintDisk;

/** The fingerprints on disk kept in a search's spill space, within its disk budget. */
record SpillFingerprintDisk(SpillSpace space) implements FingerprintDisk {

    @Override
    public Path directory() throws IOException {
        return space.filesDirectory();
    }

    @Override
    public boolean reserve(long bytes) {
        return space.reserveDiskBytes(bytes);
    }

    @Override
    public void release(long bytes) {
        space.releaseDiskBytes(bytes);
    }

    @Override
    public void writeFailed() {
        space.diskWriteFailed();
    }

    @Override
    public boolean full() {
        return space.failure() == IncompleteReason.DISK_FULL;
    }
}
