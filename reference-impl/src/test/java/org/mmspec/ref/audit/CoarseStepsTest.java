package org.mmspec.ref.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pgtable.PageTables;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.proc.UserAccess;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.KernelState;
import org.mmspec.ref.system.KernelSystem;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.vma.Mms;
import org.mmspec.ref.vma.VmFlags;
import org.mmspec.spec.semantics.Fault;

/**
 * Too-coarse steps of each kind, built as test-only procedures of a machine ({@link Kernel.Extension})
 * and run through the executor with the audit on: each is reported as a model error naming the rule, both
 * accesses with their code points (procedure and program point) and their Java source lines — and the same
 * code cut at the synchronisation points passes.
 */
class CoarseStepsTest {

    /** Two atomic read-modify-writes of a mapped page in one step: {@code get_page} and {@code SetPageDirty}. */
    static final class TwoAtomics extends Procedure {
        private final Pages pages;

        TwoAtomics(Pages pages) {
            super("test_two_atomics", "get_page_and_set_dirty", "set_dirty");
            this.pages = pages;
        }

        @Override
        protected Flow run(Ctx c, int pc) {
            int pfn = c.local(0);
            if (pc == 0) {
                pages.refs().getPage(pfn);
                if (c.local(1) != 0) {
                    return c.yieldTo(1);
                }
            }
            pages.setPageFlag(pfn, PageFlag.DIRTY);
            return c.ret(0);
        }
    }

    /** A PTE cleared without its PTE lock. */
    static final class UnguardedPteWrite extends Procedure {
        private final PageTables pageTables;

        UnguardedPteWrite(PageTables pageTables) {
            super("test_unguarded_pte_write", "ptep_get_and_clear");
            this.pageTables = pageTables;
        }

        @Override
        protected Flow run(Ctx c, int pc) {
            pageTables.ptepGetAndClear(c.local(0));
            return c.ret(0);
        }
    }

    /** {@code get_page} and then {@code down_read(mmap_sem)} in one step. */
    static final class BlockingMidStep extends Procedure {
        private final Pages pages;
        private final Mms mms;

        BlockingMidStep(Pages pages, Mms mms) {
            super("test_blocking_mid_step", "get_page_then_down_read", "down_read");
            this.pages = pages;
            this.mms = mms;
        }

        @Override
        protected Flow run(Ctx c, int pc) {
            if (pc == 0) {
                pages.refs().getPage(c.local(0));
                if (c.local(2) != 0) {
                    return c.yieldTo(1);
                }
            }
            if (!mms.downRead(c.local(1))) {
                return Flow.BLOCK;
            }
            mms.upRead(c.local(1));
            return c.ret(0);
        }
    }

    private static final Kernel.Extension TESTS = k -> List.of(new TwoAtomics(k.pages()),
            new UnguardedPteWrite(k.pageTables()), new BlockingMidStep(k.pages(), k.mms()));

    private record Setup(KernelSystem system, KernelState initial) {
    }

    /** A machine with one mapped anonymous page and one thread running {@code p} on it. */
    private static Setup setup(Class<? extends Procedure> p, boolean cut) {
        Config config = Config.small().toBuilder().nrThreads(1).build();
        Kernel k = Kernel.boot(config, TESTS);
        int mm = k.mms().mmAlloc();
        int addr = k.mmap().doMmapPgoff(mm, -1, 0, 4096, VmFlags.PROT_READ | VmFlags.PROT_WRITE,
                VmFlags.MAP_PRIVATE | VmFlags.MAP_ANONYMOUS, 0);
        k.run(UserAccess.class, mm, addr, 1, 5);
        int ptep = k.pageTables().walk(mm, addr);
        int pfn = Pte.ptePfn(k.pageTables().pteValue(mm, addr));
        int a0 = p == UnguardedPteWrite.class ? ptep : pfn;
        k.spawn(0, p, a0, p == BlockingMidStep.class ? mm : cut ? 1 : 0, cut ? 1 : 0, 0);
        KernelState initial = k.state();
        return new Setup(new KernelSystem(config, initial, List.of("T0"), AuditMode.CHECK, TESTS), initial);
    }

