package org.mmspec.checker.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.mmspec.checker.explore.Checks.violated;
import static org.mmspec.checker.explore.Checks.with;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mmspec.checker.result.AssertionFailure;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.InvariantViolation;
import org.mmspec.checker.result.KernelBug;
import org.mmspec.checker.result.ModelError;
import org.mmspec.checker.toy.Toy;
import org.mmspec.checker.toy.ToyInvariant;
import org.mmspec.checker.toy.Toys;
import org.mmspec.spec.semantics.Fault;
import org.mmspec.spec.semantics.Witness;

class ViolationKindsTest {

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void aKernelBugFaultIsReportedAsKernelBug(Strategy strategy) {
        CheckResult.Violated v = violated(Toys.doublePut(Fault.Kind.KERNEL_BUG), with(strategy));
        KernelBug bug = assertInstanceOf(KernelBug.class, v.violation());
        assertEquals("VM_BUG_ON_PAGE(page_ref_count(page) == 0) in put_page: pfn 3", bug.fault().message());
        assertEquals(v.trace().schedule().thread(v.trace().length() - 1), bug.fault().thread());
    }

    @Test
    void eachFaultKindMapsToItsViolation() {
        assertInstanceOf(AssertionFailure.class,
                violated(Toys.doublePut(Fault.Kind.ASSERTION), with(Strategy.BFS)).violation());
        ModelError e = assertInstanceOf(ModelError.class,
                violated(Toys.doublePut(Fault.Kind.MODEL_ERROR), with(Strategy.BFS)).violation());
        assertEquals("VM_BUG_ON_PAGE(page_ref_count(page) == 0) in put_page: pfn 3", e.message());
    }

    @Test
    void theShortestFaultIsFoundByBfs() {
        CheckResult.Violated v = violated(Toys.doublePut(Fault.Kind.KERNEL_BUG), with(Strategy.BFS));
        assertEquals(4, v.trace().length());
    }

    @Test
    void theFirstFailingInvariantInListOrderIsReported() {
        Toys.Case lost = Toys.lostUpdate();
        ToyInvariant<Object> a = new ToyInvariant<>("fails_a", "fails everywhere", s -> Witness.of("a"));
        ToyInvariant<Object> b = new ToyInvariant<>("fails_b", "fails everywhere", s -> Witness.of("b"));
        assertEquals("fails_a", firstInvariant(new Toys.Case(lost.system(), List.of(a, b))));
        assertEquals("fails_b", firstInvariant(new Toys.Case(lost.system(), List.of(b, a))));
    }

    private static String firstInvariant(Toys.Case c) {
        CheckResult.Violated v = violated(c, with(Strategy.BFS));
        assertEquals(0, v.trace().length(), "the initial state already violates both");
        return assertInstanceOf(InvariantViolation.class, v.violation()).invariantId();
    }

    @Test
    void aFaultIsReportedBeforeAnInvariantThatFailsInTheSameState() {
        Toys.Case put = Toys.doublePut(Fault.Kind.KERNEL_BUG);
        // Every state in which both threads are done is one in which the second put_page faulted.
        ToyInvariant<Toy.State> notBothDone = new ToyInvariant<>("not_both_done", "",
                s -> put.system().finished(s, 0) && put.system().finished(s, 1) ? Witness.of("both done") : null);
        Toys.Case both = new Toys.Case(put.system(), List.of(notBothDone));
        assertInstanceOf(KernelBug.class, violated(both, with(Strategy.BFS)).violation());
    }
}
