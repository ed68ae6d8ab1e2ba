package org.mmspec.checker.explore;

import java.util.function.LongPredicate;
import org.mmspec.checker.store.StateStore;
import org.mmspec.checker.store.SharedStore;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * Where, among one state's successors, the sequential BFS stopped: when the state budget ends a level of a
 * parallel search, the sequential search would have generated the successors of the states ranked before
 * the refused state's parent and, of that parent's, those up to the refused one. The parent is rebuilt by
 * replaying its path from the initial state and expanded again the way the search expanded it (partial-order
 * reduction asks the same store, about the levels up to the parent's), so the count is the sequential one.
 */
final class CutReplay<S> {

    private final SearchContext<S> ctx;
    private final LongPredicate seenBefore;

    CutReplay(SearchContext<S> ctx, LongPredicate seenBefore) {
        this.ctx = ctx;
        this.seenBefore = seenBefore;
    }

    /**
     * The successors of state {@code parent} of {@code store} generated up to and including the move of
     * {@code key}.
     */
    long successorsUpTo(long parent, SharedStore store, long key) {
        TransitionSystem<S> system = ctx.system();
        DiscoveryKey keys = new DiscoveryKey(StateStore.threadBitsFor(ctx.threads()));
        int thread = keys.thread(key);
        int choice = keys.choice(key);
        S s = system.initialState();
        int[] threads = store.scheduleTo(parent);
        int[] choices = store.choicesTo(parent);
        Moves<S> moves = new Moves<>();
        for (int i = 0; i < threads.length; i++) {
            ctx.successors(s, threads[i], moves);
            s = moves.get(choices[i]);
        }
        LocalSteps<S> reduction = LocalSteps.applies(system, ctx.options()) ? new LocalSteps<>(system) : null;
        int only = reduction == null ? -1 : reduction.choose(s, seenBefore);
        long count = 0;
        for (int t = only < 0 ? 0 : only; t < thread; t++) {
            count += reduction != null ? reduction.moves(s, t).size() : ctx.successors(s, t, moves);
        }
        return count + choice + 1;
    }
}
