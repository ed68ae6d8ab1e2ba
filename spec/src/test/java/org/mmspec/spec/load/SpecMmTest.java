package org.mmspec.spec.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmspec.spec.diag.DiagnosticRenderer;
import org.mmspec.spec.eval.SpecState;
import org.mmspec.spec.semantics.Fault;
import org.mmspec.spec.semantics.TransitionSystem;

/**
 * The formal specification under {@code spec/mm}: every file loads, every scenario states what it
 * expects, each historic bug has a failing and a fixed scenario, and invariant ids mirror the catalog.
 * (The verdicts against the expect clauses come from the explorer: the checker module's SpecMmCheckTest.)
 */
class SpecMmTest {

    static final Path MM = Path.of("mm");

    /** The catalog ids of DESIGN.md that the spec states at this level of abstraction. */
    private static final Set<String> CATALOG = Set.of("mapcount_le_refcount", "no_pte_to_freed_page",
            "watermark_consistency", "refcount_sane", "mapcount_matches_ptes", "lru_consistent", "page_lock_sane",
            "cow_isolation", "anon_write_exclusive", "lock_order", "pinned_page_stable", "dirty_not_lost");

    static Stream<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(MM)) {
            return s.filter(p -> p.toString().endsWith(".mmspec")).sorted().toList().stream();
        }
    }

    static SpecProgram load(Path file) {
        return switch (SpecLoader.load(file, MM)) {
            case LoadResult.Loaded l -> l.program();
            case LoadResult.Rejected r -> fail(file + " rejected:\n" + DiagnosticRenderer.renderAll(r.diagnostics()));
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void everyFileLoadsAndItsScenariosSayWhatTheyExpect(Path file) {
        SpecProgram p = load(file);
        for (SpecScenario s : p.scenarios()) {
            assertFalse(s.expectation() instanceof Expectation.None, s.name() + " has no expect clause");
            assertTransitionSystemContract(s);
            LowestThreadRun.Result run = LowestThreadRun.run(s, 400);
            if (run.fault() != null) {
                assertNotEquals(Fault.Kind.MODEL_ERROR, run.fault().kind(), s.name() + ": " + run.lines());
            }
            if (s.expectation() instanceof Expectation.ExpectPass) {
                assertEquals(LowestThreadRun.End.FINISHED, run.end(), s.name() + ": " + run.lines());
            }
        }
    }

    /** step() is the first successor, successors are deterministic, and fingerprints agree with equality. */
    private static void assertTransitionSystemContract(SpecScenario s) {
        TransitionSystem<SpecState> ts = s.system();
        SpecState init = ts.initialState();
        for (int t = 0; t < ts.threadCount(); t++) {
            List<SpecState> succ = ts.successors(init, t);
            assertEquals(succ, ts.successors(init, t));
            if (!succ.isEmpty()) {
                assertEquals(succ.get(0), ts.step(init, t));
                assertEquals(ts.fingerprint(succ.get(0)), ts.fingerprint(ts.step(init, t)));
            }
        }
    }

    @Test
    void everyHistoricBugHasAFailingAndAFixedScenario() {
        Map<String, Expectation> all = new HashMap<>();
        try (Stream<Path> s = files()) {
            s.forEach(f -> load(f).scenarios().forEach(sc -> all.put(sc.name(), sc.expectation())));
        } catch (IOException e) {
            fail(e);
        }
        assertEquals(new Expectation.ExpectViolation("cow_isolation"), all.get("dirty_cow_bug"));
        assertEquals(new Expectation.ExpectPass(), all.get("dirty_cow_fixed"));
        assertEquals(new Expectation.ExpectFault(Fault.Kind.KERNEL_BUG), all.get("ttu_sync_bug"));
        assertEquals(new Expectation.ExpectPass(), all.get("try_to_unmap_vs_munmap"));
        assertEquals(new Expectation.ExpectViolation("page_lock_sane"), all.get("lock_page_killable_wakeup_bug"));
        assertEquals(new Expectation.ExpectDeadlock(), all.get("lock_page_killable_wakeup_bug_deadlock"));
        assertEquals(new Expectation.ExpectPass(), all.get("lock_page_killable_wakeup_fixed"));
        assertEquals(new Expectation.ExpectDeadlock(), all.get("madv_remove_deadlock_bug"));
        assertEquals(new Expectation.ExpectViolation("lock_order"), all.get("madv_remove_lock_order_bug"));
        assertEquals(new Expectation.ExpectPass(), all.get("madv_remove_fixed"));
        assertEquals(new Expectation.ExpectViolation("watermark_consistency"), all.get("pcp_free_drift_bug"));
        assertEquals(new Expectation.ExpectPass(), all.get("pcp_free_drift_fixed"));
        for (String standard : List.of("fault_vs_fault", "zero_page_read_then_write", "anon_fault_vs_reclaim", "cow_after_fork_vs_reclaim",
                "lock_page_contention", "gup_write_force_vs_madvise_dontneed", "reclaim_try_to_unmap_vs_munmap",
                "fork_vs_fault", "alloc_free_watermarks_kswapd")) {
            assertEquals(new Expectation.ExpectPass(), all.get(standard), standard);
        }
    }

    @Test
    void invariantIdsMirrorTheCatalog() {
        SpecProgram p = load(MM.resolve("scenarios.mmspec"));
        Set<String> ids = new TreeSet<>(p.invariantIds());
        Set<String> missing = new TreeSet<>(CATALOG);
        missing.removeAll(ids);
        assertTrue(missing.isEmpty(), "missing: " + missing);
        assertTrue(CATALOG.containsAll(ids), "not in the catalog: " + ids);
    }

    @Test
    void theBugSwitchIsPartOfTheInitialState() {
        SpecProgram p = load(MM.resolve("dirty_cow.mmspec"));
        SpecScenario bug = p.scenario("dirty_cow_bug").orElseThrow();
        SpecScenario fixed = p.scenario("dirty_cow_fixed").orElseThrow();
        assertNotEquals(bug.system().initialState(), fixed.system().initialState(),
                "the bug switch is part of the initial state");
        assertInstanceOf(Expectation.ExpectViolation.class, bug.expectation());
    }
}
