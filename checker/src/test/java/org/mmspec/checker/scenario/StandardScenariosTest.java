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
        return StandardScenarios.all().stream().map(Scenario::name);
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void passesExhaustivelyWithEveryBugOff(String scenario) {
        CheckResult.Passed p = Mmspec.assertPasses(Mmspec.check(scenario));
        assertTrue(p.statistics().distinctStates() > 10, scenario + " explores a real state space");
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
        ScenarioRun run = ScenarioRun.check(StandardScenarios.lockPageKillable(), Set.of(BugId.LOCK_PAGE_KILLABLE_WAKEUP),
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
        ScenarioRun deadlock = ScenarioRun.check(StandardScenarios.madvRemoveVsReclaim(),
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
    void gupFastForkIsAPinTakenBetweenForksPinnedCheckAndItsWriteProtect() {
        CheckResult.Violated v = Mmspec.assertViolates(Mmspec.check("dio-read-vs-fork", BugId.GUP_FAST_FORK),
                "cow_isolation");
        String trace = Mmspec.traceText(v);
        int check = trace.indexOf("dup_mmap:page_maybe_dma_pinned");
        int grab = trace.indexOf("get_user_pages_fast:try_grab_compound_head");
        int recheck = trace.indexOf("get_user_pages_fast:gup_pte_range:recheck_pte");
        int share = trace.indexOf("dup_mmap:get_page");
        int dma = trace.indexOf("io_completion:dma:write");
        assertTrue(check >= 0 && check < grab && grab < recheck && recheck < share && share < dma, trace);
        assertTrue(trace.contains("pte(mm2, 0x1000) can reach too"), trace);
    }

    @Test
    void aFollGetDirectIoReadAcrossForkLeaksIntoTheChildEvenInTheFixedKernel() {
        ScenarioRun run = ScenarioRun.check(ReferenceScenarios.dioReadVsFork(0), Set.of(), List.of(),
                SearchOptions.defaults(), SearchListener.NONE);
        Mmspec.assertViolates(run.result(), "cow_isolation");
    }

    @Test
    void aBufferedReadRacingAnAsynchronousDirectWriteCachesTheOldContents() {
        ScenarioRun run = ScenarioRun.check(ReferenceScenarios.dioWriteVsFault(), Set.of(), List.of(),
                SearchOptions.defaults(), SearchListener.NONE);
        CheckResult.Violated v = Mmspec.assertViolates(run.result(), "dirty_not_lost");
        String trace = Mmspec.traceText(v);
        int invalidate = trace.indexOf("invalidate_inode_pages2_range:invalidate_complete_page2");
        int read = trace.indexOf("filemap_fault");
        int write = trace.lastIndexOf("io_completion:dma:write dio_write");
        assertTrue(invalidate >= 0 && invalidate < read && read < write, trace);
    }

    @Test
    void madvFreeGupIsADiscardedPageTheDeviceWritesIntoLater() {
        CheckResult.Violated v = Mmspec.assertViolates(Mmspec.check("madv-free-vs-dio", BugId.MADV_FREE_GUP),
                "dirty_not_lost");
        String trace = Mmspec.traceText(v);
        int pin = trace.indexOf("get_user_pages_fast:try_grab_compound_head");
        int dma = trace.indexOf("io_completion:dma:write");
        assertTrue(pin >= 0 && dma > pin, trace);
        assertTrue(trace.contains("user reads 0"), trace);
    }

    @Test
    void swapoffRaceIsAUseOfTheFreedSwapMap() {
        CheckResult.Violated v = Mmspec.assertKernelBug(Mmspec.check("swapoff-vs-fault", BugId.SWAPOFF_RACE));
        String trace = Mmspec.traceText(v);
        assertTrue(trace.contains("use-after-free in do_swap_page"), trace);
        int teardown = trace.indexOf("swapoff:wait_for_completion");
        assertTrue(teardown >= 0 && teardown < trace.indexOf("use-after-free"), "swapoff finished first:\n" + trace);
    }

    @Test
    void everyStrategyFindsDirtyCow() {
        for (Strategy s : Strategy.values()) {
            SearchOptions o = SearchOptions.defaults().withStrategy(s).withRandomWalks(2_000).withMaxDepth(200).withSeed(7);
            ScenarioRun run = Mmspec.run("gup-vs-madvise", o, BugId.DIRTY_COW);
            Mmspec.assertViolates(run.result(), "cow_isolation");
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
        CheckResult a = Mmspec.run("gup-vs-madvise", o, BugId.DIRTY_COW).result();
        CheckResult b = Mmspec.run("gup-vs-madvise", o, BugId.DIRTY_COW).result();
        assertEquals(Mmspec.assertViolates(a, "cow_isolation").trace(), Mmspec.assertViolates(b, "cow_isolation").trace());
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
