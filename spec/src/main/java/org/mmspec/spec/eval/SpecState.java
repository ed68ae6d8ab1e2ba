package org.mmspec.spec.eval;

import java.util.Arrays;

/**
 * A state of an interpreted scenario: an immutable {@code int[]} laid out by the scenario's
 * {@link org.mmspec.spec.ir.Layout}. Equality is slot-wise; the 64-bit fingerprint is a function of the
 * slots only, so equal states fingerprint equally in every run.
 */
public final class SpecState {

    private final int[] slots;
    private final long fingerprint;

    SpecState(int[] slots) {
        this.slots = slots;
        this.fingerprint = fingerprint(slots);
    }

    /** A copy of the slots (for tests and tools). */
    public int[] slots() {
        return slots.clone();
    }

    int[] raw() {
        return slots;
    }

    public long fingerprint() {
        return fingerprint;
    }

    /** Number of slots; a stored state needs about four bytes per slot. */
    public int size() {
        return slots.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpecState other && other.fingerprint == fingerprint && Arrays.equals(other.slots, slots);
    }

    @Override
    public int hashCode() {
        return (int) (fingerprint ^ (fingerprint >>> 32));
    }

    @Override
    public String toString() {
        return "SpecState" + Arrays.toString(slots);
    }

    /** A 64-bit hash of the slots (multiply-rotate per slot, then a final avalanche). */
    static long fingerprint(int[] slots) {
        long h = 0x9E3779B97F4A7C15L ^ slots.length;
        for (int v : slots) {
            h = Long.rotateLeft(h ^ (v * 0xC2B2AE3D27D4EB4FL), 31) * 0x9E3779B97F4A7C15L;
        }
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
