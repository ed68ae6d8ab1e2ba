package org.mmspec.checker.explore;

import org.mmspec.checker.result.Coverage;
import org.mmspec.checker.result.IncompleteReason;
import org.mmspec.checker.result.Violation;
import org.mmspec.checker.store.StateStore;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * Depth-first search with an explicit stack and the fingerprint store (JPF's {@code DFSearch}, without
 * backtracking: states are values, so the stack holds them). A state is visited when it is first
 * reached; a deadlock shows when a frame runs out of threads without any having moved. Threads are tried
 * in id order, so the search and its counterexample are deterministic, but the counterexample is not
 * necessarily a shortest one.
 */
final class DepthFirstSearch<S> implements Search {

    private final SearchContext<S> ctx;
    private final TransitionSystem<S> system;
    private final StateStore store;
    private final DfsStack<S> stack = new DfsStack<>();
    private IncompleteReason stop;
    private boolean truncated;

    DepthFirstSearch(SearchContext<S> ctx) {
        this.ctx = ctx;
        this.system = ctx.system();
        this.store = new StateStore(ctx.threads(), ctx.options().budget().maxStates());
    }

    @Override
    public SearchOutcome run() {
        S initial = system.initialState();
        ctx.meter().initial();
        store.admitInitial(system.fingerprint(initial));
        Violation violation = ctx.visit(initial, 0);
        if (violation != null) {
            return ctx.found(violation, new int[0], initial);
        }
        stack.push(initial, 0);
        while (!stack.isEmpty()) {
            S s = stack.topState();
            int t = stack.takeNextThread();
            if (t == ctx.threads()) {
                if (!stack.topMoved() && !ctx.judge().allFinished(s)) {
                    return ctx.found(ctx.judge().deadlock(s), store.scheduleTo(stack.topId()), s);
                }
                stack.pop();
                continue;
            }
            S next = system.step(s, t);
            if (next == null) {
                continue;
            }
            stack.markMoved();
            ctx.selfCheck().expanding(s);
            if (!admit(next, stack.topId(), t)) {
                if (stop != null) {
                    return new SearchOutcome.Stopped(stop);
                }
                continue;
            }
            int depth = stack.topDepth() + 1;
            violation = ctx.visit(next, depth);
            if (violation != null) {
                return ctx.found(violation, store.scheduleTo(store.lastId()), next);
            }
            if (depth == ctx.options().maxDepth()) {
                truncated |= !ctx.judge().allFinished(next);
                continue;
            }
            stack.push(next, store.lastId());
        }
        return truncated ? new SearchOutcome.Stopped(IncompleteReason.DEPTH_LIMIT)
                : new SearchOutcome.Completed(Coverage.EXHAUSTIVE);
    }

    /** True when {@code next} is new and admitted; otherwise false, with {@link #stop} set if a budget ran out. */
    private boolean admit(S next, int parent, int thread) {
        ctx.selfCheck().moved(thread);
        stop = ctx.meter().successor(store.size(), stack.size(), stack.topDepth());
        if (stop != null) {
            return false;
        }
        return switch (store.admit(system.fingerprint(next), parent, thread)) {
            case SEEN -> false;
            case FULL -> {
                stop = ctx.meter().storeFull(store.limit());
                yield false;
            }
            case NEW -> {
                stop = ctx.meter().admitted(store.bytes(), stack.size() + 1L);
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
