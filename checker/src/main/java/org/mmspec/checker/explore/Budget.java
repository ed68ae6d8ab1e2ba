package org.mmspec.checker.explore;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits on one search. Running out of any is an {@code Incomplete} result, never an error.
 *
 * @param maxStates most distinct states to admit
 * @param maxTime longest wall-clock time (checked every 1,024 generated states)
 * @param maxMemoryBytes most bytes for the store plus the frontier, estimated as the store's exact array
 *     bytes plus {@value #FRONTIER_STATE_BYTES} bytes per state waiting in the frontier (a state object's
 *     size is not known to the explorer). Independently, the search stops when the JVM heap is over 90%
 *     full after a garbage collection.
 */
public record Budget(long maxStates, Duration maxTime, long maxMemoryBytes) {

    /** Assumed size of one state object held in a BFS queue, DFS stack or work list. */
    public static final long FRONTIER_STATE_BYTES = 256;

    public Budget {
        Objects.requireNonNull(maxTime, "maxTime");
        if (maxStates < 1 || maxMemoryBytes < 1 || maxTime.isNegative()) {
            throw new IllegalArgumentException("budget limits must be positive: " + maxStates + " states, "
                    + maxTime + ", " + maxMemoryBytes + " bytes");
        }
    }

    /** 5,000,000 states, 300 s, 2 GiB. */
    public static Budget defaults() {
        return new Budget(5_000_000, Duration.ofSeconds(300), 2L << 30);
    }

    /** No limit (but the JVM heap guard still applies). */
    public static Budget unlimited() {
        return new Budget(Long.MAX_VALUE, Duration.ofSeconds(Long.MAX_VALUE), Long.MAX_VALUE);
    }

    public Budget withMaxStates(long states) {
        return new Budget(states, maxTime, maxMemoryBytes);
    }

    public Budget withMaxTime(Duration time) {
        return new Budget(maxStates, time, maxMemoryBytes);
    }

    public Budget withMaxMemoryBytes(long bytes) {
        return new Budget(maxStates, maxTime, bytes);
    }

    /** {@link #maxTime} in nanoseconds, saturated at {@link Long#MAX_VALUE}. */
    long maxNanos() {
        return maxTime.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : maxTime.toNanos();
    }
}
