package org.mmspec.ref.state;

/**
 * The 64-bit fingerprint of a state vector: the sum (mod 2^64) of a strong mix of every non-zero word
 * with its index, as in Zobrist hashing. A sum can be kept up to date word by word, so a step that
 * changes five words pays for five mixes, not for the whole vector.
 */
public final class Fingerprint {

    private static final long SEED = 0x9E3779B97F4A7C15L;

    private Fingerprint() {
    }

    /** Contribution of word {@code index} holding {@code value}; zero words contribute nothing. */
    public static long mix(int index, int value) {
        if (value == 0) {
            return 0L;
        }
        long z = (((long) index) << 32 | (value & 0xFFFF_FFFFL)) + SEED;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The fingerprint of a whole vector, computed from scratch. */
    public static long of(int[] words) {
        long fp = 0;
        for (int i = 0; i < words.length; i++) {
            fp += mix(i, words[i]);
        }
        return fp;
    }
}
