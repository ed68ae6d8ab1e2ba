package org.mmspec.ref.state;

import java.util.Arrays;

/**
 * One whole state of the modelled machine, as a value.
 *
 * <p>It is a state vector (as in SPIN): every {@code struct page}, zone, mm, VMA, page table, lock,
 * wait queue, thread and ghost variable lives at a fixed offset given by {@link Layout}. The array
 * never changes after construction; steps work on a copy ({@link Mem}). Equality is exact over all
 * words; the fingerprint is the {@link Fingerprint} sum, kept incrementally by {@link Mem}.
 */
public final class KernelState {

    private final int[] words;
    private final long fingerprint;

    KernelState(int[] words, long fingerprint) {
        this.words = words;
        this.fingerprint = fingerprint;
    }

    /**
     * The state whose vector is {@code words} (handed over: the caller must not touch the array again), with
     * its fingerprint computed afresh; for states read back from a compressed or stored frontier.
     */
    public static KernelState ofWords(int[] words) {
        return new KernelState(words, Fingerprint.of(words));
    }

    /**
     * The state of {@code words} whose {@link Fingerprint} the caller has kept up to date word by word
     * (a queue rebuilding vectors from differences), so it is not computed again.
     */
    public static KernelState ofWords(int[] words, long fingerprint) {
        return new KernelState(words, fingerprint);
    }

    /** Copies the words into {@code out[0 .. size())}. */
    public void copyWords(int[] out) {
        System.arraycopy(words, 0, out, 0, words.length);
    }

    /** The 64-bit fingerprint of this state. */
    public long fingerprint() {
        return fingerprint;
    }

    /** Word {@code i} of the state vector. */
    public int word(int i) {
        return words[i];
    }

    /** Number of words. */
    public int size() {
        return words.length;
    }

    /** The words themselves, for read-only views in this package. */
    int[] wordsForReading() {
        return words;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KernelState k && k.fingerprint == fingerprint && Arrays.equals(k.words, words);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(fingerprint);
    }

    @Override
    public String toString() {
        return "KernelState[" + words.length + " words, fp=" + Long.toHexString(fingerprint) + "]";
    }
}
