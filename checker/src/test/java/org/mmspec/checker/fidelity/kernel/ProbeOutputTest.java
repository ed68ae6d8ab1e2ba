package org.mmspec.checker.fidelity.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mmspec.checker.fidelity.observe.FileByte;
import org.mmspec.checker.fidelity.observe.FrameSample;
import org.mmspec.checker.fidelity.observe.HostFacts;
import org.mmspec.checker.fidelity.observe.OpOutcome;
import org.mmspec.checker.fidelity.observe.PageFlag;
import org.mmspec.checker.fidelity.observe.PageState;
import org.mmspec.checker.fidelity.observe.StepOutcome;
import org.mmspec.checker.fidelity.observe.Vma;
import org.mmspec.checker.fidelity.scenario.ParseResult;
import org.mmspec.checker.fidelity.scenario.ScenarioParser;

class ProbeOutputTest {

    static final String FACTS = """
            FACT probe_version 1
            FACT kernel_release 6.18.44-test
            FACT machine x86_64
            FACT page_size 4096
            FACT pagemap_pfn yes
            FACT zero_page_on_read_fault yes
            FACT madv_cold yes
            FACT madv_pageout no
            FACT swap_total_kb 0
            FACT thp_enabled madvise
            FACT lru_gen absent
            FACT ksm_run 0
            FACT fault_around_bytes unknown
            FACT lru_drain yes
            FACT workdir_fs ext4
            """;

    private static final ProbeProgram PROGRAM = ProbeProgram.compile(assertInstanceOf(ParseResult.Parsed.class,
            ScenarioParser.parse("t", """
                    file f1 "A"
                    mmap r1 2 anon private rw
                    fork p1
                    in p1: write r1 0
                    read r1 1
                    observe
                    """)).scenario());

    /**
     * Probe output of a host without the zero page (as the probe prints it when it stands in for
     * {@code mm_forbids_zeropage()}) configures the model with the switch; the extra fact line is ignored.
     */
    @Test
    void aHostWithoutTheZeroPageConfiguresTheModelWithTheSwitch() {
        String out = FACTS.replace("FACT zero_page_on_read_fault yes", "FACT zero_page_on_read_fault no\n"
                + "FACT zero_page_emulation mm_forbids_zeropage (the host's own: yes)");
        HostFacts without = assertInstanceOf(KernelRun.Completed.class, ProbeOutput.parseFacts(out)).facts();
        assertFalse(without.zeroPageOnReadFault());
        assertEquals("no", without.deciding().get("zero_page_on_read_fault"));
        assertTrue(org.mmspec.checker.fidelity.model.ModelMachine.forHost(without).config().mmForbidsZeropage());
        HostFacts with = assertInstanceOf(KernelRun.Completed.class, ProbeOutput.parseFacts(FACTS)).facts();
        assertFalse(org.mmspec.checker.fidelity.model.ModelMachine.forHost(with).config().mmForbidsZeropage());
    }

    @Test
    void decodesFactsOutcomesPagesSamplesAndFiles() {
        String out = FACTS + """
                S 1 ok
                L 1
                S 2 ok
                L 2
                S 3 ok
                L 3 1234
                S 4 value 0
                L 4 1234 3b34
                P 5 1 0 0 rw-p 81000000000004d2 1 0000000400005828
                P 5 1 0 1 rw-p 0000000000000000 0 0000000000000000
                P 5 0 0 1 rw-p 8000000000003b34 0 0000000101000000
                P 5 0 0 0 --- 4000000000000f02 0 0000000000000000
                S 5 ok
                C 0 0 65
                END
                """.replace("--- ", "- ");
        KernelRun.Completed run = assertInstanceOf(KernelRun.Completed.class, ProbeOutput.parse(out, PROGRAM));
        HostFacts f = run.facts();
        assertEquals("6.18.44-test", f.kernelRelease());
        assertEquals("6.18", f.kernelSeries());
        assertEquals(4096, f.pageSize());
        assertTrue(f.zeroPageOnReadFault());
        assertFalse(f.madvPageout());
        assertFalse(f.hasSwap());
        assertEquals(List.of(new StepOutcome(1, new OpOutcome.Done()), new StepOutcome(2, new OpOutcome.Done()),
                new StepOutcome(3, new OpOutcome.Done()), new StepOutcome(4, new OpOutcome.ReadValue(0)),
                new StepOutcome(5, new OpOutcome.Done())), run.observations().outcomes());
        assertEquals(new FrameSample(4, Set.of(0x1234L, 0x3b34L)), run.observations().frameSamples().get(3));
        List<PageState> pages = run.observations().pages();
        assertEquals(new PageState(5, "p1", "r1", 0, Vma.of(true, true, false, false), true, false, true, false,
                0x4d2, 1, EnumSet.of(PageFlag.UPTODATE, PageFlag.LRU, PageFlag.MMAP, PageFlag.ANON,
                        PageFlag.SWAPBACKED)), pages.get(0));
        assertEquals(new PageState(5, "p0", "r1", 1, Vma.of(true, true, false, false), true, false, false, false,
                0x3b34, 0, EnumSet.of(PageFlag.ZERO)), pages.get(2));
        PageState swapped = pages.get(3);
        assertEquals(Vma.NONE, swapped.vma());
        assertTrue(swapped.swapped());
        assertFalse(swapped.present());
        assertEquals(0xf02, swapped.frame());
        assertEquals(Set.of(), swapped.flags());
        assertEquals(List.of(new FileByte("f1", 0, 'A')), run.observations().fileContents());
    }

    @Test
    void probeErrorsAndTruncatedOutputAreFailures() {
        assertEquals(new KernelRun.Failed("probe error: cannot open /proc/kpageflags: Permission denied"),
                ProbeOutput.parse(FACTS + "ERROR cannot open /proc/kpageflags: Permission denied\n", PROGRAM));
        assertEquals(new KernelRun.Failed("probe output ended without END"),
                ProbeOutput.parse(FACTS + "S 1 ok\n", PROGRAM));
        assertInstanceOf(KernelRun.Failed.class, ProbeOutput.parse("S 1 ok\nEND\n", PROGRAM));
        assertEquals(new KernelRun.Failed("unexpected line: hello"), ProbeOutput.parse(FACTS + "hello\nEND\n", PROGRAM));
    }

    @Test
    void aBadPageLineNeverShowsItsRawFrameNumber() {
        KernelRun.Failed f = assertInstanceOf(KernelRun.Failed.class,
                ProbeOutput.parse(FACTS + "P 5 0 0 0 bogus 81000000000004d2 1 0\nEND\n", PROGRAM));
        assertEquals("bad page line", f.reason());
        assertFalse(f.reason().contains("4d2"));
    }

    @Test
    void factsOnlyOutputGivesFactsAndNoObservations() {
        KernelRun.Completed c = assertInstanceOf(KernelRun.Completed.class, ProbeOutput.parseFacts(FACTS + "END\n"));
        assertEquals("ext4", c.facts().workdirFs());
        assertTrue(c.observations().pages().isEmpty());
    }
}
