package org.mmspec.checker.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The process's measured memory: where Linux shows {@code /proc/self} (every host the project supports),
 * the figures are read from it, not left at "not measurable".
 */
class ProcessMemoryTest {

    private static final boolean PROC = Files.isReadable(Path.of("/proc/self/status"));

    @Test
    void residentAndPeakComeFromProcOnLinux() {
        assertTrue(PROC, "this project's hosts are Linux: /proc/self/status is readable");
        long now = ProcessMemory.residentBytes();
        long peak = ProcessMemory.peakResidentBytes();
        assertTrue(now > 0 && peak >= now, "VmRSS " + now + ", VmHWM " + peak);
    }

    /** {@code AnonHugePages} of {@code smaps_rollup} (Linux 4.14 and later): a size, 0 when none are used. */
    @Test
    void hugePagesAreMeasuredWhereTheKernelShowsThem() {
        long huge = ProcessMemory.hugePageBytes();
        if (Files.isReadable(Path.of("/proc/self/smaps_rollup"))) {
            assertTrue(huge >= 0 && huge % 1024 == 0, "AnonHugePages in bytes: " + huge);
        } else {
            assertEquals(-1, huge, "not measurable without smaps_rollup");
        }
    }
}
