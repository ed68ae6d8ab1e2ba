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
                kernel BUG: VM_BUG_ON_PAGE(page_mapcount(page) < 0)
                """, TextTraceWriter.write(trace, bug));
    }

    @Test
    void showsTheSourceOfEveryStepTheCodePointOfEveryChangeAndTheDumpOfAPage() {
        Trace trace = new Trace(Schedule.of(0), List.of(new TraceStep(1,
                new ActionLabel(0, "W", "__alloc_pages_nodemask:rmqueue", "order=0", "org/mmspec/ref/mem/AllocPages.java:70"),
                List.of(new Change("page[6]._refcount", "0", "1"), new Change("file0.page_cache[0]", "none", "pfn 6",
                        "filemap_fault:add_to_page_cache_lru file0", "org/mmspec/ref/fault/FilemapFault.java:77")))), 0);
        KernelBug bug = new KernelBug(new Fault(Fault.Kind.KERNEL_BUG, 0, "W hit BUG", List.of("page:pfn 6 count:1")));
        assertEquals("""
                #1 W __alloc_pages_nodemask:rmqueue order=0  (AllocPages.java:70)
                  page[6]._refcount 0→1
                  in filemap_fault:add_to_page_cache_lru file0  (FilemapFault.java:77)
                    file0.page_cache[0] none→pfn 6
                kernel BUG: W hit BUG
                  page:pfn 6 count:1
                """, TextTraceWriter.write(trace, bug));
    }

    @Test
    void saysWhenTheInitialStateIsTheViolation() {
        assertEquals("(the initial state)\nmodel error: m\n",
                TextTraceWriter.write(Trace.empty(), new org.mmspec.checker.result.ModelError("m")));
    }
}
