package org.mmspec.checker.explore;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.mmspec.checker.frontier.StateQueue;
import org.mmspec.checker.frontier.VectorQueue;
import org.mmspec.checker.result.Coverage;
import org.mmspec.checker.result.IncompleteReason;
import org.mmspec.checker.result.Violation;
import org.mmspec.checker.store.StateStore;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * Preemption-bounded search: iterative context bounding as in CHESS (Musuvathi and Qadeer, PLDI 2007), in
 * one pass with a work list per bound instead of a restart per bound.
 *
 * <p>A <em>preemption</em> is a step of thread {@code t} from a state in which the thread that moved last
 * could still move; switching away from a thread that finished or blocked is free. A node is a state and
 * the thread that moved last (both decide what comes next), and is stored under a fingerprint of the pair.
 *
 * <p>Bound {@code b} searches, breadth-first, every node reachable with {@code b} preemptions. Steps that
 * do not preempt stay in bound {@code b} (admitted when generated, as in BFS); steps that preempt are put
 * on the work list of bound {@code b + 1} and admitted only when that bound takes them, so a node is
 * always admitted with its fewest preemptions. Within a bound, the queue and the work list are merged by
 * depth. Nodes are therefore visited in order of (preemptions, depth): the first violation found has the
 * fewest preemptions and, among those, the fewest steps.
 *
 * <p>In the last bound, {@link SearchOptions#maxPreemptions()}, preempting steps are dropped. If every
 * dropped step leads to a node that was stored anyway, nothing reachable was missed and the result says
 * the search was exhaustive.
 *
 * <p>Between two expansions the search may stop for a budget and may write a checkpoint (the bound, the
 * store, the queue, both work lists and the pruned nodes), from which {@link SearchFiles#resume()} continues
 * it exactly.
 */
final class PreemptionBoundedSearch<S> implements Search {

    private static final int NO_THREAD = -1;
    private static final long THREAD_MIX = 0x9E3779B97F4A7C15L;

    private final SearchContext<S> ctx;
    private final TransitionSystem<S> system;
    private StateStore store;
    private final Moves<S>[] successors;
    private StateQueue<S> queue;
    private StateQueue<S> preempted;
    private StateQueue<S> nextBound;
    private IncompleteReason stop;
    private final PrunedNodes pruned = new PrunedNodes();
    private final Checkpoints checkpoints;
    private boolean truncated;
    private int bound;

    PreemptionBoundedSearch(SearchContext<S> ctx) {
        this.ctx = ctx;
        this.system = ctx.system();
        this.successors = ctx.movesPerThread();
        this.queue = ctx.newQueue();
        this.preempted = ctx.newQueue();
        this.nextBound = ctx.newQueue();
        SearchFiles files = ctx.options().files();
        if (files.checkpoint() != null && system.vectors() == null) {
            throw new CheckpointException("checkpoints need a system whose states are vectors");
        }
        this.checkpoints = files.checkpoint() == null ? null
                : new Checkpoints(files.checkpoint(), ctx.signature(), files.checkpointInterval());
    }

    @Override
    public SearchOutcome run() {
        if (ctx.options().files().resume()) {
            resume();
        } else {
            store = ctx.newStore();
            S initial = system.initialState();
            ctx.meter().initial();
            store.admitInitial(key(initial, NO_THREAD));
            queue.add(initial, 0, NO_THREAD, 0, 0);
        }
        for (; ; bound++) {
            ctx.meter().startBound(bound);
            SearchOutcome outcome = searchBound(bound == ctx.options().maxPreemptions());
            if (outcome != null) {
                return outcome;
            }
            if (nextBound.isEmpty()) {
                return truncated ? new SearchOutcome.Stopped(IncompleteReason.DEPTH_LIMIT)
                        : new SearchOutcome.Completed(pruned.anyMissing(store)
                                ? Coverage.PREEMPTION_BOUNDED : Coverage.EXHAUSTIVE);
            }
            preempted.close();
            preempted = nextBound;
            nextBound = ctx.newQueue();
        }
    }

    /**
     * Visits the nodes of the current bound in order of depth: pop, admit if it came by a preemption,
     * check, expand. Returns {@code null} when the bound is done without a violation or a stop.
     */
    private SearchOutcome searchBound(boolean lastBound) {
        while (!queue.isEmpty() || !preempted.isEmpty()) {
            StateQueue<S> from = shallower();
            int depth = from.headDepth();
            IncompleteReason budget = ctx.meter().poll(store.size(), frontier(), depth);
            if (budget != null) {
                return Checkpoints.stopped(budget, checkpoints, this::checkpoint);
            }
            if (checkpoints != null && checkpoints.due() && !checkpoint()) {
                return new SearchOutcome.Stopped(IncompleteReason.DISK_FULL);
            }
            S s = from.headState();
            long node = from.headNode();
            int lastThread = from.headThread();
            int choice = from.headChoice();
            from.removeHead();
            if (from == preempted && !admit(s, node, lastThread, choice)) {
                if (stop != null) {
                    return new SearchOutcome.Stopped(stop);
                }
                continue;
            }
            long id = from == preempted ? store.lastId() : node;
            Violation violation = ctx.visit(s, depth);
            if (violation != null) {
                return ctx.found(violation, store, id, s);
            }
            if (depth == ctx.options().maxDepth()) {
                truncated |= !ctx.judge().allFinished(s);
            } else if (ctx.successors(s, successors) == 0) {
                if (!ctx.judge().allFinished(s)) {
                    return ctx.found(ctx.judge().deadlock(s), store, id, s);
                }
            } else if (!expand(id, lastThread, depth, lastBound)) {
                return new SearchOutcome.Stopped(stop);
            }
        }
        return null;
    }

    /** The queue whose head is shallower; the work list of preempting steps wins ties. */
    private StateQueue<S> shallower() {
        if (preempted.isEmpty()) {
            return queue;
        }
        return queue.isEmpty() || preempted.headDepth() <= queue.headDepth() ? preempted : queue;
    }

    /**
     * Files the successors (already in {@link #successors}) of node {@code id}: steps that do not preempt
     * into this bound's queue, steps that preempt into the next bound's work list, or nowhere after the
     * last bound. Every successor of a thread's step is filed the same way. False when a budget ran out
     * ({@link #stop}).
     */
    private boolean expand(long id, int lastThread, int depth, boolean lastBound) {
        boolean lastCanMove = lastThread != NO_THREAD && successors[lastThread].size() > 0;
        for (int t = 0; t < successors.length; t++) {
            Moves<S> moves = successors[t];
            for (int choice = 0; choice < moves.size(); choice++) {
                S next = moves.get(choice);
                ctx.selfCheck().moved(t);
                ctx.meter().successor();
                if (lastCanMove && t != lastThread) {
                    if (lastBound) {
                        pruned.add(key(next, t), store);
                    } else if (!nextBound.add(next, id, t, choice, depth + 1)) {
                        stop = ctx.space().failure();
                        return false;
                    }
                } else if (admit(next, id, t, choice)) {
                    if (!queue.add(next, store.lastId(), t, 0, depth + 1)) {
                        stop = ctx.space().failure();
                        return false;
                    }
                } else if (stop != null) {
                    return false;
                }
            }
            moves.clear();
        }
        return true;
    }

    /** True when the node ({@code s}, {@code thread}) is new and admitted; sets {@link #stop} if a budget ran out. */
    private boolean admit(S s, long parent, int thread, int choice) {
        return switch (store.admit(key(s, thread), parent, thread, choice)) {
            case SEEN -> false;
            case FULL -> {
                stop = ctx.meter().storeFull(store);
                yield false;
            }
            case NEW -> true;
        };
    }

    private long key(S s, int lastThread) {
        return system.fingerprint(s) + (lastThread + 1) * THREAD_MIX;
    }

    private long frontier() {
        return queue.size() + preempted.size() + nextBound.size();
    }

    private boolean checkpoint() {
        return checkpoints.save(ctx, truncated, new long[] {bound}, store::save, this::writeFrontier);
    }

    private void writeFrontier(DataOutputStream out) throws IOException {
        ((VectorQueue<S>) queue).writeTo(out);
        ((VectorQueue<S>) preempted).writeTo(out);
        ((VectorQueue<S>) nextBound).writeTo(out);
        pruned.writeTo(out);
    }

    private boolean readFrontier(DataInputStream in) throws IOException {
        if (!((VectorQueue<S>) queue).readFrom(in) || !((VectorQueue<S>) preempted).readFrom(in)
                || !((VectorQueue<S>) nextBound).readFrom(in)) {
            return false;
        }
        pruned.readFrom(in);
        return true;
    }

    private void resume() {
        truncated = checkpoints.restoreCounters(ctx);
        long[] at = checkpoints.restoreSearch();
        if (at.length != 1 || at[0] < 0 || at[0] > ctx.options().maxPreemptions()) {
            throw new CheckpointException(ctx.options().files().checkpoint() + ": the checkpoint's bound is damaged");
        }
        bound = (int) at[0];
        store = checkpoints.readStore(ctx);
        if (!checkpoints.readPart(Checkpoints.FRONTIER, this::readFrontier)) {
            throw new CheckpointException(ctx.options().files().checkpoint()
                    + ": the checkpoint's frontier does not fit the disk budget");
        }
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
        queue.close();
        preempted.close();
        nextBound.close();
        if (store != null) {
            store.free();
            store = null;
        }
    }
}
