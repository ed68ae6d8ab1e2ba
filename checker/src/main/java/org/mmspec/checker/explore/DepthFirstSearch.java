package org.mmspec.checker.explore;

import org.mmspec.checker.result.Coverage;
import org.mmspec.checker.result.IncompleteReason;
import org.mmspec.checker.result.Violation;
import org.mmspec.checker.store.StateStore;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * Depth-first search with an explicit stack and the fingerprint store (JPF's {@code DFSearch}, without
 * backtracking: states are values, so the stack holds them, as deltas when the system has vectors). A
 * state is visited when it is first reached; a deadlock shows when a frame runs out of threads without any
 * having moved. Threads are tried in id order and a step's successors in choice order, so the search and
 * its counterexample are deterministic, but the counterexample is not necessarily a shortest one.
 *
 * <p>The stack spills its bottom frames to disk past the frontier's memory budget ({@link DfsStack}).
 * Between two steps the search may stop for a budget and may write a checkpoint (the store and the whole
 * stack), from which {@link SearchFiles#resume()} continues it exactly.
 */
final class DepthFirstSearch<S> implements Search {

    private final SearchContext<S> ctx;
    private final TransitionSystem<S> system;
    private final Checkpoints checkpoints;
    private StateStore store;
    private final DfsStack<S> stack;
    private final Moves<S> moves = new Moves<>();
    private final int[] pendingChoice = new int[1];
    /** The move {@link #nextMove} chose: its thread and choice. */
    private int thread;
    private int choice;
    private IncompleteReason stop;
    private boolean truncated;

    DepthFirstSearch(SearchContext<S> ctx) {
        this.ctx = ctx;
        this.system = ctx.system();
        SearchFiles files = ctx.options().files();
        if (files.checkpoint() != null && system.vectors() == null) {
            throw new CheckpointException("checkpoints need a system whose states are vectors");
        }
        this.checkpoints = files.checkpoint() == null ? null
                : new Checkpoints(files.checkpoint(), ctx.signature(), files.checkpointInterval());
        this.stack = new DfsStack<>(system.vectors(), ctx.space());
    }

    @Override
    public SearchOutcome run() {
        if (ctx.options().files().resume()) {
            resume();
        } else {
            SearchOutcome initialViolation = start();
            if (initialViolation != null) {
                return initialViolation;
            }
        }
        while (!stack.isEmpty()) {
            IncompleteReason budget = ctx.meter().poll(store.size(), stack.size(), stack.topDepth());
            if (budget != null) {
                return stopBetweenSteps(budget);
            }
            if (checkpoints != null && checkpoints.due() && !checkpoint()) {
                return new SearchOutcome.Stopped(IncompleteReason.DISK_FULL);
            }
            SearchOutcome outcome = step();
            if (outcome != null) {
                return outcome;
            }
        }
        return truncated ? new SearchOutcome.Stopped(IncompleteReason.DEPTH_LIMIT)
                : new SearchOutcome.Completed(Coverage.EXHAUSTIVE);
    }

    /** Admits and visits the initial state and pushes it; an outcome if it is already a violation. */
    private SearchOutcome start() {
        store = ctx.newStore();
        S initial = system.initialState();
        ctx.meter().initial();
        store.admitInitial(system.fingerprint(initial));
        Violation violation = ctx.visit(initial, 0);
        if (violation != null) {
            return ctx.found(violation, new int[0], new int[0], initial);
        }
        stack.push(initial, 0);
        return null;
    }

    /**
     * Tries the top frame's next move: pops the frame when it has none left, else admits, visits and pushes
     * the successor if it is new. An outcome when the search ends here.
     */
    private SearchOutcome step() {
        S s = stack.topState();
        S next = nextMove(s);
        if (next == null) {
            if (thread == ctx.threads()) {
                if (!stack.topMoved() && !ctx.judge().allFinished(s)) {
                    return ctx.found(ctx.judge().deadlock(s), store, stack.topId(), s);
                }
                stack.pop();
            }
            return null;
        }
        if (!admit(next, stack.topId(), thread, choice)) {
            return stop != null ? new SearchOutcome.Stopped(stop) : null;
        }
        int depth = stack.topDepth() + 1;
        Violation violation = ctx.visit(next, depth);
        if (violation != null) {
            return ctx.found(violation, store, store.lastId(), next);
        }
        if (depth == ctx.options().maxDepth()) {
            truncated |= !ctx.judge().allFinished(next);
            return null;
        }
        if (!stack.push(next, store.lastId())) {
            return new SearchOutcome.Stopped(ctx.space().failure());
        }
        return null;
    }

    /** A budget ran out between two steps: a point the search can be resumed from, so checkpoint it. */
    private SearchOutcome stopBetweenSteps(IncompleteReason budget) {
        return Checkpoints.stopped(budget, checkpoints, this::checkpoint);
    }

    private boolean checkpoint() {
        return checkpoints.save(ctx, truncated, store, stack::writeTo);
    }

    private void resume() {
        truncated = checkpoints.restoreCounters(ctx);
        store = checkpoints.readStore(ctx);
        if (!checkpoints.readPart(Checkpoints.FRONTIER, stack::readFrom)) {
            throw new CheckpointException(ctx.options().files().checkpoint()
                    + ": the checkpoint's stack does not fit the disk budget");
        }
    }

    /**
     * The top frame's next successor to try, with {@link #thread} and {@link #choice} set to the move that
     * leads there: a pending successor of the thread taken last, else the first successor of the next
     * thread. {@code null} when the thread tried cannot move, or (with {@code thread == threads}) when every
     * thread was tried.
     */
    private S nextMove(S s) {
        if (stack.hasPending()) {
            thread = stack.pendingThread();
            ctx.selfCheck().expanding(s);
            S next = stack.takePending(pendingChoice);
            choice = pendingChoice[0];
            return next;
        }
        thread = stack.takeNextThread();
        choice = 0;
        if (thread == ctx.threads() || ctx.successors(s, thread, moves) == 0) {
            return null;
        }
        stack.markMoved();
        ctx.selfCheck().expanding(s);
        if (moves.size() > 1) {
            stack.holdPending(moves);
        }
        return moves.get(0);
    }

    /** True when {@code next} is new and admitted; otherwise false, with {@link #stop} set if a budget ran out. */
    private boolean admit(S next, long parent, int thread, int choice) {
        ctx.selfCheck().moved(thread);
        ctx.meter().successor();
        return switch (store.admit(system.fingerprint(next), parent, thread, choice)) {
            case SEEN -> false;
            case FULL -> {
                stop = ctx.meter().storeFull(store);
                yield false;
            }
            case NEW -> true;
        };
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
        stack.close();
        if (store != null) {
            store.free();
            store = null;
        }
    }
}
