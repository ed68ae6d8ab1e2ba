package org.mmspec.checker.explore;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.mmspec.checker.frontier.SpillSpace;
import org.mmspec.checker.result.IncompleteReason;
import org.mmspec.checker.result.Violation;
import org.mmspec.checker.store.OffHeapList;
import org.mmspec.checker.store.SharedStore;
import org.mmspec.checker.store.SharedTable;
import org.mmspec.checker.store.StateStore;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * One worker of a {@link SharedBreadthFirstSearch}: claims chunks of the current level in rank order,
 * visits and expands their states, offers each successor to the shared {@link SharedTable} with its discovery
 * key, drops those an earlier level holds or whose key in this level is smaller, and appends those that are
 * new to the table (or whose key it lowered) to its chunk's output; it also settles segments at the level's
 * end.
 */
final class SharedLevelWorker<S> {

    /** What the workers of one search share. */
    record Shared(SharedStore store, SpillSpace space, OffHeapList.Pool pool,
            AtomicLong minViolation, AtomicReference<IncompleteReason> stop, int maxDepth, int threadBits) {}

    private final Shared shared;
    private final TransitionSystem<S> system;
    private final StateJudge<S> judge;
    final InterleavingSelfCheck<S> selfCheck;
    private final boolean deterministic;
    private final boolean transientSteps;
    private final Moves<S> moves = new Moves<>();
    private final DiscoveryKey keys;
    private final LocalSteps<S> reduction;
    private final int choiceLimit;
    private final SharedTable.Writer writer;
    /** For tests only: every new state is marked held without judging ({@link SharedTuning#allHeld}). */
    private final boolean allHeld;
    /** The keys this worker's offers replaced (lowered) in the current level: their copies are stale. */
    final LongList replaced = new LongList();
    /** Successors generated so far in this level (read by the coordinator for progress, racily). */
    volatile long generatedNow;
    boolean truncated;
    /** This worker's violation of least rank in the level. */
    final LeastViolation<S> least = new LeastViolation<>();
    /** Most states in one output segment in this level. */
    private int segmentStates;
    /**
     * The fingerprints of the step's successors being offered; the table cannot be replaced between this
     * worker's offers (a growth waits for every offering worker), so its slots may be read ahead.
     */
    private final SuccessorFingerprints<S> fps;
    /** The segment whose states are being expanded (their successors' records are encoded against it). */
    private LevelSegment<S> reading;

    SharedLevelWorker(Shared shared, TransitionSystem<S> system, StateJudge<S> judge,
            InterleavingSelfCheck<S> selfCheck, boolean deterministic, boolean reduce, boolean allHeld) {
        this.shared = shared;
        this.system = system;
        this.fps = new SuccessorFingerprints<>(system, shared.store().table()::touch);
        this.judge = judge;
        this.selfCheck = selfCheck;
        this.keys = new DiscoveryKey(shared.threadBits());
        this.deterministic = deterministic;
        this.transientSteps = deterministic && !reduce && SearchContext.stepsTransiently(system);
        this.reduction = reduce ? new LocalSteps<>(system) : null;
        this.choiceLimit = 1 << (StateStore.MOVE_BITS - shared.threadBits());
        this.writer = shared.store().table().newWriter();
        this.allHeld = allHeld;
    }

    /**
     * Expands the chunks claimed from {@code claim}, at {@code depth}; rank 0 of the level is state
     * {@code baseId}, rank 0 of the level before state {@code parentBase} (the states' links still to be
     * written, those of segments that kept their keys, name parents by their rank there); output segments
     * hold at most {@code segmentStates} states; with {@code lastChunkFirst} (tests) the claims run from the
     * level's last chunk to its first.
     */
    void expand(List<LevelChunk<S>> chunks, AtomicInteger claim, int depth, long baseId, long parentBase,
            int segmentStates, boolean lastChunkFirst) {
        this.segmentStates = segmentStates;
        replaced.clear();
        generatedNow = 0;
        int n = chunks.size();
        SharedTable table = shared.store().table();
        table.enter();
        try {
            for (int c = claim.getAndIncrement(); c < n; c = claim.getAndIncrement()) {
                LevelChunk<S> chunk = chunks.get(lastChunkFirst ? n - 1 - c : c);
                if (shared.stop().get() != null || !expandChunk(chunk, depth, baseId, parentBase)) {
                    return;
                }
            }
        } finally {
            table.leave(writer);       // even on a failure: a growth must not wait for this worker
        }
    }

