package org.mmspec.spec.semantics;

/**
 * How a {@link TransitionSystem}'s states are written as fixed-length {@code int} vectors and read back:
 * what lets the explorer keep waiting states compressed (successors differ from their parent in a few
 * words), spill them to disk, and checkpoint a search. A system offers it through
 * {@link TransitionSystem#vectors()}; a system that does not is searched with its states kept as objects.
 *
 * <p>The contract: for every state {@code s} of the system, {@code fromVector(copy of vector(s))} is a state
 * equal to {@code s} (same behaviour, same {@link TransitionSystem#fingerprint fingerprint}), and every
 * vector has {@link #vectorLength()} words.
 *
 * @param <S> the state type
 */
public interface StateVectors<S> {

    /** Number of words of every state's vector. */
    int vectorLength();

    /** Copies {@code s}'s words into {@code out[0 .. vectorLength())}. */
    void copyVector(S s, int[] out);

    /** The state whose words are {@code words}; the array is handed over (the caller never touches it again). */
    S fromVector(int[] words);

    /**
     * Whether the system's {@link TransitionSystem#fingerprint fingerprint} of a state is a function of the
     * sum (modulo 2^64) of {@link #wordHash} over its words: then a queue that rebuilds vectors from
     * differences keeps that sum up to date on the way and hands it to {@link #fromVector(int[], long)}, and
     * the system need not hash the whole vector again. The default says no.
     */
    default boolean additiveFingerprint() {
        return false;
    }

    /** The term of word {@code index} holding {@code value} in an additive fingerprint. */
    default long wordHash(int index, int value) {
        throw new UnsupportedOperationException("not an additive fingerprint");
    }

    /**
     * {@link #fromVector(int[])} of words whose sum of {@link #wordHash} is known to be {@code hashSum} (only
     * called when {@link #additiveFingerprint()}); the default ignores it.
     */
    default S fromVector(int[] words, long hashSum) {
        return fromVector(words);
    }

    /**
     * A reusable state, for a queue that decodes state after state into one object: the queue
     * {@link #load loads} each head into it, so popping a state allocates nothing. Such a state is valid only
     * until the next load, and only its queue loads it. Null (the default) when the system's states cannot be
     * reused so: the queue then makes every state by {@link #fromVector(int[])}.
     */
    default S newView() {
        return null;
    }

    /**
     * Makes {@code view} (from {@link #newView}) the state of {@code words} (copied; the caller keeps the
     * array), fingerprint included; {@code hashSum} is their sum of {@link #wordHash} when {@code hashKnown}
     * (only when {@link #additiveFingerprint()}), else the system computes what it needs from the words.
     */
    default void load(S view, int[] words, boolean hashKnown, long hashSum) {
        throw new UnsupportedOperationException("no views");
    }

    /**
     * Where {@code s} is known to be a successor of a state {@code p} as {@code p}'s words are now: sets in
     * {@code changed} ({@code (vectorLength() + 63) / 64} words, a bit per word of the vector, bit {@code i % 64}
     * of word {@code i / 64}) every word where {@code s} differs from {@code p} (it may set more) and returns
     * {@code p}; else null (the default), leaving {@code changed} as it was. A queue's encoder compares two
     * successors of one parent at the union of their bits only (and {@link #version} says whether a reused
     * parent was rewritten between the two).
     */
    default S changedFrom(S s, long[] changed) {
        return null;
    }

    /** A count that changes whenever the words of the reused state {@code s} are rewritten; 0 (the default) for a state that never is. */
    default long version(S s) {
        return 0;
    }
}
