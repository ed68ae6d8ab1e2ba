package org.mmspec.checker.explore;

/**
 * SplitMix64 (Steele, Lea, Flood 2014), written out so that the same seed gives the same numbers on every
 * JDK, whatever {@code java.util} does in later versions.
 */
final class SplitMix64 {

    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    /** The generator's whole state: {@code new SplitMix64(state())} goes on with the same numbers. */
    long state() {
        return state;
    }

    long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in {@code [0, bound)}, without modulo bias (rejection as in {@code java.util.Random}). */
    int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        int bits;
        int value;
        do {
            bits = (int) (nextLong() >>> 33);
            value = bits % bound;
        } while (bits - value + (bound - 1) < 0);
        return value;
    }
}
