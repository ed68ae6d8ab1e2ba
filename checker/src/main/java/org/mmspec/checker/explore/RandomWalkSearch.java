package org.mmspec.checker.explore;

import java.util.Arrays;
import org.mmspec.checker.result.Coverage;
import org.mmspec.checker.result.IncompleteReason;
import org.mmspec.checker.result.Violation;
import org.mmspec.checker.store.DiskFingerprintSet;
import org.mmspec.checker.store.FingerprintSet;
import org.mmspec.checker.store.Fingerprints;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * Seeded random walks: from the initial state, repeatedly pick one of the threads that can move,
 * uniformly, with {@link SplitMix64}, and when its step has several successors one of those, uniformly
 * (a second draw, made only then, so a deterministic system's walks depend on the thread draws alone);
 * for at most {@link SearchOptions#maxDepth()} steps or until no thread can move. The same seed gives the
 * same walks. A fingerprint set counts distinct states and lets each state be checked once; the current
 * walk's moves are the counterexample.
 */
final class RandomWalkSearch<S> implements Search {

    private final SearchContext<S> ctx;
    private final TransitionSystem<S> system;
    private Fingerprints seen;
    private final SplitMix64 random;
    private final Moves<S>[] successors;
    private int[] path = new int[64];
    private int[] pathChoices = new int[64];
    private IncompleteReason stop;

    RandomWalkSearch(SearchContext<S> ctx) {
        this.ctx = ctx;
        this.system = ctx.system();
        long limit = ctx.options().budget().maxStates();
        long memory = ctx.options().files().fingerprintMemoryBytes();
        this.seen = memory == 0 ? new FingerprintSet(limit)
                : new DiskFingerprintSet(limit, DiskFingerprintSet.fingerprintsIn(memory), ctx.fingerprintDisk());
        this.random = new SplitMix64(ctx.options().seed());
        this.successors = ctx.movesPerThread();
    }

    @Override
    public SearchOutcome run() {
        S initial = system.initialState();
        ctx.meter().initial();
        seen.put(system.fingerprint(initial));
        Violation violation = ctx.visit(initial, 0);
        if (violation != null) {
            return ctx.found(violation, new int[0], new int[0], initial);
        }
        for (int walk = 0; walk < ctx.options().randomWalks(); walk++) {
            S s = initial;
            for (int depth = 0; depth < ctx.options().maxDepth(); ) {
                int enabled = ctx.successors(s, successors);
                if (enabled == 0) {
                    if (!ctx.judge().allFinished(s)) {
                        return found(ctx.judge().deadlock(s), depth, s);
                    }
                    break;
                }
                int thread = pick(enabled);
                stop = stop != null ? stop : ctx.meter().poll(seen.size(), 0, depth);
                if (stop != null) {
                    return new SearchOutcome.Stopped(stop);
                }
                Moves<S> moves = successors[thread];
                int choice = moves.size() > 1 ? random.nextInt(moves.size()) : 0;
                s = moves.get(choice);
                for (Moves<S> m : successors) {
                    m.clear();
                }
                record(depth++, thread, choice);
                if (isNew(s)) {
                    violation = ctx.visit(s, depth);
                    if (violation != null) {
                        return found(violation, depth, s);
                    }
                } else if (stop != null) {
                    return new SearchOutcome.Stopped(stop);
                }
            }
        }
        return new SearchOutcome.Completed(Coverage.RANDOM_SAMPLE);
    }

    /** Picks one of the {@code enabled} threads that can move; counts the generated successors. */
    private int pick(int enabled) {
        int choice = random.nextInt(enabled);
        int picked = -1;
        for (int t = 0; t < successors.length; t++) {
            Moves<S> moves = successors[t];
            if (moves.size() == 0) {
                continue;
            }
            for (int c = 0; c < moves.size(); c++) {
                ctx.selfCheck().moved(t);
                ctx.meter().generated();
            }
            if (choice-- == 0) {
                picked = t;
            }
        }
        ctx.meter().followed();
        return picked;
    }

    private void record(int depth, int thread, int choice) {
        if (depth == path.length) {
            path = Arrays.copyOf(path, 2 * depth);
            pathChoices = Arrays.copyOf(pathChoices, 2 * depth);
        }
        path[depth] = thread;
        pathChoices[depth] = choice;
    }

    private SearchOutcome.Found found(Violation violation, int depth, S s) {
        return ctx.found(violation, Arrays.copyOf(path, depth), Arrays.copyOf(pathChoices, depth), s);
    }

    /** True when {@code s} was not seen before; sets {@link #stop} if a budget ran out. */
    private boolean isNew(S s) {
        return switch (seen.put(system.fingerprint(s))) {
            case SEEN -> false;
            case FULL -> {
                stop = ctx.meter().setFull(seen);
                yield false;
            }
            case NEW -> true;
        };
    }

    @Override
    public long distinctStates() {
        return seen == null ? 0 : seen.size();
    }

    @Override
    public long storeBytes() {
        return seen == null ? 0 : seen.bytes();
    }

    @Override
    public void release() {
        if (seen != null) {
            seen.free();
            seen = null;
        }
    }
}