    private static Fault firstStepFault(Class<? extends Procedure> p) {
        Setup s = setup(p, false);
        KernelState next = s.system().step(s.initial(), 0);
        assertNotNull(next);
        Fault f = s.system().fault(next);
        assertNotNull(f, "the coarse step was not flagged");
        assertEquals(Fault.Kind.MODEL_ERROR, f.kind(), f.message());
        return f;
    }

    @Test
    void twoNonMoversInOneStepAreFlaggedWithBothCodePoints() {
        Fault f = firstStepFault(TwoAtomics.class);
        assertTrue(f.message().contains("two non-movers in one step"), f.message());
        assertTrue(f.message().contains("atomic RMW of page[") && f.message().contains("._refcount"), f.message());
        assertTrue(f.message().contains("page[") && f.message().contains("PG_dirty"), f.message());
        assertEquals(2, count(f.message(), "at test_two_atomics:get_page_and_set_dirty"), f.message());
        assertTrue(f.message().contains("java: PageRefs.java:") && f.message().contains("Pages.java:")
                && f.message().contains("CoarseStepsTest.java:"),
                f.message());
    }

    @Test
    void anUnguardedPteWriteIsFlagged() {
        Fault f = firstStepFault(UnguardedPteWrite.class);
        assertTrue(f.message().contains("breaks its region's discipline"), f.message());
        assertTrue(f.message().contains("pte(mm1, 0x1000)") && f.message().contains("ptl(mm, table)"), f.message());
        assertTrue(f.message().contains("at test_unguarded_pte_write:ptep_get_and_clear"), f.message());
    }

    @Test
    void aBlockingAcquisitionMidStepIsFlaggedWithBothCodePoints() {
        Fault f = firstStepFault(BlockingMidStep.class);
        assertTrue(f.message().contains("blocking acquisition that is not the first action"), f.message());
        assertTrue(f.message().contains("atomic RMW of page[") && f.message().contains("down_read of mm1.mmap_sem"),
                f.message());
        assertEquals(2, count(f.message(), "at test_blocking_mid_step:get_page_then_down_read"), f.message());
        assertTrue(f.message().contains("Locks.java:") && f.message().contains("PageRefs.java:"), f.message());
    }

    @Test
    void theSameWorkCutAtTheSynchronisationPointsPasses() {
        for (Class<? extends Procedure> p : List.of(TwoAtomics.class, BlockingMidStep.class)) {
            Setup s = setup(p, true);
            KernelState state = s.initial();
            for (int i = 0; i < 2; i++) {
                state = s.system().step(state, 0);
                assertNotNull(state, p.getSimpleName());
                assertNull(s.system().fault(state), p.getSimpleName());
            }
            assertTrue(s.system().audit().orElseThrow().steps() >= 2);
        }
    }

    /**
     * docs/model.md shows the report of {@link TwoAtomics} (between the {@code audit-example} markers, with the
     * Java line numbers as they are; regenerate with {@code -Dmmspec.updateDocs=true}).
     */
    @Test
    void theDocsShowTheReportOfATooCoarseStep() throws IOException {
        Path docs = Path.of("..", "docs", "model.md");
        String doc = Files.readString(docs);
        String begin = "<!-- audit-example -->\n```\n";
        String end = "```\n<!-- /audit-example -->";
        int from = doc.indexOf(begin);
        int to = doc.indexOf(end);
        assertTrue(from >= 0 && to > from, "audit-example markers not found in docs/model.md");
        String report = "model error: " + firstStepFault(TwoAtomics.class).message() + "\n";
        if (Boolean.getBoolean("mmspec.updateDocs")) {
            Files.writeString(docs, doc.substring(0, from + begin.length()) + report + doc.substring(to));
            doc = Files.readString(docs);
            to = doc.indexOf(end);
        }
        assertEquals(report, doc.substring(from + begin.length(), to), "run with -Dmmspec.updateDocs=true to regenerate");
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
