package org.mmspec.checker.explore;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The memory of this process and of the machine, measured: {@code /proc/self/status} and
 * {@code /proc/meminfo} on Linux (with the cgroup v2 limit), the JVM's own figures elsewhere.
 */
public final class ProcessMemory {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path SMAPS_ROLLUP = Path.of("/proc/self/smaps_rollup");
    private static final Path MEMINFO = Path.of("/proc/meminfo");
    private static final Path CGROUP_MAX = Path.of("/sys/fs/cgroup/memory.max");

    private ProcessMemory() {}

    /** Resident memory now ({@code VmRSS}); elsewhere the heap in use plus the direct and mapped buffers. */
    public static long residentBytes() {
        long kib = procField(STATUS, "VmRSS:");
        return kib >= 0 ? kib << 10 : jvmBytes();
    }

    /** The most resident memory the process has had ({@code VmHWM}), or -1 where not measurable. */
    public static long peakResidentBytes() {
        long kib = procField(STATUS, "VmHWM:");
        return kib >= 0 ? kib << 10 : -1;
    }

    /**
     * Resident memory now in transparent huge pages ({@code AnonHugePages} of {@code /proc/self/smaps_rollup}),
     * or -1 where not measurable. Costs a walk of the process's mappings: for samples, not for every step.
     */
    public static long hugePageBytes() {
        long kib = procField(SMAPS_ROLLUP, "AnonHugePages:");
        return kib >= 0 ? kib << 10 : -1;
    }

    /**
     * The memory this process can use: its resident memory plus 90% of what the machine has available
     * ({@code MemAvailable}), no more than its cgroup's {@code memory.max}; {@link Long#MAX_VALUE} when the
     * machine does not say.
     */
    public static long availableToProcess() {
        long available = procField(MEMINFO, "MemAvailable:");
        if (available < 0) {
            return Long.MAX_VALUE;
        }
        long limit = residentBytes() + (long) (0.9 * (available << 10));
        try {
            String max = Files.readString(CGROUP_MAX).trim();
            if (!max.equals("max")) {
                limit = Math.min(limit, (long) (0.95 * Long.parseLong(max)));
            }
        } catch (IOException | NumberFormatException | SecurityException e) {
            // no cgroup v2 limit visible
        }
        return limit;
    }

    private static long jvmBytes() {
        Runtime r = Runtime.getRuntime();
        long bytes = r.totalMemory() - r.freeMemory();
        List<BufferPoolMXBean> pools = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class);
        for (BufferPoolMXBean pool : pools) {
            bytes += Math.max(0, pool.getMemoryUsed());
        }
        return bytes;
    }

    /** The number (in kB) after {@code key} in a {@code /proc} file, or -1. */
    private static long procField(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    String[] parts = line.substring(key.length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]);
                }
            }
        } catch (IOException | NumberFormatException | SecurityException e) {
            return -1;
        }
        return -1;
    }
}
