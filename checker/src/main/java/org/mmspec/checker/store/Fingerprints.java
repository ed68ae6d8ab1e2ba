package org.mmspec.checker.store;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    /**
     * Reads the slot where a look-up of {@code fingerprint} starts and returns what it holds (or 0), so that
     * its cache miss overlaps the caller's next work; no effect on the set. Hand-written for speed.
     */
    default long touch(long fingerprint) {
        return 0;
    }

    /**
     * {@link #touch} of {@code fps[0 .. n-1]}, the sum of what the slots hold: the reads are issued close
     * together, so that their cache misses overlap. Hand-written for speed.
     */
    default long touchAll(long[] fps, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += touch(fps[i]);
        }
        return sum;
    }

    /**
     * A set of at most {@code limit} fingerprints: in memory, or, when {@code memoryBytes > 0}, at most that
     * many bytes of table in memory and the rest on {@code disk}.
     */
    static Fingerprints create(long limit, long memoryBytes, FingerprintDisk disk) {
        return memoryBytes > 0 ? new DiskFingerprintSet(limit, DiskFingerprintSet.fingerprintsIn(memoryBytes), disk)
                : new FingerprintSet(limit);
    }

    /** Writes {@code set} (its size, then every fingerprint) for a checkpoint. */
    static void save(Fingerprints set, DataOutput out) throws IOException {
        out.writeLong(set.size());
        try {
            set.forEach(fp -> {
                try {
                    out.writeLong(fp);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Reads a set {@link #save saved}, into a set made as {@link #create} says, refusing new fingerprints
     * beyond {@code limit} afterwards.
     *
     * @throws IOException on a read error, or when the fingerprints repeat or do not fit
     */
    static Fingerprints load(DataInput in, long limit, long memoryBytes, FingerprintDisk disk) throws IOException {
        long size = in.readLong();
        if (size < 0) {
            throw new IOException("not a set of fingerprints (" + size + ")");
        }
        Fingerprints set = create(Math.max(limit, Math.max(1, size)), memoryBytes, disk);
        for (long i = 0; i < size; i++) {
            if (set.put(in.readLong()) != Admission.NEW) {
                set.free();
                throw new IOException("the stored fingerprints repeat or do not fit");
            }
        }
        set.lowerLimit(limit);
        return set;
    }
}
