package org.mmspec.checker.fidelity.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mmspec.checker.fidelity.Fixtures.anon;
import static org.mmspec.checker.fidelity.Fixtures.none;
import static org.mmspec.checker.fidelity.Fixtures.zero;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mmspec.checker.fidelity.Fixtures;
import org.mmspec.checker.fidelity.scenario.Scenario;

class CellTableTest {

    private static final Scenario SCENARIO = Fixtures.scenario("""
            file f1 "A"
            mmap r1 2 anon private rw
            write r1 0
            read r1 1
            fork p1
            observe
            in p1: madvise r1 0 dontneed
            in p1: write r1 0
            observe
            """);

    private static String value(CellTable t, int step, String process, String place, Field field) {
        return t.get(new Site(step, process, place), field).orElseThrow();
    }

    private static List<StepOutcome> okOutcomes() {
        return List.of(1, 2, 3, 4, 6, 7).stream().map(i -> new StepOutcome(i,
                i == 3 ? new OpOutcome.ReadValue(0) : new OpOutcome.Done())).toList();
    }

    @Test
    void labelsFramesInCanonicalOrderWhateverTheRawNumbersAndListOrder() {
        List<PageState> pages = List.of(
                anon(8, "p1", "r1", 0, 9000), zero(8, "p1", "r1", 1, 77),
                anon(8, "p0", "r1", 0, 5000), zero(8, "p0", "r1", 1, 77),
                anon(5, "p1", "r1", 0, 5000), zero(5, "p1", "r1", 1, 77),
                anon(5, "p0", "r1", 0, 5000), zero(5, "p0", "r1", 1, 77));
        CellTable t = CellTable.of(SCENARIO, new Observations(okOutcomes(), pages, List.of(new FileByte("f1", 0, 'A')),
                List.of()));
        assertEquals("F1", value(t, 5, "p0", "r1[0]", PageField.FRAME));
        assertEquals("F1", value(t, 5, "p1", "r1[0]", PageField.FRAME));
        assertEquals("ZERO", value(t, 5, "p1", "r1[1]", PageField.FRAME));
        assertEquals("F2", value(t, 8, "p1", "r1[0]", PageField.FRAME));
        assertEquals("value:0x00", value(t, 3, "p0", "-", RunField.OUTCOME));
        assertEquals("A", value(t, Site.END, "-", "f1[0]", RunField.CONTENT));
        assertEquals("yes", value(t, 5, "p0", "r1[0]", PageFlag.ANON));
        assertEquals("1", value(t, 5, "p0", "r1[0]", PageField.MAPCOUNT));
    }

    @Test
    void aFrameThatWasUnmappedEverywhereIsANewAllocationWhenItReturns() {
        Scenario s = Fixtures.scenario("""
                mmap r1 1 anon private rw
                write r1 0
                observe
                madvise r1 dontneed
                write r1 0
                observe
                """);
        List<PageState> pages = List.of(anon(3, "p0", "r1", 0, 42), anon(6, "p0", "r1", 0, 42));
        List<StepOutcome> ok = List.of(1, 2, 4, 5).stream().map(i -> new StepOutcome(i, new OpOutcome.Done())).toList();
        CellTable reused = CellTable.of(s, new Observations(ok, pages, List.of(), List.of(
                new FrameSample(1, Set.of()), new FrameSample(2, Set.of(42L)), new FrameSample(4, Set.of()),
                new FrameSample(5, Set.of(42L)))));
        assertEquals("F1", value(reused, 3, "p0", "r1[0]", PageField.FRAME));
        assertEquals("F2", value(reused, 6, "p0", "r1[0]", PageField.FRAME));
        CellTable unsampled = CellTable.of(s, new Observations(ok, pages, List.of(), List.of()));
        assertEquals("F1", value(unsampled, 6, "p0", "r1[0]", PageField.FRAME));
    }

    @Test
    void missingPagesAndOutcomesAreAbsentAndNotPresentPagesHaveNoFrameFields() {
        CellTable t = CellTable.of(SCENARIO, new Observations(List.of(), List.of(none(5, "p0", "r1", 0)), List.of(),
                List.of()));
        assertEquals(CellTable.ABSENT, value(t, 1, "p0", "-", RunField.OUTCOME));
        assertEquals(CellTable.ABSENT, value(t, 5, "p1", "r1[0]", PageField.PRESENT));
        assertEquals(CellTable.ABSENT, value(t, Site.END, "-", "f1[0]", RunField.CONTENT));
        assertEquals("no", value(t, 5, "p0", "r1[0]", PageField.PRESENT));
        assertEquals("-", value(t, 5, "p0", "r1[0]", PageField.FRAME));
        assertEquals("-", value(t, 5, "p0", "r1[0]", PageField.MAPCOUNT));
        assertEquals("-", value(t, 5, "p0", "r1[0]", PageFlag.DIRTY));
        assertEquals("rw-p", value(t, 5, "p0", "r1[0]", PageField.VMA));
    }

    @Test
    void pagesThePlanDoesNotNameAreKeptAtTheEnd() {
        CellTable t = CellTable.of(SCENARIO, new Observations(List.of(), List.of(anon(2, "p0", "r1", 0, 1)), List.of(),
                List.of()));
        assertEquals("yes", value(t, 2, "p0", "r1[0]", PageField.PRESENT));
        assertEquals(new Site(2, "p0", "r1[0]"), t.keys().get(t.size() - 1 - 1 /* file cell last */).site());
    }

    @Test
    void swapEntriesGetTheirOwnLabels() {
        Scenario s = Fixtures.scenario("mmap r1 2 anon private rw\nobserve\n");
        PageState swapped = new PageState(2, "p0", "r1", 0, Vma.of(true, true, false, false), false, true, false,
                false, 0x301, 0, Set.of());
        CellTable t = CellTable.of(s, new Observations(List.of(), List.of(swapped, anon(2, "p0", "r1", 1, 0x301)),
                List.of(), List.of()));
        assertEquals("S1", value(t, 2, "p0", "r1[0]", PageField.FRAME));
        assertEquals("F1", value(t, 2, "p0", "r1[1]", PageField.FRAME));
    }
}
