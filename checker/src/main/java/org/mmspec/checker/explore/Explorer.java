package org.mmspec.checker.explore;

import org.mmspec.checker.observe.SearchListener;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.Statistics;

/**
 * The model checker's one entry point: searches a {@link CheckRequest}'s transition system with the
 * requested strategy, checking on every state reached its fault, then each invariant in list order, then
 * whether it is deadlocked (no thread can move, some thread unfinished).
 *
 * <p>Never prints, never exits, never throws for an expected outcome: a violation, a pass, and an
 * exhausted budget are all {@link CheckResult}s. An exception means a bug (in mmspec or in the system
 * under check). The same request gives the same result and trace every time; only
 * {@link Statistics#seconds()} varies.
 */
public final class Explorer {

    /** How often {@link SearchListener#onProgress} is called, at most. */
    static final long PROGRESS_INTERVAL_NANOS = 500_000_000L;

    private Explorer() {}

    /** Checks {@code request} without a listener. */
    public static <S> CheckResult check(CheckRequest<S> request) {
        return check(request, SearchListener.NONE);
    }

    /** Checks {@code request}, reporting to {@code listener}. */
    public static <S> CheckResult check(CheckRequest<S> request, SearchListener listener) {
        return check(request, listener, HeapGauge.jvm(), PROGRESS_INTERVAL_NANOS);
    }

    static <S> CheckResult check(CheckRequest<S> request, SearchListener listener, HeapGauge heap, long progressNanos) {
        listener.onStart();
        SearchOptions options = request.options();
        SearchContext<S> ctx = new SearchContext<>(
                request.system(),
                new StateJudge<>(request.system(), request.invariants()),
                new InterleavingSelfCheck<>(request.system()),
                new SearchMeter(options.budget(), listener, heap, progressNanos),
                options);
        Search search = switch (options.strategy()) {
            case BFS -> new BreadthFirstSearch<>(ctx);
            case DFS -> new DepthFirstSearch<>(ctx);
            case PREEMPT -> new PreemptionBoundedSearch<>(ctx);
            case RANDOM -> new RandomWalkSearch<>(ctx);
        };
        SearchOutcome outcome = search.run();
        Statistics statistics = ctx.meter().statistics(search.distinctStates(), search.storeBytes());
        CheckResult result = Verdicts.of(ctx, outcome, statistics);
        listener.onFinish(result);
        return result;
    }
}
