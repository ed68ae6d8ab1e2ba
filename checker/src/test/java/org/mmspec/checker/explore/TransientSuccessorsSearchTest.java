package org.mmspec.checker.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.spec.eval.SpecState;
import org.mmspec.spec.eval.SpecSystem;
import org.mmspec.spec.load.LoadResult;
import org.mmspec.spec.load.SpecLoader;
import org.mmspec.spec.load.SpecScenario;
import org.mmspec.spec.semantics.Change;
import org.mmspec.spec.semantics.Deadline;
import org.mmspec.spec.semantics.StateVectors;
import org.mmspec.spec.semantics.StepInfo;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * The searches take a spec system's successors transient ({@link TransitionSystem#transientSuccessors},
 * through {@link Moves#take}): on the bench model's {@code tiny} (passes) and {@code seeded_bug} (a
 * violation) a BFS on one worker and on two (both engines) gives the result — verdict, counts, trace — of the
 * same search through the allocating path. A system whose transient successors alias one buffer (the next
 * choice overwrites the last before the search copied it) gives another result, which the comparison shows.
 */
class TransientSuccessorsSearchTest {

    private static SpecScenario scenario(String name) {
        LoadResult r = SpecLoader.load(Path.of("..", "bench", "models", "swap_faults_vs_reclaim.mmspec"));
        return assertInstanceOf(LoadResult.Loaded.class, r).program().scenarios().stream()
                .filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static CheckResult check(TransitionSystem<SpecState> system, SpecSystem spec, SearchOptions o) {
        return Explorer.check(new CheckRequest<>(system, spec.invariants(), o));
    }

    /** What the two paths must agree on: the result without its wall-clock time (also for other engine tests). */
    static String result(CheckResult r) {
        var s = r.statistics();
        String counts = s.distinctStates() + " " + s.statesGenerated() + " " + s.transitions() + " " + s.maxDepth();
        return switch (r) {
            case CheckResult.Violated v -> "violated " + v.violation() + " " + v.trace() + " " + counts;
            default -> r.getClass().getSimpleName() + " " + counts;
        };
    }

    @Test
    void everyEngineSearchesTransientSuccessorsAsTheAllocatingPath() {
        for (String name : List.of("tiny", "seeded_bug")) {
            SpecSystem spec = scenario(name).spec();
            assertTrue(SearchContext.givesTransientSuccessors(spec));
            assertFalse(SearchContext.givesTransientSuccessors(new Allocating(spec)));
            for (SearchOptions o : List.of(SearchOptions.defaults().withReduction(false).withWorkers(1),
                    SearchOptions.defaults().withReduction(false).withWorkers(2),
                    SearchOptions.defaults().withReduction(false).withWorkers(2).withPartition(Partition.OWNER))) {
                assertEquals(result(check(new Allocating(spec), spec, o)), result(check(spec, spec, o)), name);
            }
        }
    }

    @Test
    void transientSuccessorsThatAliasOneBufferAreCaught() {
        SpecSystem spec = scenario("tiny").spec();
        SearchOptions o = SearchOptions.defaults().withReduction(false).withWorkers(1);
        assertNotEquals(result(check(new Allocating(spec), spec, o)), result(check(new Aliasing(spec), spec, o)));
    }

    /**
     * A one-worker BFS takes every thread's successors from a state before it admits any when the system
     * keeps them per thread ({@link TransitionSystem#transientPerThread}, as the spec system does): a system
     * that writes every thread's into one set of buffers gives the allocating path's result when it says so,
     * and another when it claims to keep them per thread, which the comparison shows.
     */
    @Test
    void successorsHeldPerThreadMustBeSo() {
        for (String name : List.of("tiny", "seeded_bug")) {
            SpecSystem spec = scenario(name).spec();
            assertTrue(spec.transientPerThread());
            SearchOptions o = SearchOptions.defaults().withReduction(false).withWorkers(1);
            String expected = result(check(new Allocating(spec), spec, o));
            assertEquals(expected, result(check(new OneSetOfBuffers(spec, false), spec, o)), name);
            assertNotEquals(expected, result(check(new OneSetOfBuffers(spec, true), spec, o)), name);
        }
    }

    /**
     * A system whose transient successors are written into one set of buffers, whatever the thread (a call
     * overwrites the states the last one gave), claiming to keep them per thread or not.
     */
    private static final class OneSetOfBuffers extends Allocating {
        private final boolean claimsPerThread;
        private final OneBufferSet buffers;

        OneSetOfBuffers(TransitionSystem<SpecState> inner, boolean claimsPerThread) {
            super(inner);
            this.claimsPerThread = claimsPerThread;
            this.buffers = new OneBufferSet(inner.vectors());
        }

        @Override
        public List<SpecState> transientSuccessors(SpecState s, int thread) {
            return buffers.hold(inner.transientSuccessors(s, thread));
        }

        @Override
        public boolean transientPerThread() {
            return claimsPerThread;
        }

        @Override
        Allocating wrap(TransitionSystem<SpecState> system) {
            return new OneSetOfBuffers(system, claimsPerThread);
        }
    }

    /** A system whose transient successors all are the last one (one buffer, overwritten choice by choice). */
    private static final class Aliasing extends Allocating {
        Aliasing(TransitionSystem<SpecState> inner) {
            super(inner);
        }

        @Override
        public List<SpecState> transientSuccessors(SpecState s, int thread) {
            List<SpecState> all = inner.transientSuccessors(s, thread);
            return all.isEmpty() ? all : Collections.nCopies(all.size(), all.get(all.size() - 1));
        }

        @Override
        Allocating wrap(TransitionSystem<SpecState> system) {
            return new Aliasing(system);
        }
    }

    /** {@code inner} with every method but the transient ones: its successors are allocated. */
    private static class Allocating extends ForwardingSystem<SpecState> {

        Allocating(TransitionSystem<SpecState> inner) {
            super(inner);
        }

        Allocating wrap(TransitionSystem<SpecState> system) {
            return new Allocating(system);
        }

        @Override
        public List<SpecState> successors(SpecState s, int thread) {
            return new ArrayList<>(inner.successors(s, thread));
        }

        @Override
        public List<SpecState> successors(SpecState s, int thread, StepInfo info) {
            return inner.successors(s, thread, info);
        }

        @Override
        public boolean reportsLocalSteps() {
            return inner.reportsLocalSteps();
        }

        @Override
        public List<Change> changes(SpecState before, int thread, SpecState after) {
            return inner.changes(before, thread, after);
        }

        @Override
        public StateVectors<SpecState> vectors() {
            return inner.vectors();
        }

        @Override
        public TransitionSystem<SpecState> withDeadline(Deadline deadline) {
            return wrap(inner.withDeadline(deadline));
        }

        @Override
        public TransitionSystem<SpecState> withSymmetry(boolean on) {
            return wrap(inner.withSymmetry(on));
        }

        @Override
        public String symmetryNote() {
            return inner.symmetryNote();
        }

        @Override
        public TransitionSystem<SpecState> replica() {
            TransitionSystem<SpecState> r = inner.replica();
            return r == null ? null : wrap(r);
        }
    }
}
