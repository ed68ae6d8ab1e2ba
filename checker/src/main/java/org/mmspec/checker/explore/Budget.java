package org.mmspec.checker.explore;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits on one search. Running out of any is an {@code Incomplete} result, never an error.
 *
 * @param maxStates most distinct states to admit
 * @param maxTime longest wall-clock time (checked between expansions, every 1,024 generated states)
 * @param maxMemoryBytes most resident memory of the whole process, measured ({@code VmRSS} of
 *     {@code /proc/self/status} on Linux; elsewhere the heap in use plus the JVM's direct buffers), or
 *     {@link #MACHINE}: the memory the process has when the search starts (its resident memory plus 90% of
 *     the memory available on the machine, within its cgroup's limit). Independently, the search stops
 *     when the JVM heap is over 90% full after a garbage collection.
 * @param maxDiskBytes most bytes of spilled frontier on disk, or {@link #MACHINE}: the free space of the
 *     spill directory's disk less a reserve (1 GiB or 5% of the disk, the less), measured on first spill
 */
public record Budget(long maxStates, Duration maxTime, long maxMemoryBytes, long maxDiskBytes) {

    /** A memory or disk limit that derives from what the machine has when the search runs. */
    public static final long MACHINE = -1;

    public Budget {
        Objects.requireNonNull(maxTime, "maxTime");
        if (maxStates < 1 || maxMemoryBytes < 1 && maxMemoryBytes != MACHINE
                || maxDiskBytes < 0 && maxDiskBytes != MACHINE || maxTime.isNegative()) {
            throw new IllegalArgumentException("budget limits must be positive: " + maxStates + " states, "
                    + maxTime + ", " + maxMemoryBytes + " bytes of memory, " + maxDiskBytes + " bytes of disk");
        }
    }

    /** A budget with the machine's disk. */
    public Budget(long maxStates, Duration maxTime, long maxMemoryBytes) {
        this(maxStates, maxTime, maxMemoryBytes, MACHINE);
    }

    /**
     * No state limit, 300 s, and the memory and disk the machine has ({@link #MACHINE}): a search runs
     * until it is done, out of time, or out of memory or disk.
     */
    public static Budget defaults() {
        return new Budget(Long.MAX_VALUE, Duration.ofSeconds(300), MACHINE, MACHINE);
    }

    /** No limit but the machine's memory and disk (and the JVM heap guard). */
    public static Budget unlimited() {
        return new Budget(Long.MAX_VALUE, Duration.ofSeconds(Long.MAX_VALUE), MACHINE, MACHINE);
    }

    public Budget withMaxStates(long states) {
        return new Budget(states, maxTime, maxMemoryBytes, maxDiskBytes);
    }

    public Budget withMaxTime(Duration time) {
        return new Budget(maxStates, time, maxMemoryBytes, maxDiskBytes);
    }

    public Budget withMaxMemoryBytes(long bytes) {
        return new Budget(maxStates, maxTime, bytes, maxDiskBytes);
    }

    public Budget withMaxDiskBytes(long bytes) {
        return new Budget(maxStates, maxTime, maxMemoryBytes, bytes);
    }

    /** {@link #maxTime} in nanoseconds, saturated at {@link Long#MAX_VALUE}. */
    long maxNanos() {
        return maxTime.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : maxTime.toNanos();
    }
}
