package org.mmspec.checker.fidelity.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmspec.checker.fidelity.Fixtures;
import org.mmspec.checker.fidelity.observe.CellTable;
import org.mmspec.checker.fidelity.observe.Field;
import org.mmspec.checker.fidelity.observe.HostFacts;
import org.mmspec.checker.fidelity.observe.Observations;
import org.mmspec.checker.fidelity.observe.OpOutcome;
import org.mmspec.checker.fidelity.observe.PageField;
import org.mmspec.checker.fidelity.observe.PageFlag;
import org.mmspec.checker.fidelity.observe.RunField;
import org.mmspec.checker.fidelity.observe.Site;
import org.mmspec.checker.fidelity.observe.StepOutcome;
import org.mmspec.checker.fidelity.scenario.ParseResult;
import org.mmspec.checker.fidelity.scenario.Scenario;
import org.mmspec.checker.fidelity.scenario.ScenarioCatalog;
import org.mmspec.ref.state.Config;

/**
 * The reference implementation as a fidelity model, without the kernel (these run on every machine):
 * what it observes for textbook cases, that every bundled scenario runs on it, and how it reports a step
 * the model cannot perform.
 */
class ReferenceModelTest {

    private static final HostFacts FACTS = Fixtures.facts();

    private static CellTable run(Scenario s) {
        return CellTable.of(s, new ReferenceModel().run(s, FACTS));
    }

    private static String at(CellTable t, int step, String process, String place, Field f) {
        return t.get(new Site(step, process, place), f).orElse("(none)");
    }

