package org.mmspec.checker.explore;

import org.mmspec.checker.result.Coverage;
import org.mmspec.checker.result.IncompleteReason;
import org.mmspec.checker.result.Violation;
import org.mmspec.checker.store.StateStore;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * Breadth-first search with a fingerprint store and parent links (TLC's model checking loop).
 *
 * <p>A state is admitted (fingerprinted, stored) when generated and visited (fault, invariants, deadlock)
 * when dequeued. Dequeue order is by depth, so the first violation found is at the least depth: the trace
 * is a shortest counterexample, whatever its kind. Every successor of every thread's step is searched:
 * threads in id order, a step's successors in choice order.
 */
final class BreadthFirstSearch<S> implements Search {

    private final SearchContext<S> ctx;
    private final TransitionSystem<S> system;
    private final StateStore store;
    private final NodeQueue<S> queue = new NodeQueue<>();
    private final Moves<S> moves = new Moves<>();
    private IncompleteReason stop;
    private boolean truncated;

    BreadthFirstSearch(SearchContext<S> ctx) {
        this.ctx = ctx;
        this.system = ctx.system();
        this.store = new StateStore(ctx.threads(), ctx.options().budget().maxStates());
    }

    @Override
    public SearchOutcome run() {
        S initial = system.initialState();
        ctx.meter().initial();
        store.admitInitial(system.fingerprint(initial));
        queue.add(initial, 0, -1, 0);
        while (!queue.isEmpty()) {
            S s = queue.headState();
            int id = queue.headNode();
            int depth = queue.headDepth();
            queue.removeHead();
            Violation violation = ctx.visit(s, depth);
            if (violation != null) {
                return ctx.found(violation, store, id, s);
            }
            if (depth == ctx.options().maxDepth()) {
                truncated |= !ctx.judge().allFinished(s);
                continue;
            }
            boolean moved = false;
            ctx.selfCheck().expanding(s);
            for (int t = 0; t < ctx.threads(); t++) {
                int n = ctx.successors(s, t, moves);
                for (int choice = 0; choice < n; choice++) {
                    moved = true;
                    if (!offer(moves.get(choice), id, t, choice, depth + 1) && stop != null) {
                        return new SearchOutcome.Stopped(stop);
                    }
                }
            }
            if (!moved && !ctx.judge().allFinished(s)) {
                return ctx.found(ctx.judge().deadlock(s), store, id, s);
            }
        }
        return truncated ? new SearchOutcome.Stopped(IncompleteReason.DEPTH_LIMIT)
                : new SearchOutcome.Completed(Coverage.EXHAUSTIVE);
    }

    /** Admits and enqueues {@code next} if new; false otherwise, with {@link #stop} set if a budget ran out. */
    private boolean offer(S next, int parent, int thread, int choice, int depth) {
        ctx.selfCheck().moved(thread);
        stop = ctx.meter().successor(store.size(), queue.size(), depth - 1);
        if (stop != null) {
            return false;
        }
        return switch (store.admit(system.fingerprint(next), parent, thread, choice)) {
            case SEEN -> false;
            case FULL -> {
                stop = ctx.meter().storeFull(store.limit());
                yield false;
            }
            case NEW -> {
                queue.add(next, store.lastId(), thread, depth);
                stop = ctx.meter().admitted(store.bytes(), queue.size());
                yield stop == null;
            }
        };
    }

    @Override
    public long distinctStates() {
        return store.size();
    }

    @Override
    public long storeBytes() {
        return store.bytes();
    }
}
