package org.mmspec.checker.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmspec.checker.explore.CheckRequest;
import org.mmspec.checker.explore.Explorer;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.KernelBug;
import org.mmspec.checker.toy.Toys;
import org.mmspec.spec.semantics.ActionLabel;
import org.mmspec.spec.semantics.Change;
import org.mmspec.spec.semantics.Fault;

class TextTraceWriterTest {

    private static CheckResult.Violated bfs(Toys.Case c) {
        return assertInstanceOf(CheckResult.Violated.class,
                Explorer.check(new CheckRequest<>(c.system(), c.invariants(), SearchOptions.defaults())));
    }

    @Test
    void writesTheLostUpdate() {
        CheckResult.Violated v = bfs(Toys.lostUpdate());
        Golden.assertMatches("lost-update.txt", TextTraceWriter.write(v.trace(), v.violation()));
    }

    @Test
    void writesADeadlockWithWhatEachThreadWaitsFor() {
        CheckResult.Violated v = bfs(Toys.abba());
        Golden.assertMatches("abba-deadlock.txt", TextTraceWriter.write(v.trace(), v.violation()));
    }

    @Test
    void writesOneLinePerStepAndTheChangesIndented() {
        Schedule schedule = Schedule.of(2);
        Trace trace = new Trace(schedule, List.of(new TraceStep(1,
                new ActionLabel(2, "T2", "shrink_page_list:try_to_unmap", "pfn=3"),
                List.of(new Change("page[3]._mapcount", "0", "-1")))), 0);
        KernelBug bug = new KernelBug(new Fault(Fault.Kind.KERNEL_BUG, 2, "VM_BUG_ON_PAGE(page_mapcount(page) < 0)"));
        assertEquals("""
                #1 T2 shrink_page_list:try_to_unmap pfn=3
                  page[3]._mapcount 0\u2192-1
                kernel BUG (thread 2): VM_BUG_ON_PAGE(page_mapcount(page) < 0)
                """, TextTraceWriter.write(trace, bug));
    }

    @Test
    void saysWhenTheInitialStateIsTheViolation() {
        assertEquals("(the initial state)\nmodel error: m\n",
                TextTraceWriter.write(Trace.empty(), new org.mmspec.checker.result.ModelError("m")));
    }
}
