package org.mmspec.checker.explore;

import java.util.ArrayList;
import java.util.List;
import org.mmspec.checker.frontier.StateQueue;
import org.mmspec.checker.store.SharedStore;
import org.mmspec.checker.store.StateStore;

/**
 * A BFS that starts on one worker ({@link BreadthFirstSearch}) and hands over to the shared engine on N
 * ({@link SharedBreadthFirstSearch}) at the first level of at least {@link #LEVEL_STATES} states
 * ({@link SearchOptions#rampUp}). A short search, whose levels all stay smaller, thus runs as on one worker,
 * without the costs two workers pay on it (the JIT compiler shares the cores with them, the shared engine's
 * code starts colder than the one-worker loop, and a small level pays two barriers and a settling pass);
 * a long one takes the workers while its levels are still small beside its largest.
 *
 * <p>The hand-over happens between two levels, where the one-worker queue holds exactly the level to expand,
 * in id order: every fingerprint stored goes into the shared table as reached by an earlier level, every
 * parent link into the shared store under the same id, and the level into ranked segments (rank = id less
 * the level's first id), each state with whether its invariants are known to hold; the successors generated
 * so far carry over in the meter. The shared engine then expands the level as it would have, so the verdict,
 * trace and counts are the one-worker search's, byte for byte. Where the hand-over happens depends only on
 * the levels' sizes, never on time or load. When the system has no replica the search stays on one worker.
 */
final class RampUpSearch<S> implements Search {

    /** The least level (states) the search hands over at: above the levels of a search of a second or two. */
    static final long LEVEL_STATES = 1 << 15;

    /**
     * For tests: where to hand over, and what a deliberately wrong hand-over loses (the tests show that the
     * comparison with one worker catches each loss).
     */
    record Tuning(long levelStates, Loss loss) {
        static final Tuning DEFAULT = new Tuning(LEVEL_STATES, Loss.NONE);
    }

    /** What a deliberately wrong hand-over loses (tests only). */
    enum Loss {
        NONE, FINGERPRINT, LINK, FRONTIER_STATE,
        /** Not a loss: the shared store has no memory for the second half of the links (the search must go on, on one worker). */
        NO_LINK_MEMORY
    }

    private final SearchContext<S> ctx;
    private final int workers;
    private final Tuning tuning;
    private final BreadthFirstSearch<S> first;
    private SharedBreadthFirstSearch<S> rest;
    private boolean firstReleased;

    RampUpSearch(SearchContext<S> ctx, int workers, Tuning tuning) {
        this.ctx = ctx;
        this.workers = workers;
        this.tuning = tuning;
        this.first = new BreadthFirstSearch<>(ctx);
    }

    @Override
    public SearchOutcome run() {
        SearchOutcome end = first.runUntil(tuning.levelStates());
        if (end != null) {
            return end;
        }
        StateStore from = first.store();
        rest = SharedBreadthFirstSearch.create(ctx, workers, SharedTuning.DEFAULT.withTableSlots(slotsFor(from.size())));
        if (rest == null) {
            return first.runUntil(Long.MAX_VALUE);      // no replicas: on one worker to the end
        }
        SharedStore to = rest.store();
        if (!copyStore(from, to)) {             // no memory for the links there: on one worker to the end
            rest.release();
            rest = null;
            return first.runUntil(Long.MAX_VALUE);
        }
        List<LevelSegment<S>> level = new ArrayList<>();
        int depth = first.queue().headDepth();
        boolean copied = copyLevel(from, first.queue(), level, depth);
        rest.continueFrom(level, depth, ctx.meter().counters()[0]);
        releaseFirst();
        if (!copied) {
            return new SearchOutcome.Stopped(ctx.space().failure());
        }
        return rest.run();
    }

    /**
     * The fewest slots for a table that takes {@code states} fingerprints without growing: it grows in the first
     * levels after the hand-over, while the JIT still profiles the workers' loop (as {@link SharedStore}'s
     * least table grows in the first levels of a search on N workers from its start).
     */
    static long slotsFor(long states) {
        long slots = 1024;
        while (slots / 4 * 3 < states) {
            slots <<= 1;
        }
        return slots;
    }

    /**
     * Every fingerprint and parent link of {@code from} into {@code to}, under the same ids; false when memory
     * for the links could not be had (then {@code to} is of no use).
     */
    private boolean copyStore(StateStore from, SharedStore to) {
        boolean lose = tuning.loss() == Loss.FINGERPRINT;       // the initial state's (tests: not 0)
        long initial = lose ? ctx.system().fingerprint(ctx.system().initialState()) : 0;
        from.forEachFingerprint(fp -> {
            if (!lose || fp != initial) {
                to.admitEarlier(fp);
            }
        });
        long links = from.size() - (tuning.loss() == Loss.LINK ? 1 : 0);
        long memory = tuning.loss() == Loss.NO_LINK_MEMORY ? links / 2 : Long.MAX_VALUE;
        for (long id = 0; id < links; id++) {
            boolean added = id < memory && (id == 0
                    ? to.addLink(0, 0, 0)
                    : to.addLink(from.parentOf(id), from.threadOf(id), from.choiceOf(id)));
            if (!added) {
                return false;
            }
        }
        return true;
    }

    /**
     * The level in {@code queue} (at {@code depth}) into segments of {@code level}, cut as the shared engine
     * cuts its output for a level of this size; false when the frontier's disk budget ran out.
     */
    private boolean copyLevel(StateStore from, StateQueue<S> queue, List<LevelSegment<S>> level, int depth) {
        long size = queue.size() - (tuning.loss() == Loss.FRONTIER_STATE ? 1 : 0);
        int segment = SharedTuning.DEFAULT.segmentFor(SharedTuning.DEFAULT.chunkFor(size, workers));
        LevelSegment<S> out = null;
        for (long rank = 0; rank < size; rank++) {
            if (out == null || out.kept == segment) {
                if (out != null && !out.seal()) {
                    return false;
                }
                out = LevelSegment.handedOver(ctx.system(), ctx.space(), rank);
                level.add(out);
            }
            long id = queue.headNode();
            S s = queue.headTransient();        // copied into the segment before the next head is loaded
            boolean added = out.addLinked(s, from.threadOf(id), from.choiceOf(id), depth, first.invariantsHold(id));
            queue.removeHead();
            if (!added) {
                return false;
            }
        }
        return out == null || out.seal();
    }

    @Override
    public long distinctStates() {
        return rest != null ? rest.distinctStates() : first.distinctStates();
    }

    @Override
    public long storeBytes() {
        return rest != null ? rest.storeBytes() : first.storeBytes();
    }

    private void releaseFirst() {
        if (!firstReleased) {
            firstReleased = true;
            first.release();
        }
    }

    @Override
    public void release() {
        releaseFirst();
        if (rest != null) {
            rest.release();
        }
    }
}