    /**
     * Expands one chunk; writes the parent link of each of its states as it reads it, when its segment kept
     * its keys (the ids were reserved in the store: {@link SharedStore#reserveLinks}).
     */
    private boolean expandChunk(LevelChunk<S> chunk, int depth, long baseId, long parentBase) {
        OffHeapList counts = OffHeapList.ofInts(shared.pool());
        SharedStore store = shared.store();
        chunk.counts = counts;
        long rank = chunk.firstRank;
        long generated = 0;       // summed here, written once: chunks side by side are written by two workers
        boolean going = true;
        for (LevelSegment<S> seg : chunk.segments) {
            reading = seg;
            if (!chunk.output.isEmpty()) {
                chunk.output.get(chunk.output.size() - 1).readsFrom(seg);
            }
            int[] cursor = {0};
            boolean linking = seg.keysKept();
            for (int i = 0, n = seg.positions(); i < n && going; i++) {
                if (shared.stop().get() != null) {
                    going = false;
                    continue;
                }
                boolean held = seg.headHeld();
                if (seg.isDropped(i, cursor)) {
                    seg.queue.removeHead();
                    continue;
                }
                if (linking) {
                    long k = seg.keyAt(i);
                    store.setLink(baseId + rank, parentBase + DiscoveryKey.rank(k), keys.thread(k), keys.choice(k));
                }
                if (rank > shared.minViolation().get()) {
                    seg.queue.removeHead();
                    counts.addInt(0);
                    rank++;
                } else {
                    S s = seg.queue.headTransient();        // expanded before the next head is loaded
                    seg.queue.removeHead();
                    int count = visit(s, held, baseId + rank, rank, depth, chunk);
                    going = count >= 0;
                    counts.addInt(Math.max(0, count));
                    generated += Math.max(0, count);
                    rank++;
                }
            }
            seg.close();
        }
        reading = null;
        chunk.generated = generated;
        return going && sealLast(chunk);
    }

    /** Seals the chunk's last output segment (the earlier ones were sealed when the next was started). */
    private boolean sealLast(LevelChunk<S> chunk) {
        List<LevelSegment<S>> out = chunk.output;
        if (!out.isEmpty() && !out.get(out.size() - 1).seal()) {
            shared.stop().compareAndSet(null, shared.space().failure());
            return false;
        }
        return true;
    }

    /**
     * Visits and expands {@code s} (with {@code held}, its invariants are known to hold: only its fault is
     * looked at); the successors generated, or -1 when the search must stop.
     */
    private int visit(S s, boolean held, long id, long rank, int depth, LevelChunk<S> chunk) {
        Violation v = judge.check(s, held);
        if (v != null) {
            least.offer(rank, v, id, system.fingerprint(s), shared.minViolation());
            return 0;
        }
        if (depth == shared.maxDepth()) {
            truncated |= !judge.allFinished(s);
            return 0;
        }
        selfCheck.expanding(s);
        SharedStore store = shared.store();
        // contains: the levels up to this one, whatever this level inserted meanwhile (the proviso's question)
        int only = reduction == null ? -1 : reduction.choose(s, store::contains);
        int count = 0;
        for (int t = only < 0 ? 0 : only; t < (only < 0 ? system.threadCount() : only + 1); t++) {
            Moves<S> m = movesOf(s, t);
            if (reduction != null) {
                reduction.fingerprints(t, m, fps);      // the chosen thread's were taken while choosing
            } else {
                fps.of(m, m.size());
            }
            for (int c = 0; c < m.size(); c++) {
                count++;
                selfCheck.moved(t);
                if (c >= choiceLimit) {
                    shared.stop().compareAndSet(null, IncompleteReason.STORE_CAPACITY);
                    return -1;
                }
                if (!offer(s, m.get(c), fps.get(c), rank, t, c, depth, chunk)) {
                    return -1;
                }
            }
        }
        moves.clear();
        if (reduction != null) {
            if (only >= 0) {
                reduction.observeSkipped(s, only, selfCheck);
            }
            reduction.clear();
        }
        generatedNow += count;
        if (count == 0 && !judge.allFinished(s)) {
            least.offer(rank, judge.deadlock(s), id, system.fingerprint(s), shared.minViolation());
        }
        return count;
    }

