package org.mmspec.checker.fidelity.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.mmspec.checker.fidelity.Fixtures.anon;
import static org.mmspec.checker.fidelity.Fixtures.none;
import static org.mmspec.checker.fidelity.Fixtures.zero;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mmspec.checker.fidelity.Fixtures;
import org.mmspec.checker.fidelity.observe.CellTable;
import org.mmspec.checker.fidelity.observe.FileByte;
import org.mmspec.checker.fidelity.observe.Observations;
import org.mmspec.checker.fidelity.observe.OpOutcome;
import org.mmspec.checker.fidelity.observe.StepOutcome;
import org.mmspec.checker.fidelity.scenario.Diagnostic;
import org.mmspec.checker.fidelity.scenario.Scenario;

class GoldenFormatTest {

    private static final Scenario SCENARIO = Fixtures.scenario("""
            file f1 "A"
            mmap r1 3 anon private rw
            write r1 0
            read r1 1
            observe
            """);

    private static final CellTable TABLE = CellTable.of(SCENARIO, new Observations(
            List.of(new StepOutcome(1, new OpOutcome.Done()), new StepOutcome(2, new OpOutcome.Done()),
                    new StepOutcome(3, new OpOutcome.ReadValue(0))),
            List.of(anon(4, "p0", "r1", 0, 10), zero(4, "p0", "r1", 1, 11), none(4, "p0", "r1", 2)),
            List.of(new FileByte("f1", 0, 'A')), List.of()));

    @Test
    void rendersOneReadableLinePerOutcomeAndPage() {
        String text = GoldenFormat.render(SCENARIO, Fixtures.facts(), TABLE);
        assertEquals("""
                # host: kernel_series=6.18 lru_drain=yes lru_gen=off madv_cold=yes madv_pageout=yes page_size=4096 \
                swap=no workdir_fs=ext4 zero_page_on_read_fault=yes
                step 1 p0 outcome=ok  # mmap r1 3 anon private rw
                step 2 p0 outcome=ok  # write r1 0
                step 3 p0 outcome=value:0x00  # read r1 1
                step 4 p0 r1[0] vma=rw-p present=yes swapped=no exclusive=yes file=no frame=F1 mapcount=1 \
                flags=uptodate,lru,mmap,anon,swapbacked
                step 4 p0 r1[1] vma=rw-p present=yes swapped=no exclusive=no file=no frame=ZERO mapcount=0 flags=zero
                step 4 p0 r1[2] vma=rw-p present=no swapped=no exclusive=no file=no frame=- mapcount=- flags=-
                end - f1[0] content=A
                """, text.substring(text.indexOf("# host:")));
    }

    @Test
    void readsBackWhatItWrote() {
        Golden g = assertInstanceOf(GoldenParse.Read.class,
                GoldenFormat.parse(GoldenFormat.render(SCENARIO, Fixtures.facts(), TABLE))).golden();
        assertEquals(TABLE, g.table());
        assertEquals(Fixtures.facts().deciding(), g.deciding());
    }

    @Test
    void flagsNoneMeansEveryFlagClear() {
        Golden g = assertInstanceOf(GoldenParse.Read.class,
                GoldenFormat.parse("step 4 p0 r1[0] present=yes flags=none\n")).golden();
        assertEquals(19, g.table().size());
        assertEquals(18, g.table().cells().stream().filter(c -> c.value().equals("no")).count());
    }

    @Test
    void malformedLinesAreReportedWithTheirLine() {
        assertEquals(new GoldenParse.Malformed(new Diagnostic(2, 1, "unknown field 'colour'")),
                GoldenFormat.parse("# comment\nstep 4 p0 r1[0] colour=red\n"));
        assertEquals(new GoldenParse.Malformed(new Diagnostic(1, 1,
                "expected 'step <n> <process> ...' or 'end - <place> ...'")), GoldenFormat.parse("stop 4\n"));
        assertEquals(new GoldenParse.Malformed(new Diagnostic(1, 1, "expected field=value, found 'present'")),
                GoldenFormat.parse("step 4 p0 r1[0] vma=rw-p present\n"));
    }
}
