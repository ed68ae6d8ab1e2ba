package org.mmspec.checker.fidelity.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mmspec.checker.fidelity.Fixtures.anon;
import static org.mmspec.checker.fidelity.Fixtures.zero;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.mmspec.checker.fidelity.Fixtures;
import org.mmspec.checker.fidelity.observe.CellTable;
import org.mmspec.checker.fidelity.observe.Field;
import org.mmspec.checker.fidelity.observe.HostFacts;
import org.mmspec.checker.fidelity.observe.Observations;
import org.mmspec.checker.fidelity.observe.OpOutcome;
import org.mmspec.checker.fidelity.observe.PageField;
import org.mmspec.checker.fidelity.observe.PageFlag;
import org.mmspec.checker.fidelity.observe.PageState;
import org.mmspec.checker.fidelity.observe.RunField;
import org.mmspec.checker.fidelity.observe.Site;
import org.mmspec.checker.fidelity.observe.StepOutcome;
import org.mmspec.checker.fidelity.observe.Vma;
import org.mmspec.checker.fidelity.scenario.Scenario;

class ComparisonTest {

    private static final Scenario SCENARIO = Fixtures.scenario("""
            mmap r1 2 anon private rw
            write r1 0
            read r1 1
            observe
            """);

    private static CellTable table(PageState page0, PageState page1, OpOutcome read) {
        return CellTable.of(SCENARIO, new Observations(List.of(new StepOutcome(1, new OpOutcome.Done()),
                new StepOutcome(2, new OpOutcome.Done()), new StepOutcome(3, read)), List.of(page0, page1), List.of(),
                List.of()));
    }

    private static final CellTable KERNEL = table(anon(4, "p0", "r1", 0, 100), zero(4, "p0", "r1", 1, 7),
            new OpOutcome.ReadValue(0));

    private static Verdict kernelVersusModel(CellTable model, HostFacts facts) {
        return Comparison.kernelVersusModel().compare(SCENARIO, KERNEL, model, facts);
    }

    @Test
    void identicalTablesAgree() {
        assertEquals(new Verdict.Agreement(List.of()), kernelVersusModel(KERNEL, Fixtures.facts()));
    }

    @Test
    void differencesAreListedInTableOrderWithASideBySideTable() {
        PageState mapcount2 = new PageState(4, "p0", "r1", 0, anon(4, "p0", "r1", 0, 1).vma(), true, false, false,
                false, 1, 2, anon(4, "p0", "r1", 0, 1).flags());
        CellTable model = table(mapcount2, anon(4, "p0", "r1", 1, 2), new OpOutcome.SegmentationFault());
        Verdict.Disagreement d = assertInstanceOf(Verdict.Disagreement.class, kernelVersusModel(model, Fixtures.facts()));
        Site read = new Site(3, "p0", "-");
        Site p0 = new Site(4, "p0", "r1[0]");
        Site p1 = new Site(4, "p0", "r1[1]");
        assertEquals(List.of(new Difference(read, RunField.OUTCOME, "value:0x00", "segv"),
                new Difference(p0, PageField.EXCLUSIVE, "yes", "no"), new Difference(p0, PageField.MAPCOUNT, "1", "2"),
                new Difference(p1, PageField.EXCLUSIVE, "no", "yes"), new Difference(p1, PageField.FRAME, "ZERO", "F2"),
                new Difference(p1, PageField.MAPCOUNT, "0", "1"), new Difference(p1, PageFlag.UPTODATE, "no", "yes"),
                new Difference(p1, PageFlag.LRU, "no", "yes"), new Difference(p1, PageFlag.MMAP, "no", "yes"),
                new Difference(p1, PageFlag.ANON, "no", "yes"), new Difference(p1, PageFlag.SWAPBACKED, "no", "yes"),
                new Difference(p1, PageFlag.ZERO, "yes", "no")), d.unexplained());
        assertEquals("""
                step  process  page   field       kernel      model
                3     p0       -      outcome     value:0x00  segv
                4     p0       r1[0]  exclusive   yes         no
                4     p0       r1[0]  mapcount    1           2
                4     p0       r1[1]  exclusive   no          yes
                4     p0       r1[1]  frame       ZERO        F2
                4     p0       r1[1]  mapcount    0           1
                4     p0       r1[1]  uptodate    no          yes
                4     p0       r1[1]  lru         no          yes
                4     p0       r1[1]  mmap        no          yes
                4     p0       r1[1]  anon        no          yes
                4     p0       r1[1]  swapbacked  no          yes
                4     p0       r1[1]  zero        yes         no
                """, d.table());
    }