    /**
     * Offers successor {@code next} (fingerprint {@code fp}) of {@code from}, in which every invariant held;
     * a copy kept has its invariants judged from {@code from}'s ({@link StateJudge#holdsInSuccessor}) while
     * {@code next} is still the step's successor. False when the search must stop (the frontier's disk or
     * the memory for the table ran out).
     */
    private boolean offer(S from, S next, long fp, long rank, int t, int c, int depth, LevelChunk<S> chunk) {
        long key = keys.of(rank, t, c);
        long answer = shared.store().table().offer(fp, key, writer);
        if (answer <= SharedTable.SEEN_KEY) {       // OLD, SEEN_KEY, FULL: one branch (SharedTable#lower)
            if (answer == SharedTable.FULL) {
                shared.stop().compareAndSet(null, IncompleteReason.MEMORY_BUDGET);
                return false;
            }
            return true;
        }
        if (answer != SharedTable.NEW_KEY) {
            replaced.add(answer);
        }
        boolean held = allHeld || judge.holdsInSuccessor(from, next);
        LevelSegment<S> out = output(chunk);
        if (out == null || !out.add(next, key, t, c, depth + 1, held)) {
            shared.stop().compareAndSet(null, shared.space().failure());
            return false;
        }
        return true;
    }

    /**
     * The chunk's output segment to append to: a new one every {@link #segmentStates} states, the full one
     * sealed; null when it could not be sealed.
     */
    private LevelSegment<S> output(LevelChunk<S> chunk) {
        List<LevelSegment<S>> out = chunk.output;
        if (out.isEmpty() || out.get(out.size() - 1).appended() >= segmentStates) {
            if (!out.isEmpty() && !out.get(out.size() - 1).seal()) {
                return null;
            }
            LevelSegment<S> next = new LevelSegment<>(system, shared.space(), shared.pool());
            next.readsFrom(reading);
            out.add(next);
        }
        return out.get(out.size() - 1);
    }

    /** Thread {@code t}'s successors from {@code s}: the reduction's (taken while choosing, or now), else now. */
    private Moves<S> movesOf(S s, int t) {
        if (reduction != null) {
            return reduction.moves(s, t);
        }
        // a transient successor is copied into the segment before the next step
        return moves.take(system, s, t, transientSteps, deterministic);
    }

    /**
     * Settles the segments claimed from {@code claim}: drops the copies whose keys are in {@code stale}
     * (the replaced keys of the level, ascending; the segments hold ascending keys, one after another).
     */
    void settle(List<LevelSegment<S>> segments, AtomicInteger claim, long[] stale) {
        for (int i = claim.getAndIncrement(); i < segments.size(); i = claim.getAndIncrement()) {
            LevelSegment<S> s = segments.get(i);
            int from = lowerBound(stale, s.firstKey());
            int to = s.lastKey() < 0 ? from : lowerBound(stale, s.lastKey() + 1);
            s.settle(stale, from, to, keys);
        }
    }

    /** The first index of {@code sorted} whose value is at least {@code key}. */
    private static int lowerBound(long[] sorted, long key) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
