package org.mmspec.checker.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmspec.checker.explore.Checks.violated;
import static org.mmspec.checker.explore.Checks.with;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.KernelBug;
import org.mmspec.checker.result.ModelError;
import org.mmspec.checker.toy.Toy;
import org.mmspec.checker.toy.Toys;
import org.mmspec.checker.trace.Trace;
import org.mmspec.spec.semantics.Fault;

class SelfCheckTest {

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void threadsThatFinishInOneStepAreAModelError(Strategy strategy) {
        CheckResult.Violated v = violated(Toys.atomicThreads(), with(strategy).withMaxPreemptions(0).withRandomWalks(10));
        ModelError e = assertInstanceOf(ModelError.class, v.violation());
        assertTrue(e.message().startsWith("no interleaving:"), e.message());
        assertEquals(Trace.empty(), v.trace());
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void threadsThatNeverOverlapAreAModelError(Strategy strategy) {
        ModelError e = assertInstanceOf(ModelError.class,
                violated(Toys.serialised(), with(strategy).withRandomWalks(10)).violation());
        assertTrue(e.message().startsWith("no interleaving:"), e.message());
    }

    @Test
    void aSingleThreadIsAModelError() {
        ModelError e = assertInstanceOf(ModelError.class, violated(Toys.singleThread(), with(Strategy.BFS)).violation());
        assertTrue(e.message().startsWith("nothing to interleave:"), e.message());
    }

    @Test
    void aSystemWithoutThreadsIsAModelError() {
        Toy none = Toy.builder().variable("x", 0).build();
        ModelError e = assertInstanceOf(ModelError.class,
                violated(new Toys.Case(none, java.util.List.of()), with(Strategy.DFS)).violation());
        assertEquals("nothing to interleave: the system has 0 threads; a race needs at least two", e.message());
    }

    @Test
    void aRealViolationWinsOverTheSelfCheck() {
        Toy oneThread = Toy.builder().variable("refcount", 0)
                .thread("T0", p -> p.faultingStep("put_page", v -> v.get("refcount") == 0, Fault.Kind.KERNEL_BUG,
                        "refcount underflow", v -> {}).step("after", v -> {}))
                .build();
        assertInstanceOf(KernelBug.class, violated(new Toys.Case(oneThread, java.util.List.of()), with(Strategy.BFS)).violation());
    }

    @Test
    void theBoundDoesNotHideInterleavingFromTheSelfCheck() {
        // With no preemptions the threads of a correct mutex never overlap in the explored states, but
        // the pruned steps show that they could: the result is a bounded pass, not a model error.
        CheckResult.Passed p = assertInstanceOf(CheckResult.Passed.class,
                Checks.check(Toys.lockedCounter(), with(Strategy.PREEMPT).withMaxPreemptions(0)));
        assertEquals(0, p.statistics().preemptionBound());
    }
}