    @Test
    void cellsOnlyOneSideHasAreMissingOnTheOther() {
        CellTable empty = CellTable.of(List.of());
        Verdict.Disagreement d = assertInstanceOf(Verdict.Disagreement.class,
                Comparison.exact("kernel", "model").compare(SCENARIO, KERNEL, empty, Fixtures.facts()));
        assertEquals(new Difference(new Site(1, "p0", "-"), RunField.OUTCOME, "ok", Comparison.MISSING),
                d.unexplained().get(0));
        assertEquals(KERNEL.size(), d.unexplained().size());
    }

    @Test
    void newAnonPagesActiveInTheModelAreAKnownDifference() {
        CellTable model = table(anon(4, "p0", "r1", 0, 1, PageFlag.ACTIVE), zero(4, "p0", "r1", 1, 2),
                new OpOutcome.ReadValue(0));
        Verdict.Agreement a = assertInstanceOf(Verdict.Agreement.class, kernelVersusModel(model, Fixtures.facts()));
        assertEquals(List.of(new Verdict.Explained(new Difference(new Site(4, "p0", "r1[0]"), PageFlag.ACTIVE, "no",
                "yes"), KnownDifferences.NEW_ANON_INACTIVE)), a.explained());
    }

    @Test
    void activeTheOtherWayRoundIsNotExplained() {
        CellTable kernelActive = table(anon(4, "p0", "r1", 0, 100, PageFlag.ACTIVE), zero(4, "p0", "r1", 1, 7),
                new OpOutcome.ReadValue(0));
        Verdict.Disagreement d = assertInstanceOf(Verdict.Disagreement.class,
                Comparison.kernelVersusModel().compare(SCENARIO, kernelActive, KERNEL, Fixtures.facts()));
        assertEquals(PageFlag.ACTIVE, d.unexplained().get(0).field());
    }

    @Test
    void lruLagIsExplainedOnlyWhereTheProbeCannotDrainTheBatches() {
        PageState notOnLru = new PageState(4, "p0", "r1", 0, anon(4, "p0", "r1", 0, 1).vma(), true, false, true, false,
                100, 1, EnumSet.of(PageFlag.UPTODATE, PageFlag.MMAP, PageFlag.ANON, PageFlag.SWAPBACKED));
        CellTable kernelLagging = table(notOnLru, zero(4, "p0", "r1", 1, 7), new OpOutcome.ReadValue(0));
        Comparison c = Comparison.kernelVersusModel();
        assertInstanceOf(Verdict.Disagreement.class, c.compare(SCENARIO, kernelLagging, KERNEL, Fixtures.facts()));
        Verdict.Agreement a = assertInstanceOf(Verdict.Agreement.class,
                c.compare(SCENARIO, kernelLagging, KERNEL, Fixtures.withoutLruDrain(Fixtures.facts())));
        assertEquals(KnownDifferences.LRU_BATCH_LAG, a.explained().get(0).rule());
    }

