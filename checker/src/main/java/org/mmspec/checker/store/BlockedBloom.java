package org.mmspec.checker.store;

/**
 * A blocked Bloom filter over fingerprint keys: {@value #BITS_PER_KEY} bits per key, and the
 * {@value #PROBES} bits of a key all in one 64-bit word (one memory access per look-up). It answers
 * "certainly absent" or "maybe present", never "absent" for a key that was added, so the
 * {@link FingerprintFile} reads its page only for a maybe: about 3% of the absent keys (a new state's
 * fingerprint is absent from the file), and every present one.
 *
 * <p>Keys are mixed fingerprints ({@link FingerprintSet#mix}), already uniform: the word is chosen by the
 * key's high bits, the bits in it by a multiplicative hash of the whole key.
 *
 * <p>Not thread-safe.
 */
final class BlockedBloom {

    static final int BITS_PER_KEY = 8;
    static final int PROBES = 4;

    private final LongArray words;
    private final long count;

    private BlockedBloom(LongArray words, long count) {
        this.words = words;
        this.count = count;
    }

    /** An empty filter for {@code keys} keys, or {@code null} when the memory cannot be had. */
    static BlockedBloom allocate(long keys) {
        long count = Math.max(1, keys * BITS_PER_KEY / 64);
        LongArray words = LongArray.allocate(count);
        return words == null ? null : new BlockedBloom(words, count);
    }

    void add(long key) {
        long w = Math.unsignedMultiplyHigh(key, count);
        words.set(w, words.get(w) | mask(key));
    }

    /** False when {@code key} was certainly not added. */
    boolean mightContain(long key) {
        long m = mask(key);
        return (words.get(Math.unsignedMultiplyHigh(key, count)) & m) == m;
    }

    private static long mask(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return 1L << (h >>> 58) | 1L << ((h >>> 52) & 63) | 1L << ((h >>> 46) & 63) | 1L << ((h >>> 40) & 63);
    }

    /** Bytes of memory. */
    long bytes() {
        return 8 * count;
    }

    void free() {
        words.free();
    }
}
