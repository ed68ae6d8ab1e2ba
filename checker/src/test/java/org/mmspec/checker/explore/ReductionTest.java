package org.mmspec.checker.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.Deadlock;
import org.mmspec.checker.result.InvariantViolation;
import org.mmspec.checker.toy.Programs;
import org.mmspec.checker.toy.Programs.Op;
import org.mmspec.checker.toy.Programs.Program;
import org.mmspec.checker.toy.ToyInvariant;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.Witness;

/** Partial-order reduction by local steps ({@link LocalSteps}) on toy programs. */
class ReductionTest {

    private static final Invariant<Long> WORD_ZERO = new ToyInvariant<>("word_zero", "the shared word stays 0",
            s -> Programs.word(s) == 0 ? null : Witness.of("w=" + Programs.word(s)));

    private static CheckResult check(Programs p, List<Invariant<Long>> invariants, boolean reduce, int workers) {
        return Explorer.check(new CheckRequest<>(p, invariants,
                SearchOptions.defaults().withReduction(reduce).withWorkers(workers)));
    }

    /** As {@link #check} on the ownership-partitioned engine. */
    private static CheckResult owner(Programs p, List<Invariant<Long>> invariants, int workers) {
        return Explorer.check(new CheckRequest<>(p, invariants,
                SearchOptions.defaults().withReduction(true).withWorkers(workers).withPartition(Partition.OWNER)));
    }

    private static Program counting(int steps) {
        return new Program(Collections.nCopies(steps, Op.localStep()), false);
    }

    @Test
    void threadsOfLocalStepsRunOneAfterAnotherWithTheSameResultOnSeveralWorkers() {
        Programs p = new Programs(List.of(counting(10), counting(10), counting(10)));
        CheckResult full = check(p, List.of(), false, 1);
        CheckResult reduced = check(p, List.of(), true, 1);
        assertInstanceOf(CheckResult.Passed.class, full);
        assertInstanceOf(CheckResult.Passed.class, reduced);
        assertEquals(11 * 11 * 11, full.statistics().distinctStates());
        assertEquals(31, reduced.statistics().distinctStates(), "one interleaving of the local steps");
        ParallelSearchTest.assertSame(reduced, check(p, List.of(), true, 2), "two workers");
        ParallelSearchTest.assertSame(reduced, check(p, List.of(), true, 3), "three workers");
        ParallelSearchTest.assertSame(reduced, owner(p, List.of(), 3), "three workers, owner partition");
    }

    @Test
    void aSharedStepIsNeverSkippedAndItsViolationIsFound() {
        Program writer = new Program(List.of(Op.localStep(), Op.sharedStep(w -> 1)), false);
        Programs p = new Programs(List.of(counting(4), writer, counting(4)));
        CheckResult full = check(p, List.of(WORD_ZERO), false, 1);
        CheckResult reduced = check(p, List.of(WORD_ZERO), true, 1);
        assertEquals("word_zero", assertInstanceOf(InvariantViolation.class,
                assertInstanceOf(CheckResult.Violated.class, full).violation()).invariantId());
        assertEquals("word_zero", assertInstanceOf(InvariantViolation.class,
                assertInstanceOf(CheckResult.Violated.class, reduced).violation()).invariantId());
        assertTrue(reduced.statistics().distinctStates() < full.statistics().distinctStates());
        ParallelSearchTest.assertSame(reduced, check(p, List.of(WORD_ZERO), true, 2), "two workers");
        ParallelSearchTest.assertSame(reduced, owner(p, List.of(WORD_ZERO), 4), "four workers, owner partition");
    }

    /**
     * The ignoring problem: a thread that loops through local steps forever would be explored alone at every
     * state of its cycle, and the writer's step never. The cycle proviso expands a state fully when its local
     * step leads back to a stored level, so the violation is found.
     */
    @Test
    void theCycleProvisoKeepsALocalLoopFromHidingAnotherThreadsStep() {
        Program spinner = new Program(List.of(Op.localStep(), Op.localStep()), true);
        Program writer = new Program(List.of(Op.sharedStep(w -> 1)), false);
        Programs p = new Programs(List.of(spinner, writer));
        CheckResult reduced = check(p, List.of(WORD_ZERO), true, 1);
        assertInstanceOf(CheckResult.Violated.class, reduced);
        ParallelSearchTest.assertSame(reduced, check(p, List.of(WORD_ZERO), true, 2), "two workers");
    }

    @Test
    void deadlocksAreKept() {
        Program stuck = new Program(List.of(Op.sharedStep(w -> w == 5 ? w : -1)), false);
        Programs p = new Programs(List.of(counting(3), stuck, counting(3)));
        assertInstanceOf(Deadlock.class, assertInstanceOf(CheckResult.Violated.class,
                check(p, List.of(), false, 1)).violation());
        assertInstanceOf(Deadlock.class, assertInstanceOf(CheckResult.Violated.class,
                check(p, List.of(), true, 1)).violation());
    }

    /**
     * What the cross-check of reduced against unreduced searches guards against: a system that calls a
     * visible step local. Thread 0 sets the word to 1 and back to 0 and claims both steps are local; the
     * invariant fails only if thread 1's step comes in between, an interleaving the reduction skips.
     */
    @Test
    void aSystemThatCallsAVisibleStepLocalLosesTheViolationAndTheCrossCheckSeesIt() {
        Program liar = new Program(List.of(new Op(w -> w | 1, true), new Op(w -> w & ~1, true)), false);
        Program other = new Program(List.of(Op.sharedStep(w -> w | 2)), false);
        Invariant<Long> notBoth = new ToyInvariant<>("not_both", "bits 0 and 1 never together",
                s -> Programs.word(s) == 3 ? Witness.of("w=3") : null);
        Programs p = new Programs(List.of(liar, other));
        CheckResult full = check(p, List.of(notBoth), false, 1);
        CheckResult reduced = check(p, List.of(notBoth), true, 1);
        assertInstanceOf(CheckResult.Violated.class, full);
        assertInstanceOf(CheckResult.Passed.class, reduced);
        assertNotEquals(ReductionCrossCheckTest.outcome(full), ReductionCrossCheckTest.outcome(reduced));
    }

    @Test
    void noReductionWithoutLocalStepsOrWhenTurnedOff() {
        Programs p = new Programs(List.of(counting(3), counting(3)));
        assertEquals(16, check(p, List.of(), false, 1).statistics().distinctStates());
        SearchOptions dfs = SearchOptions.defaults().withReduction(true).withStrategy(Strategy.DFS);
        assertEquals(16, Explorer.check(new CheckRequest<>(p, List.<Invariant<Long>>of(), dfs)).statistics()
                .distinctStates(), "depth-first searches are not reduced");
        assertTrue(SearchOptions.defaults().withReduction(true).reducesLocalSteps());
        assertTrue(!SearchOptions.defaults().reducesLocalSteps());
    }
}