    @Test
    void aKernelWithoutTheZeroPageIsNeverExplainedAway() {
        CellTable kernelFreshPage = table(anon(4, "p0", "r1", 0, 100), anon(4, "p0", "r1", 1, 101),
                new OpOutcome.ReadValue(0));
        Comparison c = Comparison.kernelVersusModel();
        for (HostFacts facts : List.of(Fixtures.facts(), Fixtures.withoutZeroPage(Fixtures.facts()))) {
            Verdict.Disagreement d = assertInstanceOf(Verdict.Disagreement.class,
                    c.compare(SCENARIO, kernelFreshPage, KERNEL, facts));
            assertEquals(true, d.unexplained().contains(new Difference(new Site(4, "p0", "r1[1]"), PageField.FRAME,
                    "F2", "ZERO")), d.table());
        }
    }

    @Test
    void noRuleMayCoverAFieldWhoseDifferenceSpreads() {
        for (Field f : List.<Field>of(PageField.FRAME, PageField.PRESENT, PageField.MAPCOUNT, PageField.EXCLUSIVE,
                PageFlag.ANON, PageFlag.ZERO, RunField.OUTCOME, RunField.CONTENT, PageField.VMA)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new KnownDifference("host-without-zero-page", "any reason", Set.of(f), (d, c) -> true));
            assertEquals(true, e.getMessage().contains("configure the model"), e.getMessage());
        }
        KnownDifference activeOnly = new KnownDifference("active-only", "any reason", Set.of(PageFlag.ACTIVE),
                (d, c) -> true);
        CellTable kernelFreshPage = table(anon(4, "p0", "r1", 0, 100), anon(4, "p0", "r1", 1, 101),
                new OpOutcome.ReadValue(0));
        Verdict.Disagreement d = assertInstanceOf(Verdict.Disagreement.class, new Comparison(List.of(activeOnly),
                "kernel", "model").compare(SCENARIO, kernelFreshPage, KERNEL, Fixtures.facts()));
        assertEquals(true, d.explained().isEmpty(), "a rule is asked only about its own fields");
    }

    @Test
    void agingFlagsAreExplainedOnlyUnderTheMultiGenerationalLru() {
        CellTable kernelReferenced = table(anon(4, "p0", "r1", 0, 100, PageFlag.REFERENCED), zero(4, "p0", "r1", 1, 7),
                new OpOutcome.ReadValue(0));
        Comparison c = Comparison.kernelVersusModel();
        assertInstanceOf(Verdict.Disagreement.class, c.compare(SCENARIO, kernelReferenced, KERNEL, Fixtures.facts()));
        assertInstanceOf(Verdict.Disagreement.class,
                c.compare(SCENARIO, kernelReferenced, KERNEL, Fixtures.withLruGen(Fixtures.facts(), "0x0000")));
        Verdict.Agreement a = assertInstanceOf(Verdict.Agreement.class,
                c.compare(SCENARIO, kernelReferenced, KERNEL, Fixtures.withLruGen(Fixtures.facts(), "0x0007")));
        assertEquals(KnownDifferences.MGLRU_AGING, a.explained().get(0).rule());
    }

    @Test
    void kernelRunsMayDifferInLruFlagsOnlyWhereTheProbeCannotDrain() {
        CellTable kernelActive = table(anon(4, "p0", "r1", 0, 100, PageFlag.ACTIVE), zero(4, "p0", "r1", 1, 7),
                new OpOutcome.ReadValue(0));
        Comparison c = Comparison.kernelVersusKernel("run 1", "run 2");
        Verdict.Disagreement d = assertInstanceOf(Verdict.Disagreement.class,
                c.compare(SCENARIO, KERNEL, kernelActive, Fixtures.facts()));
        assertEquals("step  process  page   field   run 1  run 2\n4     p0       r1[0]  active  no     yes\n",
                d.table());
        Verdict.Agreement a = assertInstanceOf(Verdict.Agreement.class,
                c.compare(SCENARIO, KERNEL, kernelActive, Fixtures.withoutLruDrain(Fixtures.facts())));
        assertEquals(KnownDifferences.LRU_BATCH_NOISE, a.explained().get(0).rule());
        CellTable otherFrame = table(anon(4, "p0", "r1", 0, 100), anon(4, "p0", "r1", 1, 8), new OpOutcome.ReadValue(0));
        assertInstanceOf(Verdict.Disagreement.class,
                c.compare(SCENARIO, KERNEL, otherFrame, Fixtures.withoutLruDrain(Fixtures.facts())));
    }

    @Test
    void everyStandardRuleHasAnIdAndAReason() {
        for (KnownDifference k : Stream.concat(KnownDifferences.standard().stream(),
                KnownDifferences.kernelNoise().stream()).toList()) {
            assertEquals(true, k.id().matches("[a-z0-9-]+"), k.id());
            assertEquals(true, k.reason().length() > 80, k.id());
        }
        assertEquals(4, KnownDifferences.standard().stream().map(KnownDifference::id).distinct().count());
    }

    private static final Scenario REFAULT = Fixtures.scenario("""
            file f1 "AB"
            mmap r1 2 file f1 private r
            read r1 0
            madvise r1 0 pageout
            read r1 0
            observe
            """);

    private static final Scenario NO_PAGEOUT_BEFORE = Fixtures.scenario("""
            file f1 "AB"
            mmap r1 2 file f1 private r
            read r1 0
            read r1 1
            read r1 0
            observe
            madvise r1 0 pageout
            """);

    /** A present page-cache page at r1[page], observed at step 5, active or not. */
    private static PageState cachePage(int page, boolean active) {
        EnumSet<PageFlag> flags = EnumSet.of(PageFlag.UPTODATE, PageFlag.LRU, PageFlag.MMAP);
        if (active) {
            flags.add(PageFlag.ACTIVE);
        }
        return new PageState(5, "p0", "r1", page, Vma.of(true, false, false, false), true, false, true, true,
                10 + page, 1, flags);
    }

    private static CellTable refaultTable(Scenario s, boolean page0Active, boolean page1Active) {
        List<StepOutcome> outcomes = s.steps().stream().map(step -> new StepOutcome(step.number(),
                (OpOutcome) new OpOutcome.Done())).toList();
        return CellTable.of(s, new Observations(outcomes, List.of(cachePage(0, page0Active),
                cachePage(1, page1Active)), List.of(), List.of()));
    }

    @Test
    void aRefaultedPageCachePageActiveOnlyInTheKernelIsTheWorkingsetDifference() {
        Verdict.Agreement a = assertInstanceOf(Verdict.Agreement.class, Comparison.kernelVersusModel().compare(
                REFAULT, refaultTable(REFAULT, true, false), refaultTable(REFAULT, false, false), Fixtures.facts()));
        assertEquals(List.of(new Verdict.Explained(new Difference(new Site(5, "p0", "r1[0]"), PageFlag.ACTIVE, "yes",
                "no"), KnownDifferences.WORKINGSET_REFAULT)), a.explained());
    }

    @Test
    void thePageoutMustHaveHitThatFilePageBeforeTheObservation() {
        Comparison c = Comparison.kernelVersusModel();
        Verdict.Disagreement otherPage = assertInstanceOf(Verdict.Disagreement.class, c.compare(REFAULT,
                refaultTable(REFAULT, false, true), refaultTable(REFAULT, false, false), Fixtures.facts()));
        assertEquals(new Site(5, "p0", "r1[1]"), otherPage.unexplained().get(0).site());
        Scenario later = NO_PAGEOUT_BEFORE;
        assertInstanceOf(Verdict.Disagreement.class, c.compare(later, refaultTable(later, true, false),
                refaultTable(later, false, false), Fixtures.facts()));
        assertInstanceOf(Verdict.Disagreement.class, c.compare(REFAULT, refaultTable(REFAULT, false, false),
                refaultTable(REFAULT, true, false), Fixtures.facts()), "model active, kernel not: not explained");
    }
}
