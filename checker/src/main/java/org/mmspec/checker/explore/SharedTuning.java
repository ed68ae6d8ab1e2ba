package org.mmspec.checker.explore;

/**
 * How a {@link SharedBreadthFirstSearch} cuts its levels, and (for tests only) a deliberately wrong
 * tie-break.
 *
 * @param chunkStates states per chunk a worker claims; 0 for the default (an eighth of a level per worker,
 *     between {@value #MIN_CHUNK} and {@value #MAX_CHUNK})
 * @param segmentStates most states in one segment of a chunk's output; 0 for the default (the level's chunk
 *     size, at least {@value #MIN_SEGMENT}: a segment's compressed blocks are sealed as it grows, and only
 *     its last block stays open, so segments of a few thousand states or more keep the frontier compressed)
 * @param firstKeyWins the wrong tie-break: a fingerprint keeps the first key offered for it in a level
 *     rather than the least, so parents depend on timing (tests show the cross-check catches it)
 */
record SharedTuning(int chunkStates, int segmentStates, boolean firstKeyWins) {

    static final int MIN_CHUNK = 256;
    static final int MAX_CHUNK = 1 << 16;
    static final int MIN_SEGMENT = 1024;

    /** The tuning every search uses. */
    static final SharedTuning DEFAULT = new SharedTuning(0, 0, false);

    SharedTuning {
        if (chunkStates < 0 || segmentStates < 0) {
            throw new IllegalArgumentException("need chunkStates >= 0, segmentStates >= 0");
        }
    }

    /** Most states in one output segment while a level is expanded in chunks of {@code chunk} states. */
    int segmentFor(long chunk) {
        return segmentStates > 0 ? segmentStates : (int) Math.max(MIN_SEGMENT, chunk);
    }

    /** States per chunk for a level of {@code levelSize} states on {@code workers} workers. */
    long chunkFor(long levelSize, int workers) {
        if (chunkStates > 0) {
            return chunkStates;
        }
        return Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, levelSize / (8L * workers)));
    }
}
