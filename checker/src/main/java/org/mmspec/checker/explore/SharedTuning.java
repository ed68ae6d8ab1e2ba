package org.mmspec.checker.explore;

/**
 * How a {@link SharedBreadthFirstSearch} cuts its levels, and (for tests only) a deliberately wrong
 * tie-break.
 *
 * @param chunkStates states per chunk a worker claims; 0 for the default (an eighth of a level per worker,
 *     between {@value #MIN_CHUNK} and {@value #MAX_CHUNK})
 * @param segmentStates most states in one segment of a chunk's output; 0 for the default (a quarter of the
 *     level's chunk size, at least {@value #MIN_SEGMENT}: a segment's compressed blocks are sealed as it
 *     grows, and only its last block stays open, so segments of a few thousand states or more keep the
 *     frontier compressed; and the next level's last chunks, a segment or a few, are short:
 *     {@link LevelChunk#plan})
 * @param firstKeyWins the wrong tie-break: a fingerprint keeps the first key offered for it in a level
 *     rather than the least, so parents depend on timing (tests show the cross-check catches it)
 * @param lastChunkFirst for tests: chunks are claimed from the level's last to its first, so successors are
 *     offered in descending key order and every fingerprint with two parents in different chunks is lowered
 *     (deterministically, on one worker: a tuned search runs the shared engine even with one)
 * @param tableSlots for tests: the slots of the store's table at first (a power of two, at least 1024), so
 *     that it grows in the middle of levels; 0 for the default
 * @param tableMaxSlots for tests: the most slots the table may grow to, as if memory ran out beyond; 0 for
 *     no bound but the memory's
 * @param allHeld for tests: every new state is marked as one whose invariants held without judging them
 *     ({@link SharedLevelWorker}), so that a violation reached by a step is missed (tests show it is)
 */
record SharedTuning(int chunkStates, int segmentStates, boolean firstKeyWins, boolean lastChunkFirst,
        long tableSlots, long tableMaxSlots, boolean allHeld) {

    static final int MIN_CHUNK = 256;
    static final int MAX_CHUNK = 1 << 16;
    static final int MIN_SEGMENT = 1024;

    /** The tuning every search uses. */
    static final SharedTuning DEFAULT = new SharedTuning(0, 0, false, false, 0, 0, false);

    /** Chunks claimed in rank order. */
    SharedTuning(int chunkStates, int segmentStates, boolean firstKeyWins) {
        this(chunkStates, segmentStates, firstKeyWins, false);
    }

    /** The default table. */
    SharedTuning(int chunkStates, int segmentStates, boolean firstKeyWins, boolean lastChunkFirst) {
        this(chunkStates, segmentStates, firstKeyWins, lastChunkFirst, 0, 0);
    }

    /** Invariants judged soundly. */
    SharedTuning(int chunkStates, int segmentStates, boolean firstKeyWins, boolean lastChunkFirst,
            long tableSlots, long tableMaxSlots) {
        this(chunkStates, segmentStates, firstKeyWins, lastChunkFirst, tableSlots, tableMaxSlots, false);
    }

    /** This tuning with every new state's invariants marked held, unjudged (tests: the miss must show). */
    SharedTuning withAllHeld() {
        return new SharedTuning(chunkStates, segmentStates, firstKeyWins, lastChunkFirst, tableSlots,
                tableMaxSlots, true);
    }

    /** This tuning with a table of {@code slots} slots at first. */
    SharedTuning withTableSlots(long slots) {
        return new SharedTuning(chunkStates, segmentStates, firstKeyWins, lastChunkFirst, slots, tableMaxSlots,
                allHeld);
    }

    SharedTuning {
        if (chunkStates < 0 || segmentStates < 0 || tableSlots < 0 || tableMaxSlots < 0) {
            throw new IllegalArgumentException("need chunkStates, segmentStates, tableSlots, tableMaxSlots >= 0");
        }
    }

    /** Most states in one output segment while a level is expanded in chunks of {@code chunk} states. */
    int segmentFor(long chunk) {
        return segmentStates > 0 ? segmentStates : (int) Math.max(MIN_SEGMENT, chunk / 4);
    }

    /** States per chunk for a level of {@code levelSize} states on {@code workers} workers. */
    long chunkFor(long levelSize, int workers) {
        if (chunkStates > 0) {
            return chunkStates;
        }
        return Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, levelSize / (8L * workers)));
    }
}