    static List<String> scenarios() {
        return ScenarioCatalog.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyBundledScenarioRunsOnTheModelTheSameWayTwice(String name) {
        Scenario s = assertInstanceOf(ParseResult.Parsed.class, ScenarioCatalog.load(name)).scenario();
        Observations first = new ReferenceModel().run(s, FACTS);
        for (StepOutcome o : first.outcomes()) {
            assertFalse(o.outcome() instanceof OpOutcome.ModelFailure, name + " step " + o.step() + ": " + o.outcome());
        }
        assertEquals(CellTable.of(s, first), CellTable.of(s, new ReferenceModel().run(s, FACTS)));
    }

    @Test
    void aReadFaultMapsTheZeroPageAndAWriteAFreshAnonymousPage() {
        Scenario s = Fixtures.scenario("""
                mmap r1 2 anon private rw
                read r1 0
                write r1 1
                observe
                read r1 1
                """);
        CellTable t = run(s);
        assertEquals("ZERO", at(t, 4, "p0", "r1[0]", PageField.FRAME));
        assertEquals("0", at(t, 4, "p0", "r1[0]", PageField.MAPCOUNT));
        assertEquals("yes", at(t, 4, "p0", "r1[0]", PageFlag.ZERO));
        assertEquals("F1", at(t, 4, "p0", "r1[1]", PageField.FRAME));
        assertEquals("yes", at(t, 4, "p0", "r1[1]", PageField.EXCLUSIVE));
        assertEquals("yes", at(t, 4, "p0", "r1[1]", PageFlag.ANON));
        assertEquals("no", at(t, 4, "p0", "r1[1]", PageFlag.DIRTY), "dirty in the PTE only, not PG_dirty");
        assertEquals("value:a", at(t, 5, "p0", "-", RunField.OUTCOME));
    }

    @Test
    void aChildsWriteAfterForkCopiesThePage() {
        Scenario s = Fixtures.scenario("""
                mmap r1 1 anon private rw
                write r1 0
                fork p1
                observe
                in p1: write r1 0
                observe
                read r1 0
                in p1: read r1 0
                """);
        CellTable t = run(s);
        assertEquals("2", at(t, 4, "p0", "r1[0]", PageField.MAPCOUNT));
        assertEquals(at(t, 4, "p0", "r1[0]", PageField.FRAME), at(t, 4, "p1", "r1[0]", PageField.FRAME));
        assertEquals("1", at(t, 6, "p0", "r1[0]", PageField.MAPCOUNT));
        assertEquals("F1", at(t, 6, "p0", "r1[0]", PageField.FRAME));
        assertEquals("F2", at(t, 6, "p1", "r1[0]", PageField.FRAME));
        assertEquals("value:a", at(t, 7, "p0", "-", RunField.OUTCOME));
        assertEquals("value:b", at(t, 8, "p1", "-", RunField.OUTCOME));
    }

    @Test
    void filesStartCachedCleanAndInactiveAndAReadFaultMapsTheNeighboursToo() {
        Scenario s = Fixtures.scenario("""
                file f1 "AB"
                mmap r1 2 file f1 private r
                read r1 0
                observe
                """);
        CellTable t = run(s);
        assertEquals("yes", at(t, 3, "p0", "r1[1]", PageField.PRESENT), "fault-around");
        assertEquals("yes", at(t, 3, "p0", "r1[1]", PageField.FILE));
        for (PageFlag f : List.of(PageFlag.DIRTY, PageFlag.ACTIVE, PageFlag.REFERENCED, PageFlag.ANON)) {
            assertEquals("no", at(t, 3, "p0", "r1[0]", f), f.label());
        }
        assertEquals("yes", at(t, 3, "p0", "r1[0]", PageFlag.LRU));
        assertEquals("A", at(t, Site.END, "-", "f1[0]", RunField.CONTENT));
    }

    @Test
    void withoutFaultAroundOnlyTheFaultingPageIsMapped() {
        Scenario s = Fixtures.scenario("""
                file f1 "AB"
                mmap r1 2 file f1 private r
                read r1 0
                observe
                """);
        ReferenceModel noFaultAround = new ReferenceModel(f -> new ModelMachine(
                ModelMachine.forHost(f).config().toBuilder().faultAroundPages(1).build()));
        CellTable t = CellTable.of(s, noFaultAround.run(s, FACTS));
        assertEquals("yes", at(t, 3, "p0", "r1[0]", PageField.PRESENT));
        assertEquals("no", at(t, 3, "p0", "r1[1]", PageField.PRESENT));
    }

    @Test
    void systemCallErrorsAndSignalsAreOutcomes() {
        Scenario s = Fixtures.scenario("""
                file f1 "A"
                mmap r1 1 anon private r
                mmap r2 2 file f1 private r
                write r1 0
                read r2 1
                munmap r1
                read r1 0
                mprotect r1 rw
                observe
                """);
        CellTable t = run(s);
        assertEquals("segv", at(t, 3, "p0", "-", RunField.OUTCOME));
        assertEquals("sigbus", at(t, 4, "p0", "-", RunField.OUTCOME));
        assertEquals("ok", at(t, 5, "p0", "-", RunField.OUTCOME));
        assertEquals("segv", at(t, 6, "p0", "-", RunField.OUTCOME));
        assertEquals("error:ENOMEM", at(t, 7, "p0", "-", RunField.OUTCOME));
    }

    @Test
    void anExitedProcessLeavesItsPagesToTheOthers() {
        Scenario s = Fixtures.scenario("""
                mmap r1 1 anon private rw
                write r1 0
                fork p1
                in p1: exit
                observe
                """);
        CellTable t = run(s);
        assertEquals("1", at(t, 5, "p0", "r1[0]", PageField.MAPCOUNT));
        assertEquals("yes", at(t, 5, "p0", "r1[0]", PageField.EXCLUSIVE));
        assertEquals(Optional.empty(), t.get(new Site(5, "p1", "r1[0]"), PageField.PRESENT));
    }

    @Test
    void withSwapPageoutLeavesASwapEntry() {
        Scenario s = Fixtures.scenario("""
                mmap r1 1 anon private rw
                write r1 0
                madvise r1 pageout
                observe
                read r1 0
                """);
        HostFacts withSwap = new HostFacts(FACTS.kernelRelease(), FACTS.machine(), FACTS.pageSize(),
                FACTS.pagemapPfn(), FACTS.zeroPageOnReadFault(), FACTS.madvCold(), FACTS.madvPageout(), 1024,
                FACTS.thpEnabled(), FACTS.lruGen(), FACTS.ksmRun(), FACTS.faultAroundBytes(), FACTS.lruDrain(),
                FACTS.workdirFs());
        CellTable t = CellTable.of(s, new ReferenceModel().run(s, withSwap));
        assertEquals("yes", at(t, 4, "p0", "r1[0]", PageField.SWAPPED));
        assertEquals("S1", at(t, 4, "p0", "r1[0]", PageField.FRAME));
        assertEquals("value:a", at(t, 5, "p0", "-", RunField.OUTCOME));
        CellTable noSwap = run(s);
        assertEquals("yes", at(noSwap, 4, "p0", "r1[0]", PageField.PRESENT));
        assertEquals("yes", at(noSwap, 4, "p0", "r1[0]", PageFlag.ACTIVE));
    }

    @Test
    void aStepTheModelCannotPerformIsReportedAsAModelFailure() {
        Scenario s = Fixtures.scenario("""
                mmap r1 16 anon private rw
                write r1 0
                write r1 1
                write r1 2
                write r1 3
                observe
                """);
        ReferenceModel tiny = new ReferenceModel(f -> new ModelMachine(ModelMachine.forHost(f).config().toBuilder()
                .nrPages(4).maxOrder(1).build()));
        List<StepOutcome> outcomes = tiny.run(s, FACTS).outcomes();
        OpOutcome last = outcomes.get(outcomes.size() - 2).outcome();
        OpOutcome.ModelFailure failure = assertInstanceOf(OpOutcome.ModelFailure.class, last);
        assertTrue(failure.text().startsWith("model-failure("), failure.text());
    }

    @Test
    void faultAroundFollowsTheHostsSettingWhenKnown() {
        assertEquals(Config.DEFAULT_FAULT_AROUND_PAGES, ModelMachine.faultAroundPages("unknown"));
        assertEquals(16, ModelMachine.faultAroundPages("65536"));
        assertEquals(1, ModelMachine.faultAroundPages("4096"));
        assertEquals(4, ModelMachine.faultAroundPages("20000"));
    }
}
