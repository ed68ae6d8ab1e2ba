package org.mmspec.checker.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmspec.checker.explore.SearchOptions;
import org.mmspec.checker.explore.Strategy;
import org.mmspec.checker.junit.Mmspec;
import org.mmspec.checker.observe.SearchListener;
import org.mmspec.checker.result.CheckResult;
import org.mmspec.checker.result.Deadlock;
import org.mmspec.checker.trace.JsonTraceReader;
import org.mmspec.checker.trace.JsonTraceWriter;
import org.mmspec.checker.trace.Replay;
import org.mmspec.checker.trace.Replayer;
import org.mmspec.checker.trace.TraceReadResult;
import org.mmspec.ref.bugs.BugId;
import org.mmspec.ref.state.KernelState;

/**
 * The standard scenarios through the JUnit integration: each passes exhaustively with the historic bugs
 * off; each bug's scenario finds it when it is on, and the counterexample shows the racing steps.
 */
class StandardScenariosTest {

    static Stream<String> scenarios() {
        return ScenarioCatalog.standard().all().stream().filter(s -> s.expected() instanceof Expectation.Pass)
                .map(Scenario::name);
    }

    static Stream<String> expectedFindings() {
        return ScenarioCatalog.standard().all().stream().filter(s -> !(s.expected() instanceof Expectation.Pass))
                .map(Scenario::name);
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void passesExhaustivelyWithEveryBugOff(String scenario) {
        CheckResult.Passed p = Mmspec.assertPasses(Mmspec.check(scenario));
        assertTrue(p.statistics().distinctStates() > 10, scenario + " explores a real state space");
    }

    /** A scenario whose {@code expect} is a finding (mmap-sem-recursive-read: a deadlock) finds it with every bug off. */
    @ParameterizedTest
    @MethodSource("expectedFindings")
    void findsWhatItExpectsWithEveryBugOff(String scenario) {
        Scenario s = ScenarioCatalog.standard().byName(scenario).orElseThrow();
        CheckResult r = Mmspec.check(s);
        assertTrue(s.expected().isMetBy(r), scenario + " expects " + s.expected().describe() + ", got " + r);
    }

    @Test
    void everyHistoricBugHasItsOwnScenario() {
        for (BugId bug : BugId.values()) {
            assertTrue(ScenarioCatalog.standard().forBug(bug).isPresent(), bug.id());
        }
    }

    @Test
    void dirtyCowIsFoundAsAWriteToThePageCacheThroughAPrivateMapping() {
        CheckResult.Violated v = Mmspec.assertViolates(Mmspec.check("gup-vs-madvise", BugId.DIRTY_COW), "cow_isolation");
        String trace = Mmspec.traceText(v);
        int cow = trace.indexOf("do_cow_fault");
        int zap = trace.indexOf("madvise madvise_dontneed");
        int follow = trace.lastIndexOf("follow_page_mask mm1 addr=0x1000 FOLL_FORCE");
        int write = trace.indexOf("copy_to_user_page");
        assertTrue(cow >= 0 && cow < zap && zap < follow && follow < write, trace);
        assertTrue(trace.contains("landed on page-cache pfn"), trace);
    }

    @Test
    void ttuSyncIsFoundAsAPageStillMappedAfterTryToUnmap() {
        CheckResult.Violated v = Mmspec.assertKernelBug(Mmspec.check("ttu-vs-munmap", BugId.TTU_SYNC));
        String trace = Mmspec.traceText(v);
        assertTrue(trace.contains("VM_BUG_ON_PAGE(page_mapped(page))"), trace);
        int clear = trace.indexOf("pte(mm1, 0x1000) pfn");
        int peek = trace.indexOf("rmap_walk:page_check_address");
        assertTrue(clear >= 0 && peek > clear, "the walk peeks after the zap cleared the PTE:\n" + trace);
    }

    @Test
    void theKillableWaiterThatDropsItsWakeupIsALostWakeup() {
        CheckResult.Violated v = Mmspec.assertViolates(
                Mmspec.check("lock-page-killable", BugId.LOCK_PAGE_KILLABLE_WAKEUP), "page_lock_sane");
        String trace = Mmspec.traceText(v);
        assertTrue(trace.contains("send_sig_info") && trace.contains("wake_up_page_bit"), trace);
        assertTrue(trace.contains("lost wakeup"), trace);
    }

    @Test
    void theKillableWaiterBugAlsoEndsInADeadlockWhenOnlyDeadlocksAreChecked() {
        ScenarioRun run = ScenarioRun.check(ScenarioCatalog.standard().byName("lock-page-killable").orElseThrow(), Set.of(BugId.LOCK_PAGE_KILLABLE_WAKEUP),
                List.of("mapcount_le_refcount"), SearchOptions.defaults(), SearchListener.NONE);
        CheckResult.Violated v = Mmspec.assertDeadlock(run.result());
        Deadlock d = (Deadlock) v.violation();
        assertTrue(d.threads().stream().anyMatch(t -> t.reason().contains("sleeps on PG_locked")), d.describe());
    }

    @Test
    void madvRemoveInvertsThePageLockAndIMmapOrderAndDeadlocks() {
        CheckResult.Violated v = Mmspec.assertViolates(
                Mmspec.check("madv-remove-vs-reclaim", BugId.MADV_REMOVE_DEADLOCK), "lock_order");
        assertTrue(Mmspec.traceText(v).contains("unmap_mapping_range"), Mmspec.traceText(v));
        ScenarioRun deadlock = ScenarioRun.check(ScenarioCatalog.standard().byName("madv-remove-vs-reclaim").orElseThrow(),
                Set.of(BugId.MADV_REMOVE_DEADLOCK), List.of("mapcount_le_refcount"), SearchOptions.defaults(),
                SearchListener.NONE);
        Deadlock d = (Deadlock) Mmspec.assertDeadlock(deadlock.result()).violation();
        assertEquals(2, d.threads().size(), d.describe());
        assertTrue(d.describe().contains("i_mmap_rwsem") && d.describe().contains("PG_locked"), d.describe());
    }

    @Test
    void perCpuDriftLetsAnAllocationBreachMin() {
        CheckResult.Violated v = Mmspec.assertViolates(Mmspec.check("pcp-free-drift", BugId.PCP_FREE_DRIFT),
                "watermark_consistency");
        String trace = Mmspec.traceText(v);
        assertTrue(trace.contains("cpu0") && trace.contains("cpu1") && trace.contains("cpu2"), trace);
    }

    @Test
    void everySystematicStrategyFindsDirtyCow() {
        for (Strategy s : new Strategy[] {Strategy.BFS, Strategy.DFS, Strategy.PREEMPT}) {
            ScenarioRun run = Mmspec.run("gup-vs-madvise", SearchOptions.defaults().withStrategy(s), BugId.DIRTY_COW);
            Mmspec.assertViolates(run.result(), "cow_isolation");
        }
    }

    /**
     * Random walks find a bug whose window opens early (the lost wakeup of A13). Dirty COW's opens only after
     * the writer's ~25 steps to its COW fault, while MADV_DONTNEED must still be short of its zap: uniform
     * random scheduling almost never gets there (no walk in 50,000 does).
     */
    @Test
    void everyStrategyFindsTheKillableLockPageLostWakeup() {
        for (Strategy s : Strategy.values()) {
            SearchOptions o = SearchOptions.defaults().withStrategy(s).withRandomWalks(2_000).withMaxDepth(200).withSeed(7);
            ScenarioRun run = Mmspec.run("lock-page-killable", o, BugId.LOCK_PAGE_KILLABLE_WAKEUP);
            Mmspec.assertViolates(run.result(), "page_lock_sane");
        }
    }

    @Test
    void thePreemptionBoundedSearchFindsDirtyCowWithFewContextSwitches() {
        SearchOptions o = SearchOptions.defaults().withStrategy(Strategy.PREEMPT).withMaxPreemptions(3);
        CheckResult.Violated v = Mmspec.assertViolates(Mmspec.run("gup-vs-madvise", o, BugId.DIRTY_COW).result(),
                "cow_isolation");
        assertTrue(v.trace().contextSwitches() <= 2, "switches: " + v.trace().contextSwitches());
    }

    @Test
    void theSameSeedGivesTheSameRandomCounterexample() {
        SearchOptions o = SearchOptions.defaults().withStrategy(Strategy.RANDOM).withRandomWalks(2_000).withMaxDepth(200)
                .withSeed(7);
        CheckResult a = Mmspec.run("lock-page-killable", o, BugId.LOCK_PAGE_KILLABLE_WAKEUP).result();
        CheckResult b = Mmspec.run("lock-page-killable", o, BugId.LOCK_PAGE_KILLABLE_WAKEUP).result();
        assertEquals(Mmspec.assertViolates(a, "page_lock_sane").trace(), Mmspec.assertViolates(b, "page_lock_sane").trace());
    }

    @Test
    void aJsonTraceReplaysToTheSameViolation() {
        ScenarioRun run = Mmspec.run("ttu-vs-munmap", SearchOptions.defaults(), BugId.TTU_SYNC);
        CheckResult.Violated v = Mmspec.assertKernelBug(run.result());
        String json = JsonTraceWriter.write(java.util.Map.of("scenario", "ttu-vs-munmap"), v.trace(), v.violation());
        TraceReadResult.Read read = (TraceReadResult.Read) JsonTraceReader.read(json);
        Replay<KernelState> replay = Replayer.replay(run.system(), read.document().schedule());
        Replay.Fits<KernelState> fits = (Replay.Fits<KernelState>) replay;
        assertEquals(v.trace(), fits.trace());
        assertTrue(run.system().fault(fits.finalState()) != null);
    }

    @Test
    void budgetsEndInIncompleteWithStatistics() {
        SearchOptions o = SearchOptions.defaults().withBudget(
                org.mmspec.checker.explore.Budget.defaults().withMaxStates(20));
        CheckResult r = Mmspec.run("lock-page-killable", o).result();
        CheckResult.Incomplete i = (CheckResult.Incomplete) r;
        assertEquals(20, i.statistics().distinctStates());
    }
}
