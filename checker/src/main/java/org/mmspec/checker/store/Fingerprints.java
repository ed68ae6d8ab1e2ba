package org.mmspec.checker.store;

import java.util.function.LongConsumer;

/**
 * A set of 64-bit fingerprints that never reports a stored fingerprint as new: in memory
 * ({@link FingerprintSet}) or in memory up to a budget and on disk beyond ({@link DiskFingerprintSet}).
 * Not thread-safe.
 */
public sealed interface Fingerprints permits FingerprintSet, DiskFingerprintSet {

    /**
     * Adds {@code fingerprint} unless present: {@link Admission#NEW} if added, {@link Admission#SEEN} if
     * present, {@link Admission#FULL} if absent and the set cannot take it (its limit, memory or disk).
     */
    Admission put(long fingerprint);

    /** True when {@code fingerprint} is in the set. */
    boolean contains(long fingerprint);

    /** Number of fingerprints held. */
    long size();

    /** Most fingerprints the set will hold. */
    long limit();

    /** Lowers {@link #limit()} to {@code newLimit} if lower (never below the size). */
    void lowerLimit(long newLimit);

    /** True when memory for the set could not be had (so new fingerprints are refused). */
    boolean outOfMemory();

    /** Bytes of memory the set takes. */
    long bytes();

    /** Every fingerprint held, each once, in no particular order (for checkpoints). */
    void forEach(LongConsumer sink);

    /** Gives the set's memory (and files) back; the set must not be used afterwards. */
    void free();
}
