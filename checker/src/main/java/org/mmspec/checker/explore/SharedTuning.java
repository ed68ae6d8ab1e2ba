package org.mmspec.checker.explore;

/**
 * How a {@link SharedBreadthFirstSearch} cuts its levels, and (for tests only) a deliberately wrong
 * tie-break.
 *
 * @param chunkStates states per chunk a worker claims; 0 for the default (an eighth of a level per worker,
 *     between {@value #MIN_CHUNK} and {@value #MAX_CHUNK})
 * @param segmentStates most states in one segment of a chunk's output
 * @param firstKeyWins the wrong tie-break: a fingerprint keeps the first key offered for it in a level
 *     rather than the least, so parents depend on timing (tests show the cross-check catches it)
 */
record SharedTuning(int chunkStates, int segmentStates, boolean firstKeyWins) {

    static final int MIN_CHUNK = 256;
    static final int MAX_CHUNK = 8192;

    /** The tuning every search uses. */
    static final SharedTuning DEFAULT = new SharedTuning(0, 4096, false);

    SharedTuning {
        if (chunkStates < 0 || segmentStates < 1) {
            throw new IllegalArgumentException("need chunkStates >= 0, segmentStates >= 1");
        }
    }

    /** States per chunk for a level of {@code levelSize} states on {@code workers} workers. */
    long chunkFor(long levelSize, int workers) {
        if (chunkStates > 0) {
            return chunkStates;
        }
        return Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, levelSize / (8L * workers)));
    }
}
