package org.mmspec.checker.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmspec.spec.semantics.Fault;
import org.mmspec.spec.semantics.Witness;

class ResultTest {

    @Test
    void faultKindsMapToViolations() {
        Fault bug = new Fault(Fault.Kind.KERNEL_BUG, 1, "VM_BUG_ON_PAGE(PageLRU(page)) in __free_pages: pfn 2");
        Fault assertion = new Fault(Fault.Kind.ASSERTION, -1, "assert failed");
        Fault model = new Fault(Fault.Kind.MODEL_ERROR, 0, "index 9 out of range");
        assertEquals(new KernelBug(bug), Violation.of(bug));
        assertEquals(new AssertionFailure(assertion), Violation.of(assertion));
        assertEquals(new ModelError("index 9 out of range"), Violation.of(model));
        assertThrows(IllegalArgumentException.class, () -> new KernelBug(assertion));
        assertThrows(IllegalArgumentException.class, () -> new AssertionFailure(bug));
    }

    @Test
    void everyViolationDescribesItselfInOneLine() {
        List<Violation> all = List.of(
                new InvariantViolation("mapcount_le_refcount", Witness.of("mapcount 2 > refcount 1", "page[3]")),
                new Deadlock(List.of(new BlockedThread(0, "T0", "waits for lockB (held by T1)"),
                        new BlockedThread(1, "T1", "waits for lockA (held by T0)"))),
                new KernelBug(new Fault(Fault.Kind.KERNEL_BUG, 2, "kswapd hit VM_BUG_ON(x)")),
                new AssertionFailure(new Fault(Fault.Kind.ASSERTION, -1, "assert y")),
                new ModelError("no interleaving: ..."));
        List<String> expected = List.of(
                "invariant mapcount_le_refcount violated: mapcount 2 > refcount 1 [page[3]]",
                "deadlock: T0 waits for lockB (held by T1); T1 waits for lockA (held by T0)",
                // the message names the thread by its scenario name; a thread number would be a second name
                "kernel BUG: kswapd hit VM_BUG_ON(x)",
                "assertion failed: assert y",
                "model error: no interleaving: ...");
        for (int i = 0; i < all.size(); i++) {
            assertEquals(expected.get(i), all.get(i).describe());
            assertFalse(all.get(i).describe().contains("\n"));
        }
        assertThrows(IllegalArgumentException.class, () -> new Deadlock(List.of()));
    }

    @Test
    void statisticsDeriveRates() {
        Statistics s = new Statistics(300, 200, 5, 299, 2.0, 3200, -1);
        assertEquals(100.0, s.distinctStatesPerSecond());
        assertEquals(16.0, s.bytesPerState());
        Statistics empty = new Statistics(0, 0, 0, 0, 0, 0, -1);
        assertEquals(0.0, empty.distinctStatesPerSecond());
        assertEquals(0.0, empty.bytesPerState());
    }

    @Test
    void onlyAnExhaustivePassIsExhaustive() {
        Statistics s = new Statistics(1, 1, 0, 0, 0, 8, -1);
        assertTrue(new CheckResult.Passed(Coverage.EXHAUSTIVE, s).exhaustive());
        assertFalse(new CheckResult.Passed(Coverage.PREEMPTION_BOUNDED, s).exhaustive());
        assertFalse(new CheckResult.Passed(Coverage.RANDOM_SAMPLE, s).exhaustive());
    }
}
