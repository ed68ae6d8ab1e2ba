package org.mmspec.checker.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mmspec.checker.fidelity.kernel.Availability;
import org.mmspec.checker.fidelity.kernel.KernelRun;
import org.mmspec.checker.fidelity.observe.CellTable;
import org.mmspec.checker.fidelity.observe.Field;
import org.mmspec.checker.fidelity.observe.PageField;
import org.mmspec.checker.fidelity.observe.PageFlag;
import org.mmspec.checker.fidelity.observe.RunField;
import org.mmspec.checker.fidelity.observe.Site;
import org.mmspec.checker.fidelity.scenario.ParseResult;
import org.mmspec.checker.fidelity.scenario.Scenario;
import org.mmspec.checker.fidelity.scenario.ScenarioCatalog;

/**
 * The probe measures what it claims: textbook facts about Linux MM, checked on the live kernel field by
 * field (independently of the goldens).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KernelSemanticsTest {

    private LiveKernel kernel;

    @BeforeAll
    void checkHost() {
        kernel = new LiveKernel();
    }

    private CellTable run(String name) {
        return run(name, KernelMode.HOST);
    }

    private CellTable run(String name, KernelMode mode) {
        Availability.Ready ready = kernel.require();
        Scenario s = assertInstanceOf(ParseResult.Parsed.class, ScenarioCatalog.load(name)).scenario();
        LiveKernel.assumeFeatures(s, ready.facts());
        return switch (mode.runner(ready).run(s)) {
            case KernelRun.Completed c -> CellTable.of(s, c.observations());
            case KernelRun.Failed f -> fail(f.reason());
        };
    }

    private static String at(CellTable t, int step, String process, String place, Field field) {
        return t.get(new Site(step, process, place), field).orElseThrow();
    }

    @Test
    void aReadFaultMapsTheZeroPageAndAWriteFaultAFreshAnonPage() {
        CellTable t = run("anon-read-then-write");
        if (!kernel.require().facts().zeroPageOnReadFault()) {
            aReadFaultMapsAFreshAnonPage(t);
            return;
        }
        assertEquals("ZERO", at(t, 3, "p0", "r1[0]", PageField.FRAME));
        assertEquals("yes", at(t, 3, "p0", "r1[0]", PageFlag.ZERO));
        assertEquals("no", at(t, 3, "p0", "r1[0]", PageField.EXCLUSIVE));
        assertEquals("0", at(t, 3, "p0", "r1[0]", PageField.MAPCOUNT));
        assertEquals("F1", at(t, 5, "p0", "r1[0]", PageField.FRAME));
        assertEquals("yes", at(t, 5, "p0", "r1[0]", PageFlag.ANON));
        assertEquals("yes", at(t, 5, "p0", "r1[0]", PageField.EXCLUSIVE));
        assertEquals("1", at(t, 5, "p0", "r1[0]", PageField.MAPCOUNT));
        assertEquals("value:a", at(t, 6, "p0", "-", RunField.OUTCOME));
    }

    @Test
    void forkSharesThePageUntilTheChildWritesThenEachHasItsOwn() {
        CellTable shared = run("fork-shares-written-page");
        assertEquals(at(shared, 4, "p0", "r1[0]", PageField.FRAME), at(shared, 4, "p1", "r1[0]", PageField.FRAME));
        assertEquals("2", at(shared, 4, "p1", "r1[0]", PageField.MAPCOUNT));
        assertEquals("no", at(shared, 4, "p0", "r1[0]", PageField.EXCLUSIVE));
        CellTable copied = run("fork-child-writes");
        assertNotEquals(at(copied, 5, "p0", "r1[0]", PageField.FRAME), at(copied, 5, "p1", "r1[0]", PageField.FRAME));
        assertEquals("1", at(copied, 5, "p0", "r1[0]", PageField.MAPCOUNT));
        assertEquals("1", at(copied, 5, "p1", "r1[0]", PageField.MAPCOUNT));
        assertEquals("value:a", at(copied, 6, "p0", "-", RunField.OUTCOME));
        assertEquals("value:b", at(copied, 7, "p1", "-", RunField.OUTCOME));
    }

    @Test
    void aWriteToAReadOnlyMappingIsASegmentationFaultOutcome() {
        CellTable t = run("mprotect-readonly-write-segv");
        assertEquals("segv", at(t, 4, "p0", "-", RunField.OUTCOME));
        assertEquals("value:a", at(t, 5, "p0", "-", RunField.OUTCOME));
        assertEquals("r--p", at(t, 6, "p0", "r1[0]", PageField.VMA));
    }

    @Test
    void aPrivateWriteToAFileMappingCopiesIntoAnAnonPageAndLeavesTheFile() {
        CellTable t = run("file-private-write-cow");
        assertEquals("yes", at(t, 3, "p0", "r1[0]", PageField.FILE));
        assertEquals("no", at(t, 5, "p0", "r1[0]", PageField.FILE));
        assertEquals("yes", at(t, 5, "p0", "r1[0]", PageFlag.ANON));
        assertEquals("value:a", at(t, 6, "p0", "-", RunField.OUTCOME));
        assertEquals("A", at(t, Site.END, "-", "f1[0]", RunField.CONTENT));
    }

    @Test
    void aSharedWriteReachesTheFileAndDirtiesThePageCachePage() {
        CellTable t = run("file-shared-write");
        assertEquals("yes", at(t, 3, "p0", "r1[0]", PageFlag.DIRTY));
        assertEquals("no", at(t, 3, "p0", "r1[0]", PageFlag.ANON));
        assertEquals("a", at(t, Site.END, "-", "f1[0]", RunField.CONTENT));
    }

    @Test
    void touchingBeyondTheEndOfTheFileIsABusError() {
        assertEquals("sigbus", at(run("file-beyond-eof-sigbus"), 2, "p0", "-", RunField.OUTCOME));
    }

    @Test
    void munmapRemovesTheVmaAndTheTouchFaults() {
        CellTable t = run("munmap-middle-page");
        assertEquals("-", at(t, 6, "p0", "r1[1]", PageField.VMA));
        assertEquals("no", at(t, 6, "p0", "r1[1]", PageField.PRESENT));
        assertEquals("segv", at(t, 7, "p0", "-", RunField.OUTCOME));
    }

    @Test
    void pageoutReclaimsACleanFilePage() {
        CellTable t = run("pageout-file-clean");
        assertEquals("yes", at(t, 3, "p0", "r1[0]", PageField.PRESENT));
        assertEquals("no", at(t, 5, "p0", "r1[0]", PageField.PRESENT));
        assertEquals("F2", at(t, 7, "p0", "r1[0]", PageField.FRAME));
    }

    /** The probe's stand-in for {@code mm_forbids_zeropage()} does what such a kernel does. */
    @Test
    void withoutTheZeroPageAReadFaultMapsAFreshAnonPage() {
        aReadFaultMapsAFreshAnonPage(run("anon-read-then-write", KernelMode.NO_ZERO_PAGE));
    }

    /** {@code do_anonymous_page()} with {@code mm_forbids_zeropage()}: the read allocates; the write reuses it. */
    private static void aReadFaultMapsAFreshAnonPage(CellTable t) {
        assertEquals("F1", at(t, 3, "p0", "r1[0]", PageField.FRAME));
        assertEquals("no", at(t, 3, "p0", "r1[0]", PageFlag.ZERO));
        assertEquals("yes", at(t, 3, "p0", "r1[0]", PageFlag.ANON));
        assertEquals("yes", at(t, 3, "p0", "r1[0]", PageField.EXCLUSIVE));
        assertEquals("1", at(t, 3, "p0", "r1[0]", PageField.MAPCOUNT));
        assertEquals("F1", at(t, 5, "p0", "r1[0]", PageField.FRAME), "the write needs no new page");
        assertEquals("value:a", at(t, 6, "p0", "-", RunField.OUTCOME));
    }
}
