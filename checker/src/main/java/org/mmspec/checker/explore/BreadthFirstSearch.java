package org.mmspec.checker.explore;

import org.mmspec.checker.frontier.StateQueue;
import org.mmspec.checker.frontier.VectorQueue;
import org.mmspec.checker.result.Coverage;
import org.mmspec.checker.result.IncompleteReason;
import org.mmspec.checker.result.Violation;
import org.mmspec.checker.store.FingerprintSet;
import org.mmspec.checker.store.StateStore;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * Breadth-first search with a fingerprint store and parent links (TLC's model checking loop).
 *
 * <p>A state is admitted (fingerprinted, stored) when generated and visited (fault, invariants, deadlock)
 * when dequeued. Dequeue order is by depth, so the first violation found is at the least depth: the trace
 * is a shortest counterexample, whatever its kind. Every successor of every thread's step is searched:
 * threads in id order, a step's successors in choice order. The queue is compressed and spills to disk
 * ({@link StateQueue}); between two expansions the search may stop for a budget and may write a
 * checkpoint, from which {@link SearchFiles#resume()} continues it exactly.
 *
 * <p>A new state's invariants are judged when it is admitted, from its parent, which passed them all (a state
 * is expanded only after its visit): an invariant the step left unchanged ({@link
 * org.mmspec.spec.semantics.Invariant#unchangedFrom}) holds, the others are checked then
 * ({@link StateJudge#holdsInSuccessor}). Its visit then looks at its fault only, when every invariant held and
 * it was admitted by this run ({@link #invariantsHold}); else it is judged in full, as every state was before.
 * Verdicts, order and counts are the same.
 */
final class BreadthFirstSearch<S> implements Search {

    private final SearchContext<S> ctx;
    private final TransitionSystem<S> system;
    private final Moves<S> moves = new Moves<>();
    private final Checkpoints checkpoints;
    private StateStore store;
    private StateQueue<S> queue;
    private IncompleteReason stop;
    private boolean truncated;
    /** Partial-order reduction, or null when it does not apply ({@link LocalSteps#applies}). */
    private final LocalSteps<S> reduction;
    /** With reduction: the fingerprints admitted in level {@link #nextDepth} so far. */
    private FingerprintSet nextLevel;
    private int nextDepth = -1;
    /** The depth of the level being expanded ({@link #runUntil}). */
    private int levelDepth = -1;
    /**
     * The first state id this run admitted, -1 before: a state queued before (the initial state, a resumed
     * checkpoint's frontier) is visited in full.
     */
    private long firstAdmitted = -1;
    /** The first state id admitted in which some invariant failed; from it on every state is visited in full. */
    private long firstFailed = Long.MAX_VALUE;
    /** The fingerprints of the step's successors being offered. */
    private final SuccessorFingerprints<S> fps;
    /** Each thread's successors, when all can be held at once ({@link #expandTogether}); else null. */
    private final Moves<S>[] threadMoves;
    /** How many successors each of {@link #threadMoves} holds. */
    private final int[] threadCounts;

    BreadthFirstSearch(SearchContext<S> ctx) {
        this.ctx = ctx;
        this.system = ctx.system();
        this.fps = new SuccessorFingerprints<>(system, (all, n) -> store.touchAll(all, n));
        SearchFiles files = ctx.options().files();
        if (files.checkpoint() != null && system.vectors() == null) {
            throw new CheckpointException("checkpoints need a system whose states are vectors");
        }
        this.checkpoints = files.checkpoint() == null ? null
                : new Checkpoints(files.checkpoint(), ctx.signature(), files.checkpointInterval());
        this.reduction = LocalSteps.applies(system, ctx.options()) ? new LocalSteps<>(system) : null;
        this.threadMoves = ctx.successorsOutliveOtherThreads() ? Moves.perThread(ctx.threads()) : null;
        this.threadCounts = new int[ctx.threads()];
    }

    @Override
    public SearchOutcome run() {
        return runUntil(Long.MAX_VALUE);
    }

    /**
     * Runs the search, or stops it where a level of at least {@code levelStates} states is about to be
     * expanded (the queue holds that level alone, in id order): then null, and the search may go on by
     * another call ({@link RampUpSearch} hands it over to more workers there instead).
     */
    SearchOutcome runUntil(long levelStates) {
        if (queue == null && ctx.options().files().resume()) {
            resume();
        } else if (queue == null) {
            start();
        }                       // else it goes on where it stopped
        while (!queue.isEmpty()) {
            int depth = queue.headDepth();
            if (depth != levelDepth) {
                levelDepth = depth;
                if (queue.size() >= levelStates) {
                    return null;
                }
            }
            IncompleteReason budget = ctx.meter().poll(store.size(), queue.size(), depth);
            if (budget != null) {
                return stopBetweenExpansions(budget);
            }
            if (checkpoints != null && checkpoints.due() && !checkpoint()) {
                return new SearchOutcome.Stopped(IncompleteReason.DISK_FULL);
            }
            S s = queue.headTransient();        // expanded before the next head is loaded
            long id = queue.headNode();
            queue.removeHead();
            SearchOutcome outcome = expand(s, id, depth);
            if (outcome != null) {
                return outcome;
            }
        }
        return truncated ? new SearchOutcome.Stopped(IncompleteReason.DEPTH_LIMIT)
                : new SearchOutcome.Completed(Coverage.EXHAUSTIVE);
    }

    private void start() {
        store = ctx.newStore();
        queue = ctx.newQueue();
        S initial = system.initialState();
        ctx.meter().initial();
        store.admitInitial(system.fingerprint(initial));
        queue.add(initial, 0, -1, 0, 0);
    }

    /** Visits {@code s} (state {@code id}) and queues its new successors; an outcome when the search ends here. */
    private SearchOutcome expand(S s, long id, int depth) {
        Violation violation = ctx.visit(s, depth, invariantsHold(id));
        if (violation != null) {
            return ctx.found(violation, store, id, s);
        }
        if (depth == ctx.options().maxDepth()) {
            truncated |= !ctx.judge().allFinished(s);
            return null;
        }
        ctx.selfCheck().expanding(s);
        boolean moved = reduction == null ? expandAll(s, id, depth) : expandReduced(s, id, depth);
        if (stop != null) {
            return new SearchOutcome.Stopped(stop);
        }
        if (!moved && !ctx.judge().allFinished(s)) {
            return ctx.found(ctx.judge().deadlock(s), store, id, s);
        }
        return null;
    }

    /** Offers every thread's successors; true when some thread moved. Stops at a budget ({@link #stop}). */
    private boolean expandAll(S s, long id, int depth) {
        if (threadMoves != null) {
            return expandTogether(s, id, depth);
        }
        boolean moved = false;
        for (int t = 0; t < ctx.threads(); t++) {
            // offer() only fingerprints a successor and copies it into the queue: a transient one will do
            int n = ctx.transientSuccessors(s, t, moves);
            fps.of(moves, n);
            for (int choice = 0; choice < n; choice++) {
                moved = true;
                if (!offer(s, moves.get(choice), fps.get(choice), id, t, choice, depth + 1) && stop != null) {
                    return true;
                }
            }
        }
        return moved;
    }

    /**
     * {@link #expandAll} where every thread's successors can be held at once
     * ({@link SearchContext#successorsOutliveOtherThreads}): takes them all, fingerprints them together (so the
     * store look-ups of different threads' successors overlap: {@link SuccessorFingerprints#ofAll}), then
     * offers them in the same order. The step calls have no effect on the store or the queue, so the states,
     * ids and order are those of {@link #expandAll}'s loop.
     */
    private boolean expandTogether(S s, long id, int depth) {
        int threads = threadMoves.length;
        int total = 0;
        for (int t = 0; t < threads; t++) {
            threadCounts[t] = ctx.transientSuccessors(s, t, threadMoves[t]);
            total += threadCounts[t];
        }
        fps.ofAll(threadMoves, threadCounts, threads, total);
        int k = 0;
        for (int t = 0; t < threads; t++) {
            Moves<S> m = threadMoves[t];
            for (int choice = 0; choice < threadCounts[t]; choice++) {
                if (!offer(s, m.get(choice), fps.get(k++), id, t, choice, depth + 1) && stop != null) {
                    return true;
                }
            }
        }
        return total > 0;
    }

    /** As {@link #expandAll}, with one thread's local step alone where {@link LocalSteps} allows it. */
    private boolean expandReduced(S s, long id, int depth) {
        if (nextDepth != depth + 1) {
            if (nextLevel == null) {
                nextLevel = new FingerprintSet(StateStore.MAX_STATES);
            } else {
                nextLevel.clear();
            }
            nextDepth = depth + 1;
        }
        int only = reduction.choose(s, fp -> store.contains(fp) && !nextLevel.contains(fp));
        boolean moved = false;
        for (int t = only < 0 ? 0 : only; t < (only < 0 ? ctx.threads() : only + 1) && stop == null; t++) {
            // offer() fingerprints each successor and copies it into the queue before the next thread's step
            Moves<S> m = reduction.moves(s, t);
            reduction.fingerprints(t, m, fps);
            for (int choice = 0; choice < m.size(); choice++) {
                moved = true;
                if (!offer(s, m.get(choice), fps.get(choice), id, t, choice, depth + 1) && stop != null) {
                    break;
                }
            }
        }
        if (only >= 0) {
            reduction.observeSkipped(s, only, ctx.selfCheck());
        }
        reduction.clear();
        return moved;
    }

    /**
     * Admits and enqueues {@code next} (fingerprint {@code fp}), a successor of {@code from} (state {@code parent}), if
     * new; false otherwise,
     * with {@link #stop} set if a budget ran out.
     */
    private boolean offer(S from, S next, long fp, long parent, int thread, int choice, int depth) {
        ctx.selfCheck().moved(thread);
        ctx.meter().successor();
        return switch (store.admit(fp, parent, thread, choice)) {
            case SEEN -> false;
            case FULL -> {
                stop = ctx.meter().storeFull(store);
                yield false;
            }
            case NEW -> {
                if (nextLevel != null) {
                    nextLevel.put(fp);
                }
                judgeAdmitted(from, next, store.lastId());
                if (!queue.add(next, store.lastId(), thread, 0, depth)) {
                    stop = ctx.space().failure();
                    yield false;
                }
                yield true;
            }
        };
    }

    /** Judges the invariants of {@code next}, state {@code id} just admitted, from {@code from}'s, which all held. */
    private void judgeAdmitted(S from, S next, long id) {
        if (firstAdmitted < 0) {
            firstAdmitted = id;
        }
        if (id < firstFailed && !ctx.judge().holdsInSuccessor(from, next)) {
            firstFailed = id;
        }
    }

    /** Whether every invariant is known to hold in state {@code id} ({@link #judgeAdmitted}). */
    boolean invariantsHold(long id) {
        return firstAdmitted >= 0 && id >= firstAdmitted && id < firstFailed;
    }

    /** A budget ran out between two expansions: a point the search can be resumed from, so checkpoint it. */
    private SearchOutcome stopBetweenExpansions(IncompleteReason budget) {
        return Checkpoints.stopped(budget, checkpoints, this::checkpoint);
    }

    private boolean checkpoint() {
        return checkpoints.save(ctx, truncated, store, out -> ((VectorQueue<S>) queue).writeTo(out));
    }

    private void resume() {
        truncated = checkpoints.restoreCounters(ctx);
        store = checkpoints.readStore(ctx);
        queue = ctx.newQueue();
        VectorQueue<S> q = (VectorQueue<S>) queue;
        if (!checkpoints.readPart(Checkpoints.FRONTIER, q::readFrom)) {
            throw new CheckpointException(ctx.options().files().checkpoint()
                    + ": the checkpoint's frontier does not fit the disk budget");
        }
    }

    /** The store (for a hand-over, once {@link #runUntil} stopped). */
    StateStore store() {
        return store;
    }

    /** The queue: the level to expand next, once {@link #runUntil} stopped. */
    StateQueue<S> queue() {
        return queue;
    }

    @Override
    public long distinctStates() {
        return store == null ? 0 : store.size();
    }

    @Override
    public long storeBytes() {
        return store == null ? 0 : store.bytes();
    }

    @Override
    public void release() {
        if (queue != null) {
            queue.close();
        }
        if (store != null) {
            store.free();
            store = null;
        }
        if (nextLevel != null) {
            nextLevel.free();
            nextLevel = null;
        }
    }
}
