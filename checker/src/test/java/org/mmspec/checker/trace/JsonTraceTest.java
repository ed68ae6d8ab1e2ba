package org.mmspec.checker.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mmspec.checker.explore.CheckRequest;
import org.mmspec.checker.explore.Explorer;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.checker.result.AssertionFailure;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.KernelBug;
import org.mmspec.checker.result.ModelError;
import org.mmspec.checker.result.Violation;
import org.mmspec.checker.toy.Toy;
import org.mmspec.checker.toy.Toys;
import org.mmspec.spec.semantics.ActionLabel;
import org.mmspec.spec.semantics.Change;
import org.mmspec.spec.semantics.Fault;

class JsonTraceTest {

    private static final Map<String, String> HEADER = Map.of("scenario", "lost_update", "bug", "none");

    private static CheckResult.Violated bfs(Toys.Case c) {
        return assertInstanceOf(CheckResult.Violated.class,
                Explorer.check(new CheckRequest<>(c.system(), c.invariants(), SearchOptions.defaults())));
    }

    private static TraceDocument read(String json) {
        return assertInstanceOf(TraceReadResult.Read.class, JsonTraceReader.read(json)).document();
    }

    @Test
    void writeReadReplayGivesTheSameTrace() {
        Toys.Case c = Toys.lostUpdate();
        CheckResult.Violated v = bfs(c);
        TraceDocument doc = read(JsonTraceWriter.write(HEADER, v.trace(), v.violation()));
        assertEquals(HEADER, doc.header());
        assertEquals(v.trace().schedule(), doc.schedule());
        assertEquals(v.trace(), doc.trace());
        assertEquals(v.violation(), doc.violation());
        Replay.Fits<Toy.State> replayed = ReplayerTest.fits(Replayer.replay(c.system(), doc.schedule()));
        assertEquals(v.trace(), replayed.trace());
    }

    @Test
    void everyViolationKindRoundTrips() {
        List<Violation> violations = List.of(
                bfs(Toys.abba()).violation(),
                bfs(Toys.lostUpdate()).violation(),
                new KernelBug(new Fault(Fault.Kind.KERNEL_BUG, 1, "VM_BUG_ON(x)")),
                new KernelBug(new Fault(Fault.Kind.KERNEL_BUG, 0, "VM_BUG_ON_PAGE(y)", List.of("page:pfn 1 count:0",
                        "flags: 0x0(0)"))),
                new AssertionFailure(new Fault(Fault.Kind.ASSERTION, -1, "assert y")),
                new ModelError("no interleaving: z"));
        for (Violation violation : violations) {
            assertEquals(violation, read(JsonTraceWriter.write(HEADER, Trace.empty(), violation)).violation());
        }
    }

    @Test
    void sourceLocationsAndAttributedChangesRoundTrip() {
        Trace trace = new Trace(Schedule.of(0), List.of(new TraceStep(1,
                new ActionLabel(0, "W", "__alloc_pages_nodemask:rmqueue", "order=0", "org/mmspec/ref/mem/AllocPages.java:70"),
                List.of(new Change("page[6]._refcount", "0", "1"), new Change("file0.page_cache[0]", "none", "pfn 6",
                        "filemap_fault:add_to_page_cache_lru", "org/mmspec/ref/fault/FilemapFault.java:77")))), 0);
        Violation v = new ModelError("m");
        TraceDocument doc = read(JsonTraceWriter.write(HEADER, trace, v));
        assertEquals(trace, doc.trace());
    }

    @Test
    void theOutputIsDeterministicAndSortsTheHeader() {
        CheckResult.Violated v = bfs(Toys.abba());
        Map<String, String> reversed = new LinkedHashMap<>();
        reversed.put("scenario", "abba");
        reversed.put("bug", "none");
        Map<String, String> sorted = new LinkedHashMap<>();
        sorted.put("bug", "none");
        sorted.put("scenario", "abba");
        String json = JsonTraceWriter.write(reversed, v.trace(), v.violation());
        assertEquals(json, JsonTraceWriter.write(sorted, v.trace(), v.violation()));
        Golden.assertMatches("abba-deadlock.json", json);
    }

    @Test
    void badInputIsAValueNotAnException() {
        String good = JsonTraceWriter.write(HEADER, bfs(Toys.abba()).trace(), bfs(Toys.abba()).violation());
        assertMalformed("{ not json", "not JSON");
        assertMalformed("[1, 2]", "a trace file is a JSON object");
        assertMalformed(good.replace("mmspec-trace", "other"), "not a mmspec-trace file of version 1 to 3");
        assertMalformed(good.replace("\"version\": 3", "\"version\": 4"), "not a mmspec-trace file of version 1 to 3");
        assertMalformed(good.replace("\"schedule\"", "\"skedule\""), "missing field 'schedule'");
        assertMalformed(good.replace("\"schedule\": [ 0, 1 ]", "\"schedule\": [ 0, -1 ]"), "schedule[1]");
        assertMalformed(good.replace("\"schedule\": [ 0, 1 ]", "\"schedule\": [ 0, 1, 1 ]"), "steps has 2");
        assertMalformed(good.replace("\"kind\": \"deadlock\"", "\"kind\": \"oops\""), "unknown violation kind 'oops'");
    }

    private static void assertMalformed(String json, String problem) {
        TraceReadResult.Malformed m = assertInstanceOf(TraceReadResult.Malformed.class, JsonTraceReader.read(json));
        assertTrue(m.problem().contains(problem), m.problem());
    }
}
