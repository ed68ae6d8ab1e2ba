package org.mmspec.checker.explore;

import java.util.ArrayList;
import java.util.List;
import org.mmspec.checker.observe.SearchListener;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.IncompleteReason;
import org.mmspec.checker.result.Statistics;
import org.mmspec.spec.semantics.Deadline;
import org.mmspec.spec.semantics.DeadlinePassed;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.TransitionSystem;

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
        // The time budget also bounds the work inside one step and one invariant check (Deadline).
        Deadline deadline = Deadline.after(options.budget().maxNanos());
        TransitionSystem<S> system = request.system().withDeadline(deadline);
        List<Invariant<? super S>> invariants = new ArrayList<>();
        request.invariants().forEach(i -> invariants.add(i.withDeadline(deadline)));
        SearchContext<S> ctx = new SearchContext<>(
                system,
                new StateJudge<>(system, invariants),
                new InterleavingSelfCheck<>(system),
                new SearchMeter(options.budget(), listener, heap, progressNanos),
                options);
        Search search = switch (options.strategy()) {
            case BFS -> new BreadthFirstSearch<>(ctx);
            case DFS -> new DepthFirstSearch<>(ctx);
            case PREEMPT -> new PreemptionBoundedSearch<>(ctx);
            case RANDOM -> new RandomWalkSearch<>(ctx);
        };
        SearchOutcome outcome;
        try {
            outcome = search.run();
        } catch (DeadlinePassed e) {
            outcome = new SearchOutcome.Stopped(IncompleteReason.TIME_BUDGET);
        }
        Statistics statistics = ctx.meter().statistics(search.distinctStates(), search.storeBytes());
        // The trace is rebuilt without the deadline: a violation found in time is reported whole.
        SearchContext<S> rebuild = new SearchContext<>(request.system(), ctx.judge(), ctx.selfCheck(), ctx.meter(),
                options, ctx.deterministic());
        CheckResult result = Verdicts.of(rebuild, outcome, statistics);
        listener.onFinish(result);
        return result;
    }
}
