package org.mmspec.ref.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.api.KernelApi;
import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.proc.UserAccess;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.KernelState;
import org.mmspec.ref.system.KernelSystem;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.vma.VmFlags;
import org.mmspec.spec.semantics.Fault;

/**
 * The non-atomic page-flag helpers ({@code __SetPageXXX}, include/linux/page-flags.h: a read and a write of
 * the whole flags word). The kernel uses them only on a page nobody else can reach — there the read and the
 * write commute with everything, so one step may make both — and the audit checks that it is so: on a page
 * another thread can reach (mapped, on an LRU list) an atomic update of another bit between the read and
 * the write would be lost, and the helper is a model error naming the access.
 */
class NonAtomicFlagsTest {

    /** {@code __SetPageUptodate} of the page in local 0. */
    static final class SetUptodate extends Procedure {
        private final Pages pages;

        SetUptodate(Pages pages) {
            super("test_set_uptodate", "__SetPageUptodate");
            this.pages = pages;
        }

        @Override
        protected Flow run(Ctx c, int pc) {
            pages.setPageFlagNonAtomic(c.local(0), PageFlag.UPTODATE);
            return c.ret(0);
        }
    }

    private static final Kernel.Extension TESTS = k -> List.of(new SetUptodate(k.pages()));

    /** The fault of one step of {@code __SetPageUptodate} on a mapped page ({@code published}) or a new one. */
    private static Fault step(boolean published) {
        Config config = Config.small().toBuilder().nrThreads(1).build();
        Kernel k = Kernel.boot(config, TESTS);
        int pfn;
        if (published) {
            int mm = k.mms().mmAlloc();
            int addr = k.mmap().doMmapPgoff(mm, -1, 0, 4096, VmFlags.PROT_READ | VmFlags.PROT_WRITE,
                    VmFlags.MAP_PRIVATE | VmFlags.MAP_ANONYMOUS, 0);
            k.run(UserAccess.class, mm, addr, 1, 5);
            pfn = Pte.ptePfn(k.pageTables().pteValue(mm, addr));
        } else {
            pfn = KernelApi.allocPages(k, Gfp.GFP_KERNEL, 0).value();
        }
        k.spawn(0, SetUptodate.class, pfn, 0, 0, 0);
        KernelState initial = k.state();
        KernelSystem system = new KernelSystem(config, initial, List.of("T0"), AuditMode.CHECK, TESTS);
        KernelState next = system.step(initial, 0);
        assertNotNull(next);
        return system.fault(next);
    }

    @Test
    void onAPageNobodyElseCanReachTheHelperIsOneStep() {
        assertNull(step(false));
    }

    @Test
    void onAMappedPageItIsAModelError() {
        Fault f = step(true);
        assertNotNull(f, "__SetPageUptodate on a mapped page was not flagged");
        assertEquals(Fault.Kind.MODEL_ERROR, f.kind(), f.message());
        assertTrue(f.message().contains("breaks its region's discipline") && f.message().contains("non-atomic bitop"),
                f.message());
        assertTrue(f.message().contains("at test_set_uptodate:__SetPageUptodate"), f.message());
    }
}
