package org.mmspec.checker.explore;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.mmspec.checker.result.Coverage;
import org.mmspec.checker.result.IncompleteReason;
import org.mmspec.checker.result.Violation;
import org.mmspec.checker.store.Fingerprints;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * Seeded random walks: from the initial state, repeatedly pick one of the threads that can move,
 * uniformly, with {@link SplitMix64}, and when its step has several successors one of those, uniformly
 * (a second draw, made only then, so a deterministic system's walks depend on the thread draws alone);
 * for at most {@link SearchOptions#maxDepth()} steps or until no thread can move. The same seed gives the
 * same walks. A fingerprint set counts distinct states and lets each state be checked once; the current
 * walk's moves are the counterexample.
 *
 * <p>Before each step the search may stop for a budget and may write a checkpoint: the walk and step it
 * is at, the generator's state, the fingerprint set and the current walk's moves. A resumed search
 * replays those moves from the initial state to the state it was at and goes on with the same numbers.
 */
final class RandomWalkSearch<S> implements Search {

    private final SearchContext<S> ctx;
    private final TransitionSystem<S> system;
    private final Checkpoints checkpoints;
    private Fingerprints seen;
    private SplitMix64 random;
    private final Moves<S>[] successors;
    private int[] path = new int[64];
    private int[] pathChoices = new int[64];
    private IncompleteReason stop;

    RandomWalkSearch(SearchContext<S> ctx) {
        this.ctx = ctx;
        this.system = ctx.system();
        SearchFiles files = ctx.options().files();
        this.checkpoints = files.checkpoint() == null ? null
                : new Checkpoints(files.checkpoint(), ctx.signature(), files.checkpointInterval());
        this.random = new SplitMix64(ctx.options().seed());
        this.successors = ctx.movesPerThread();
    }

    @Override
    public SearchOutcome run() {
        S initial = system.initialState();
        int firstWalk = 0;
        int firstDepth = 0;
        S resumed = initial;
        if (ctx.options().files().resume()) {
            long[] at = resume();
            firstWalk = (int) at[0];
            firstDepth = (int) at[1];
            resumed = replay(initial, firstDepth);
        } else {
            seen = Fingerprints.create(ctx.options().budget().maxStates(),
                    ctx.options().files().fingerprintMemoryBytes(), ctx.fingerprintDisk());
            ctx.meter().initial();
            seen.put(system.fingerprint(initial));
            Violation violation = ctx.visit(initial, 0);
            if (violation != null) {
                return ctx.found(violation, new int[0], new int[0], initial);
            }
        }
        for (int walk = firstWalk; walk < ctx.options().randomWalks(); walk++) {
            SearchOutcome outcome = walk(walk, walk == firstWalk ? resumed : initial, walk == firstWalk ? firstDepth : 0);
            if (outcome != null) {
                return outcome;
            }
        }
        return new SearchOutcome.Completed(Coverage.RANDOM_SAMPLE);
    }

    /** Walk number {@code walk} from {@code s}, its state after {@code from} steps; an outcome if the search ends. */
    private SearchOutcome walk(int walk, S s, int from) {
        for (int depth = from; depth < ctx.options().maxDepth(); ) {
            SearchOutcome pause = betweenSteps(walk, depth);
            if (pause != null) {
                return pause;
            }
            int enabled = ctx.successors(s, successors);
            if (enabled == 0) {
                return ctx.judge().allFinished(s) ? null : found(ctx.judge().deadlock(s), depth, s);
            }
            int thread = pick(enabled);
            Moves<S> moves = successors[thread];
            int choice = moves.size() > 1 ? random.nextInt(moves.size()) : 0;
            s = moves.get(choice);
            for (Moves<S> m : successors) {
                m.clear();
            }
            record(depth++, thread, choice);
            if (isNew(s)) {
                Violation violation = ctx.visit(s, depth);
                if (violation != null) {
                    return found(violation, depth, s);
                }
            } else if (stop != null) {
                return new SearchOutcome.Stopped(stop);
            }
        }
        return null;
    }

    /** Before a step: a budget that ran out (checkpointed first), a due checkpoint; {@code null} to go on. */
    private SearchOutcome betweenSteps(int walk, int depth) {
        IncompleteReason budget = ctx.meter().poll(seen.size(), 0, depth);
        if (budget != null) {
            return Checkpoints.stopped(budget, checkpoints, () -> checkpoint(walk, depth));
        }
        if (checkpoints != null && checkpoints.due() && !checkpoint(walk, depth)) {
            return new SearchOutcome.Stopped(IncompleteReason.DISK_FULL);
        }
        return null;
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

    private boolean checkpoint(int walk, int depth) {
        return checkpoints.save(ctx, false, new long[] {walk, depth, random.state()},
                out -> Fingerprints.save(seen, out), out -> writePath(out, depth));
    }

    private void writePath(DataOutputStream out, int depth) throws IOException {
        out.writeInt(depth);
        for (int i = 0; i < depth; i++) {
            out.writeInt(path[i]);
            out.writeInt(pathChoices[i]);
        }
    }

    /** Restores a checkpoint: counters, generator, set and the current walk's moves; the walk and step. */
    private long[] resume() {
        checkpoints.restoreCounters(ctx);
        long[] at = checkpoints.restoreSearch();
        if (at.length != 3 || at[0] < 0 || at[1] < 0 || at[1] > ctx.options().maxDepth()) {
            throw new CheckpointException(ctx.options().files().checkpoint() + ": the checkpoint's position is damaged");
        }
        random = new SplitMix64(at[2]);
        seen = checkpoints.readPart(Checkpoints.STORE, in -> Fingerprints.load(in, ctx.options().budget().maxStates(),
                ctx.options().files().fingerprintMemoryBytes(), ctx.fingerprintDisk()));
        int depth = checkpoints.readPart(Checkpoints.FRONTIER, this::readPath);
        if (depth != at[1]) {
            throw new CheckpointException(ctx.options().files().checkpoint() + ": the checkpoint's walk is damaged");
        }
        return at;
    }

    private int readPath(DataInputStream in) throws IOException {
        int depth = in.readInt();
        if (depth < 0 || depth > ctx.options().maxDepth()) {
            throw new IOException("a walk of " + depth + " steps");
        }
        path = new int[Math.max(64, depth)];
        pathChoices = new int[path.length];
        for (int i = 0; i < depth; i++) {
            path[i] = in.readInt();
            pathChoices[i] = in.readInt();
        }
        return depth;
    }

    /** The state reached from {@code initial} by the first {@code depth} recorded moves. */
    private S replay(S initial, int depth) {
        Moves<S> moves = new Moves<>();
        S s = initial;
        for (int i = 0; i < depth; i++) {
            int thread = path[i];
            if (thread < 0 || thread >= ctx.threads() || pathChoices[i] >= ctx.successors(s, thread, moves)
                    || pathChoices[i] < 0) {
                throw new CheckpointException(ctx.options().files().checkpoint()
                        + ": the checkpoint's walk does not replay on this system");
            }
            s = moves.get(pathChoices[i]);
        }
        return s;
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
