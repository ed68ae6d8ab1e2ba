package org.mmspec.checker.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.mmspec.checker.result.Coverage;
import org.mmspec.checker.result.IncompleteReason;
import org.mmspec.checker.store.LinkReservation;
import org.mmspec.checker.store.OffHeapList;
import org.mmspec.checker.store.SharedStore;
import org.mmspec.checker.store.SharedTable;
import org.mmspec.checker.store.StateStore;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * Breadth-first search on N workers sharing memory, level by level (the default parallel engine;
 * {@link ParallelBreadthFirstSearch} is the ownership-partitioned one). The workers insert every successor
 * straight into one lock-free table of fingerprints ({@link SharedTable}), which tells in one probe whether an
 * earlier level holds it (the successor is dropped, as in the sequential search) and otherwise keeps, for
 * each fingerprint first reached in this level, the least discovery key (rank of the parent in the level,
 * thread, choice) offered so far. The table grows in the middle of a level when it must (every worker stops
 * at its next offer, the last to stop doubles it).
 *
 * <p>The level is cut into chunks of consecutive ranks that the workers claim in order. A worker appends a
 * successor to its chunk's output when its offer was the first for that fingerprint or lowered its key;
 * each chunk's output is in key order, so the outputs concatenated in chunk order are the next level in
 * the sequential discovery order once the copies whose key someone lowered later are dropped (an offer
 * that lowers a key hands back the key it replaced, so the stale copies are known by key, and only the
 * segments that hold one are looked at). Ranks then come
 * from prefix sums, with no sort and no copy of a state; the level's ids are then reserved in the store,
 * and the worker that expands a state writes its parent link as it reads it (the links of a level are
 * appended in rank order by this thread only when they are 64-bit), so a state's id, parent, thread and
 * choice are exactly the sequential search's. Nothing is
 * committed: the table's words carry the level that reached each fingerprint, and the next level gets a tag
 * of its own. Two barriers per level: expand, settle. The level's last chunks are shorter (guided
 * self-scheduling, {@link LevelChunk#plan}), so that the workers reach the barrier close together.
 *
 * <p>As in the one-worker search, a new state's invariants are judged from its parent when a worker keeps it
 * ({@link StateJudge#holdsInSuccessor}), and whether they all held travels with it in its segment
 * ({@link LevelSegment#headHeld}): its visit then looks at its fault only. Its record is encoded against the
 * one before from the words the step changed and those the reading segment's head view moved since
 * ({@link org.mmspec.checker.frontier.StateQueue#readsFrom}).
 *
 * <p><b>Memory.</b> Nothing is kept on the Java heap per state: the store's fingerprints (past the
 * table's heap share) and links, each new state's key and each expanded state's successor count live off the heap (the last
 * two in blocks of an {@link OffHeapList.Pool} reused from level to level and freed with the search), the
 * states themselves in compressed, spillable queue segments, each sealed as soon as its worker is done with
 * it. The heap holds only what grows with the level's <em>lowered</em> keys (two longs each: the key
 * replaced, the stale copy's position) and its chunks and segments (a few hundred bytes each, and a
 * segment's codecs, three vectors, while it is written or read; at least 256 states per chunk), besides
 * the heap part of the store's table (capped) and the frontier's compressed
 * blocks in memory (within its budget).
 *
 * <p><b>Determinism.</b> As for {@link ParallelBreadthFirstSearch}: the violation reported is the one on
 * the state of least rank in the first level that has one, its trace is rebuilt from the sequential links,
 * and the counts reported for a violation or the state budget are the sequential search's (computed from
 * the keys and from what each state of rank below the cut generated); the same verdict and the same trace,
 * byte for byte, with any number of workers. Partial-order reduction asks the table whether a level up to
 * the current one holds a state ({@link SharedTable#contains}), which the states inserted meanwhile do not
 * change. Checkpoints are not written by this search.
 */
final class SharedBreadthFirstSearch<S> implements Search {

    private final SearchContext<S> ctx;
    private final List<SharedLevelWorker<S>> workers = new ArrayList<>();
    private final SharedStore store;
    private final SharedLevelWorker.Shared shared;
    private final WorkerPhases<SharedLevelWorker<S>> phases;
    private final SharedTuning tuning;
    private final OffHeapList.Pool pool = new OffHeapList.Pool();
    private List<LevelSegment<S>> level = new ArrayList<>();
    private List<LevelSegment<S>> next = List.of();
    private List<LevelChunk<S>> chunks = List.of();
    private long generatedBefore;
    private long distinct = -1;
    private long peakLevelHeapBytes;
    /** The depth of a level handed over ({@link #continueFrom}), or -1: the search starts at the initial state. */
    private int firstDepth = -1;

    private SharedBreadthFirstSearch(SearchContext<S> ctx, List<TransitionSystem<S>> systems,
            List<StateJudge<S>> judges, SharedTuning tuning) {
        this.ctx = ctx;
        this.tuning = tuning;
        this.store = new SharedStore(ctx.threads(), ctx.options().budget().maxStates(), tuning.tableSlots(),
                tuning.tableMaxSlots(), systems.size(), tuning.firstKeyWins());
        AtomicReference<IncompleteReason> stop = new AtomicReference<>();
        this.shared = new SharedLevelWorker.Shared(store, ctx.space(), pool, new AtomicLong(Long.MAX_VALUE), stop, ctx.options().maxDepth(),
                StateStore.threadBitsFor(ctx.threads()));
        boolean reduce = LocalSteps.applies(ctx.system(), ctx.options());
        for (int w = 0; w < systems.size(); w++) {
            InterleavingSelfCheck<S> self = w == 0 ? ctx.selfCheck() : new InterleavingSelfCheck<>(systems.get(w));
            workers.add(new SharedLevelWorker<>(shared, systems.get(w), judges.get(w), self, ctx.deterministic(), reduce,
                    tuning.allHeld()));
        }
        this.phases = new WorkerPhases<>(workers, stop);
    }

    /** A search on {@code n} workers, or {@code null} when the system or an invariant has no replica. */
    static <S> SharedBreadthFirstSearch<S> create(SearchContext<S> ctx, int n, SharedTuning tuning) {
        List<TransitionSystem<S>> systems = new ArrayList<>();
        List<StateJudge<S>> judges = new ArrayList<>();
        systems.add(ctx.system());
        judges.add(ctx.judge());
        for (int w = 1; w < n; w++) {
            TransitionSystem<S> replica = ctx.system().replica();
            StateJudge<S> judge = replica == null ? null : ctx.judge().replica(replica);
            if (judge == null) {
                return null;
            }
            systems.add(replica);
            judges.add(judge);
        }
        return new SharedBreadthFirstSearch<>(ctx, systems, judges, tuning);
    }

    /** The store, for a hand-over ({@link RampUpSearch}) before {@link #run}. */
    SharedStore store() {
        return store;
    }

    /**
     * Goes on, when {@link #run}, from the level at {@code depth} that a one-worker search handed over
     * ({@link RampUpSearch}): the store already holds every state found (the level's too, with its links),
     * {@code handed} holds the level's states in id order (ranked, no keys kept), and the search generated
     * {@code generated} states (the initial one included) so far.
     */
    void continueFrom(List<LevelSegment<S>> handed, int depth, long generated) {
        level = handed;
        firstDepth = depth;
        generatedBefore = generated - 1;
    }

    @Override
    public SearchOutcome run() {
        if (firstDepth < 0) {
            TransitionSystem<S> system = ctx.system();
            S initial = system.initialState();
            ctx.meter().initial();
            store.admitInitial(system.fingerprint(initial));
            level.add(LevelSegment.initial(system, ctx.space(), initial));
        }
        long levelSize = 0;
        for (LevelSegment<S> s : level) {
            levelSize += s.kept;
        }
        long parentBase = 0;        // read only for segments that kept their keys: neither the first nor a handed one
        for (int depth = Math.max(0, firstDepth); ; depth++) {
            ctx.meter().visited(depth);
            long before = store.size();
            long baseId = before - levelSize;
            int d = depth;
            long parents = parentBase;
            poll(depth);
            if (levelSize > SharedTable.MAX_KEY >>> StateStore.MOVE_BITS) {
                shared.stop().compareAndSet(null, IncompleteReason.STORE_CAPACITY);   // its keys would not fit
            }
            store.table().startLevel();
            long chunk = tuning.chunkFor(levelSize, workers.size());
            int segment = tuning.segmentFor(chunk);
            chunks = LevelChunk.plan(level, chunk, tuning.chunkStates() == 0 ? workers.size() : 0);
            AtomicInteger claim = new AtomicInteger();
            if (shared.stop().get() != null || !phase(w -> w.expand(chunks, claim, d, baseId, parents, segment, tuning.lastChunkFirst()), depth)) {
                return stopped();
            }
            long fresh = settle(depth);
            if (fresh < 0) {
                return stopped();
            }
            account();
            SearchOutcome end = cut(before, fresh, baseId);
            if (end != null) {
                return end;
            }
            if (!link(baseId, fresh)) {
                shared.stop().compareAndSet(null, IncompleteReason.MEMORY_BUDGET);
                return stopped();
            }
            parentBase = baseId;
            generatedBefore += generatedBelow(Long.MAX_VALUE);
            level = next;
            next = List.of();
            chunks.forEach(LevelChunk::free);
            chunks = List.of();
            levelSize = fresh;
            if (fresh == 0) {
                return exhausted();
            }
        }
    }

    /**
     * Notes the heap the level bookkeeping takes now, at its largest (the level just expanded and the next
     * one, settled, side by side): every segment's objects, buffers and dropped positions, every worker's
     * replaced keys, the chunks. The frontier's compressed blocks are not counted (its budget bounds them).
     */
    private void account() {
        long n = 64L * chunks.size();
        for (LevelSegment<S> s : level) {
            n += s.heapBytes();
        }
        for (LevelSegment<S> s : next) {
            n += s.heapBytes();
        }
        for (SharedLevelWorker<S> w : workers) {
            n += w.replaced.heapBytes();
        }
        peakLevelHeapBytes = Math.max(peakLevelHeapBytes, n);
    }

    /** The most heap the level bookkeeping took at the end of a level ({@link #account}). */
    long peakLevelHeapBytes() {
        return peakLevelHeapBytes;
    }

    /** Times the store's table grew (each in the middle of a level). */
    int tableGrows() {
        return store.table().grows();
    }

    /** The pool of the off-heap blocks of the level bookkeeping. */
    OffHeapList.Pool pool() {
        return pool;
    }

    /** Every state was expanded (up to the depth limit). */
    private SearchOutcome exhausted() {
        setCounts(Long.MAX_VALUE);
        boolean truncated = workers.stream().anyMatch(w -> w.truncated);
        return truncated ? new SearchOutcome.Stopped(IncompleteReason.DEPTH_LIMIT)
                : new SearchOutcome.Completed(Coverage.EXHAUSTIVE);
    }

    /** Drops the stale copies of the next level and ranks its segments; its size, or -1 to stop. */
    private long settle(int depth) {
        next = new ArrayList<>();
        for (LevelChunk<S> c : chunks) {
            next.addAll(c.output);
        }
        long[] stale = staleKeys();
        AtomicInteger claim = new AtomicInteger();
        List<LevelSegment<S>> segments = next;
        if (!phase(w -> w.settle(segments, claim, stale), depth)) {
            return -1;
        }
        long rank = 0;
        for (LevelSegment<S> s : next) {
            s.firstRank = rank;
            rank += s.kept;
        }
        return rank;
    }

    /** The keys of the level's stale copies (replaced by a smaller key for their fingerprint), ascending. */
    private long[] staleKeys() {
        int n = 0;
        for (SharedLevelWorker<S> w : workers) {
            n += w.replaced.size();
        }
        long[] stale = new long[n];
        int at = 0;
        for (SharedLevelWorker<S> w : workers) {
            for (int i = 0; i < w.replaced.size(); i++) {
                stale[at++] = w.replaced.get(i);
            }
        }
        java.util.Arrays.sort(stale);
        return stale;
    }

    /** The outcome when the level just expanded ends the search (a violation, the state budget), else null. */
    private SearchOutcome cut(long before, long fresh, long baseId) {
        long minViolation = shared.minViolation().get();
        long limit = ctx.options().budget().maxStates();
        if (before + fresh > limit) {
            long refused = keyOfRank(limit - before);
            long stopRank = DiscoveryKey.rank(refused);
            if (minViolation <= stopRank) {
                return found(minViolation, before);
            }
            distinct = limit;
            setCounts(stopRank);
            // the sequential search stops at the refused successor: count its parent's successors up to it
            long generated = 1 + generatedBefore + generatedBelow(stopRank)
                    + new CutReplay<>(ctx, store::contains).successorsUpTo(baseId + stopRank, store, refused);
            ctx.meter().setCounts(generated, generated - 1);
            return new SearchOutcome.Stopped(IncompleteReason.STATE_BUDGET);
        }
        return minViolation == Long.MAX_VALUE ? null : found(minViolation, before);
    }

    /** The key of the next level's state of rank {@code k}. */
    private long keyOfRank(long k) {
        for (LevelSegment<S> s : next) {
            if (k < s.firstRank + s.kept) {
                long[] key = {-1};
                long[] at = {s.firstRank};
                s.forEachKeptKey(x -> {
                    if (at[0]++ == k) {
                        key[0] = x;
                        return false;
                    }
                    return true;
                });
                return key[0];
            }
        }
        throw new IllegalStateException("no new state of rank " + k);
    }

    /** The violation on the state of rank {@code rank} of the level just expanded. */
    private SearchOutcome found(long rank, long before) {
        LeastViolation<S> at = workers.stream().map(w -> w.least).filter(l -> l.rank == rank).findFirst().orElseThrow();
        long bound = DiscoveryKey.first(rank);
        long[] below = {0};
        for (LevelSegment<S> s : next) {
            if (!s.forEachKeptKey(k -> k < bound && ++below[0] > 0)) {
                break;
            }
        }
        distinct = before + below[0];
        setCounts(rank);
        return new SearchOutcome.Found(at.violation, store.scheduleTo(at.id), store.choicesTo(at.id),
                at.fingerprint);
    }

    /**
     * Numbers the next level's {@code fresh} states, whose parent links the workers write as they read the
     * states to expand them; or, when the links are 64-bit, appends them in rank order. False when memory
     * for them could not be had.
     */
    private boolean link(long baseId, long fresh) {
        int maxChoice = 0;
        for (LevelSegment<S> s : next) {
            maxChoice = Math.max(maxChoice, s.maxChoice());
        }
        LinkReservation reserved = store.reserveLinks(fresh, maxChoice);
        if (reserved != LinkReservation.APPEND_IN_ORDER) {
            return reserved == LinkReservation.RESERVED;
        }
        DiscoveryKey keys = new DiscoveryKey(StateStore.threadBitsFor(ctx.threads()));
        for (LevelSegment<S> s : next) {
            boolean ok = s.forEachKeptKey(k -> store.addLink(baseId + DiscoveryKey.rank(k), keys.thread(k), keys.choice(k)));
            s.dropKeys();
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Successors generated in this level by states of rank below {@code bound}. */
    private long generatedBelow(long bound) {
        long sum = 0;
        for (LevelChunk<S> c : chunks) {
            sum += c.generatedBelow(bound);
        }
        return sum;
    }

    /** The counts of the sequential search that expanded this level's states of rank below {@code bound}. */
    private void setCounts(long bound) {
        long generated = 1 + generatedBefore + generatedBelow(bound);
        ctx.meter().setCounts(generated, generated - 1);
        if (workers.stream().anyMatch(w -> w.selfCheck.overlapSeen())) {
            ctx.selfCheck().restoreOverlap(true);
        }
    }

    private SearchOutcome stopped() {
        setCounts(Long.MAX_VALUE);
        return new SearchOutcome.Stopped(shared.stop().get());
    }

    private boolean phase(Consumer<SharedLevelWorker<S>> task, int depth) {
        return phases.run(task, () -> poll(depth));
    }

    private void poll(int depth) {
        long generated = 1 + generatedBefore;
        for (SharedLevelWorker<S> w : workers) {
            generated += w.generatedNow;
        }
        ctx.meter().setCounts(generated, generated - 1);
        long frontier = 0;
        for (LevelSegment<S> s : level) {
            frontier += s.kept;
        }
        IncompleteReason budget = ctx.meter().poll(store.size(), frontier, depth);
        if (budget != null) {
            shared.stop().compareAndSet(null, budget);
        }
    }

    @Override
    public long distinctStates() {
        return distinct >= 0 ? distinct : store.size();
    }

    @Override
    public long storeBytes() {
        return store.bytes();
    }

    @Override
    public void release() {
        phases.shutdown();
        level.forEach(LevelSegment::close);
        next.forEach(LevelSegment::close);
        for (LevelChunk<S> c : chunks) {
            c.output.forEach(LevelSegment::close);
            c.free();
        }
        store.free();
        pool.free();
    }
}
