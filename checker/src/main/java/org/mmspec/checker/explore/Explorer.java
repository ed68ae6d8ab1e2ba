package org.mmspec.checker.explore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.mmspec.checker.frontier.SpillSpace;
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
 * exhausted budget (states, time, memory, heap, disk) are all {@link CheckResult}s. If the JVM runs out of
 * heap all the same, the search is abandoned and reported as incomplete ({@link IncompleteReason#JVM_HEAP})
 * with its statistics. An exception means a bug (in mmspec or in the system under check), or a checkpoint
 * that cannot be resumed ({@link CheckpointException}). The same request gives the same result and trace
 * every time, with or without spilling, and when resumed from a checkpoint; only
 * {@link Statistics#seconds()} and the disk figures vary.
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

    /** Checks {@code request}, reporting progress to {@code listener} about every {@code progressInterval}. */
    public static <S> CheckResult check(CheckRequest<S> request, SearchListener listener, Duration progressInterval) {
        return check(request, listener, HeapGauge.jvm(), progressInterval.toNanos());
    }

    static <S> CheckResult check(CheckRequest<S> request, SearchListener listener, HeapGauge heap, long progressNanos) {
        return check(request, listener, heap, progressNanos, SharedTuning.DEFAULT);
    }

    /** Checks {@code request} with the shared parallel engine tuned as {@code tuning} (for tests). */
    static <S> CheckResult check(CheckRequest<S> request, SharedTuning tuning) {
        return check(request, SearchListener.NONE, HeapGauge.jvm(), PROGRESS_INTERVAL_NANOS, tuning);
    }

    /** Checks {@code request}, a BFS ramping up as {@code rampUp} says when its options ask for it (for tests). */
    static <S> CheckResult check(CheckRequest<S> request, RampUpSearch.Tuning rampUp) {
        return check(request, SearchListener.NONE, HeapGauge.jvm(), PROGRESS_INTERVAL_NANOS, SharedTuning.DEFAULT,
                rampUp);
    }

    private static <S> CheckResult check(CheckRequest<S> request, SearchListener listener, HeapGauge heap,
            long progressNanos, SharedTuning tuning) {
        return check(request, listener, heap, progressNanos, tuning, RampUpSearch.Tuning.DEFAULT);
    }

    private static <S> CheckResult check(CheckRequest<S> request, SearchListener listener, HeapGauge heap,
            long progressNanos, SharedTuning tuning, RampUpSearch.Tuning rampUp) {
        listener.onStart();
        SearchOptions options = request.options();
        SearchFiles files = options.files();
        // The time budget also bounds the work inside one step and one invariant check (Deadline).
        Deadline deadline = Deadline.after(options.budget().maxNanos());
        // Symmetry changes what a fingerprint identifies: the search and the trace's rebuild use the same one.
        TransitionSystem<S> base = request.system().withSymmetry(options.usesSymmetry());
        TransitionSystem<S> system = base.withDeadline(deadline);
        List<Invariant<? super S>> invariants = new ArrayList<>();
        request.invariants().forEach(i -> invariants.add(i.withDeadline(deadline)));
        try (SpillSpace space = new SpillSpace(files.spillDirectory(), files.frontierMemory(),
                options.budget().maxDiskBytes(), files.opener())) {
            SearchContext<S> ctx = new SearchContext<>(
                    system,
                    new StateJudge<>(system, invariants),
                    new InterleavingSelfCheck<>(system),
                    new SearchMeter(options.budget(), listener, heap, progressNanos),
                    options,
                    space);
            Finished finished = search(ctx, space, tuning, rampUp);
            // The trace is rebuilt without the deadline: a violation found in time is reported whole.
            SearchContext<S> rebuild = new SearchContext<>(base, ctx.judge(), ctx.selfCheck(), ctx.meter(),
                    options, space, ctx.deterministic());
            CheckResult result = Verdicts.of(rebuild, finished.outcome(), finished.statistics());
            listener.onFinish(result);
            return result;
        }
    }

    /**
     * The BFS: on {@link SearchOptions#workers()} workers, partitioned as {@link SearchOptions#partition()},
     * when there are several and the system and its invariants can be replicated, else (and always for a
     * checkpointed search, or one with fingerprints on disk) on one; with {@link SearchOptions#rampUp()} and
     * the shared partition, on one until its levels are large ({@link RampUpSearch}).
     */
    private static <S> Search breadthFirst(SearchContext<S> ctx, SharedTuning tuning, RampUpSearch.Tuning rampUp) {
        int workers = ctx.options().workers();
        boolean tuned = !tuning.equals(SharedTuning.DEFAULT);   // tests: the shared engine even on one worker
        if ((workers > 1 || tuned) && ctx.options().files().checkpoint() == null
                && ctx.options().files().fingerprintMemoryBytes() == 0) {
            if (workers > 1 && !tuned && ctx.options().rampUp() && ctx.options().partition() == Partition.SHARED) {
                return new RampUpSearch<>(ctx, workers, rampUp);
            }
            Search parallel = ctx.options().partition() == Partition.OWNER
                    ? ParallelBreadthFirstSearch.create(ctx, workers)
                    : SharedBreadthFirstSearch.create(ctx, workers, tuning);
            if (parallel != null) {
                return parallel;
            }
        }
        return new BreadthFirstSearch<>(ctx);
    }

    /** How a search ended and what it did. */
    private record Finished(SearchOutcome outcome, Statistics statistics) {}

    /** Runs the search, then releases its store and frontier. */
    private static <S> Finished search(SearchContext<S> ctx, SpillSpace space, SharedTuning tuning,
            RampUpSearch.Tuning rampUp) {
        Search search = switch (ctx.options().strategy()) {
            case BFS -> breadthFirst(ctx, tuning, rampUp);
            case DFS -> new DepthFirstSearch<>(ctx);
            case PREEMPT -> new PreemptionBoundedSearch<>(ctx);
            case RANDOM -> new RandomWalkSearch<>(ctx);
        };
        SearchOutcome outcome;
        try {
            outcome = search.run();
        } catch (DeadlinePassed e) {
            outcome = new SearchOutcome.Stopped(IncompleteReason.TIME_BUDGET);
        } catch (OutOfMemoryError e) {
            outcome = new SearchOutcome.Stopped(IncompleteReason.JVM_HEAP);
        }
        Statistics statistics = ctx.meter().statistics(search.distinctStates(), search.storeBytes(),
                space.peakDiskBytes());
        search.release();
        return new Finished(outcome, statistics);
    }
}
