package org.mmspec.checker.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.mmspec.checker.result.Coverage;
import org.mmspec.checker.result.IncompleteReason;
import org.mmspec.checker.store.OwnedStores;
import org.mmspec.checker.store.StateStore;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * Breadth-first search on N workers, level by level, partitioned by fingerprint ownership
 * ({@link Partition#OWNER}; the default engine is {@link SharedBreadthFirstSearch}): worker
 * {@code fp mod N} owns a state, stores it and expands it. Each level runs in three phases with a barrier
 * between them: every worker visits and expands the states it owns and routes each successor not yet
 * stored to its owner; every owner admits what was routed to it in ascending discovery key; every owner
 * ranks its new states among all owners'. Only fingerprints, keys and compressed states cross between
 * workers, so the same design can run across machines.
 *
 * <p><b>Determinism.</b> The sequential BFS discovers level d+1 in the order of the key (rank of the
 * parent in level d, thread, choice), and a state's parent link is its least key. Owners admit candidates
 * in ascending key, so each new state keeps its least key, and its rank in level d+1 is its key's position
 * among all owners' new states; the parallel search therefore stores exactly the sequential search's parent
 * links. The violation reported is the one on the state of least rank in the first level that has one —
 * the state the sequential search would visit first — and its trace is rebuilt from those links: the same
 * verdict and the same trace, byte for byte, with any number of workers. The counts reported for a search
 * that found a violation or ran out of its state budget are those the sequential search reports (the states
 * it admitted before stopping, the successors it generated), computed from the keys; only a stop for time,
 * memory, heap or disk happens at a moment that depends on the machine, as it does sequentially.
 *
 * <p>Checkpoints are not written by this search (the explorer runs a checkpointed search on one worker).
 */
final class ParallelBreadthFirstSearch<S> implements Search {

    private final SearchContext<S> ctx;
    private final List<LevelWorker<S>> workers = new ArrayList<>();
    private final OwnedStores stores;
    private final LevelWorker.Shared<S> shared;
    private final WorkerPhases<LevelWorker<S>> phases;
    private long distinct = -1;

    private ParallelBreadthFirstSearch(SearchContext<S> ctx, List<TransitionSystem<S>> systems,
            List<StateJudge<S>> judges) {
        this.ctx = ctx;
        int n = systems.size();
        long limit = ctx.options().budget().maxStates();
        this.stores = new OwnedStores(n, ctx.threads(), limit >= StateStore.MAX_STATES ? limit : limit + 1);
        int threadBits = StateStore.threadBitsFor(ctx.threads());
        this.shared = new LevelWorker.Shared<>(stores, ctx.space(), new AtomicLong(Long.MAX_VALUE),
                new AtomicReference<>(), ctx.options().maxDepth(), threadBits,
                1 << (StateStore.MOVE_BITS - threadBits), workers);
        for (int w = 0; w < n; w++) {
            InterleavingSelfCheck<S> self = w == 0 ? ctx.selfCheck() : new InterleavingSelfCheck<>(systems.get(w));
            workers.add(new LevelWorker<>(w, shared, systems.get(w), judges.get(w), self, ctx.deterministic(),
                    LocalSteps.applies(ctx.system(), ctx.options())));
        }
        this.phases = new WorkerPhases<>(workers, shared.stop());
    }

    /**
     * A search on {@code n} workers, or {@code null} when the system or an invariant has no replica for
     * another thread ({@link TransitionSystem#replica}): the caller then searches on one.
     */
    static <S> ParallelBreadthFirstSearch<S> create(SearchContext<S> ctx, int n) {
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
        return new ParallelBreadthFirstSearch<>(ctx, systems, judges);
    }

    @Override
    public SearchOutcome run() {
        TransitionSystem<S> system = ctx.system();
        S initial = system.initialState();
        ctx.meter().initial();
        long fp = system.fingerprint(initial);
        workers.get(stores.owner(fp)).seed(initial, stores.admitInitial(fp));
        for (int depth = 0; ; depth++) {
            ctx.meter().visited(depth);
            long before = stores.size();
            int d = depth;
            poll(depth);                           // also between levels: phases may end before the first poll
            if (shared.stop().get() != null || !phase(w -> w.expand(d), depth) || !phase(w -> w.admit(d), depth)) {
                return stopped();
            }
            phase(LevelWorker::rank, depth);
            long minViolation = shared.minViolation().get();
            long fresh = 0;
            for (LevelWorker<S> w : workers) {
                fresh += w.nextSize();
            }
            long limit = ctx.options().budget().maxStates();
            if (before + fresh > limit) {
                long stopRank = stopRank(limit - before);
                if (minViolation <= stopRank) {
                    return found(minViolation, before);
                }
                distinct = limit;
                setCounts(stopRank + 1);
                return new SearchOutcome.Stopped(IncompleteReason.STATE_BUDGET);
            }
            if (minViolation != Long.MAX_VALUE) {
                return found(minViolation, before);
            }
            workers.forEach(LevelWorker::advance);
            if (fresh == 0) {
                setCounts(Long.MAX_VALUE);
                boolean truncated = workers.stream().anyMatch(w -> w.truncated);
                return truncated ? new SearchOutcome.Stopped(IncompleteReason.DEPTH_LIMIT)
                        : new SearchOutcome.Completed(Coverage.EXHAUSTIVE);
            }
        }
    }

    /** The rank, in the level being expanded, of the parent of the new state of global rank {@code k}. */
    private long stopRank(long k) {
        for (LevelWorker<S> w : workers) {
            long key = w.keyOfRank(k);
            if (key >= 0) {
                return DiscoveryKey.rank(key);
            }
        }
        throw new IllegalStateException("no new state of rank " + k);
    }

    /** The violation on the state of rank {@code rank} of the level just expanded. */
    private SearchOutcome found(long rank, long before) {
        LeastViolation<S> at = workers.stream().map(w -> w.least).filter(l -> l.rank == rank).findFirst().orElseThrow();
        long bound = DiscoveryKey.first(rank);
        distinct = before;
        for (LevelWorker<S> w : workers) {
            distinct += w.newBelow(bound);
        }
        setCounts(rank);
        mergeSelfChecks();
        return new SearchOutcome.Found(at.violation, stores.scheduleTo(at.id), stores.choicesTo(at.id),
                at.fingerprint);
    }

    /** The counts of the sequential search that expanded this level's states of rank below {@code bound}. */
    private void setCounts(long bound) {
        long generated = 1;
        for (LevelWorker<S> w : workers) {
            generated += w.generatedBefore + (bound == Long.MAX_VALUE ? w.generatedNow : w.generatedBelow(bound));
        }
        ctx.meter().setCounts(generated, generated - 1);
        mergeSelfChecks();
    }

    private SearchOutcome stopped() {
        setCounts(Long.MAX_VALUE);
        return new SearchOutcome.Stopped(shared.stop().get());
    }

    private void mergeSelfChecks() {
        if (workers.stream().anyMatch(w -> w.selfCheck.overlapSeen())) {
            ctx.selfCheck().restoreOverlap(true);
        }
    }

    /** Runs {@code task} on every worker and waits for all, polling the budgets meanwhile; false to stop. */
    private boolean phase(Consumer<LevelWorker<S>> task, int depth) {
        return phases.run(task, () -> poll(depth));
    }

    private void poll(int depth) {
        long generated = 1;
        long frontier = 0;
        for (LevelWorker<S> w : workers) {
            generated += w.generatedBefore + w.generatedNow;
            frontier += w.levelSize();
        }
        ctx.meter().setCounts(generated, generated - 1);
        IncompleteReason budget = ctx.meter().poll(stores.size(), frontier, depth);
        if (budget != null) {
            shared.stop().compareAndSet(null, budget);
        }
    }

    @Override
    public long distinctStates() {
        return distinct >= 0 ? distinct : stores.size();
    }

    @Override
    public long storeBytes() {
        return stores.bytes();
    }

    @Override
    public void release() {
        phases.shutdown();
        workers.forEach(LevelWorker::release);
        stores.free();
    }
}
