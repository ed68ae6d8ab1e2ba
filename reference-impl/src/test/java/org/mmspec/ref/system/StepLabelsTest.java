package org.mmspec.ref.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.api.KernelApi;
import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.proc.PageLockUser;
import org.mmspec.ref.proc.UserAccess;
import org.mmspec.ref.vma.VmFlags;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.KernelState;
import org.mmspec.spec.semantics.Change;
import org.mmspec.spec.semantics.Fault;

/**
 * Trace labels of the reference implementation name the code that produced a step's changes, each
 * change says which code point made it when that is another one, and a BUG on a page dumps the page.
 */
class StepLabelsTest {

    private static KernelSystem writer() {
        Config c = Config.small().toBuilder().nrThreads(1).stackDepth(10).build();
        Kernel k = Kernel.boot(c);
        int mm = k.mms().mmAlloc();
        int a = k.mmap().doMmapPgoff(mm, -1, 0, 4096, VmFlags.PROT_READ | VmFlags.PROT_WRITE,
                VmFlags.MAP_PRIVATE | VmFlags.MAP_ANONYMOUS, 0);
        k.spawn(0, UserAccess.class, mm, a, 1, 5);
        return new KernelSystem(c, k.state(), List.of("W"));
    }

    @Test
    void changesMadeByAnotherCodePointThanTheLabelsSayWhichOne() {
        KernelSystem sys = writer();
        KernelState s = sys.initialState();
        int attributed = 0;
        for (KernelState next = sys.step(s, 0); next != null; s = next, next = sys.step(s, 0)) {
            List<Change> changes = sys.changes(s, 0, next);
            String label = sys.label(s, 0, next).step();
            for (Change c : changes) {
                if (!c.at().isEmpty()) {
                    attributed++;
                    assertFalse(c.at().startsWith(label + " ") || c.at().equals(label), c + " at " + c.at());
                    assertTrue(c.source().matches("org/mmspec/ref/.*\\.java:\\d+"), c.source());
                }
            }
            assertEquals(sys.diff(s, next).stream().map(Change::variable).sorted().toList(),
                    changes.stream().map(Change::variable).distinct().sorted().toList(), "every changed variable appears");
        }
        assertTrue(attributed > 0, "a write fault allocates a page and maps it in one step");
    }

    @Test
    void aBugOnAPageDumpsThePage() {
        Config c = Config.small().toBuilder().nrThreads(1).stackDepth(10).build();
        Kernel k = Kernel.boot(c);
        int page = KernelApi.allocPages(k, Gfp.GFP_KERNEL, 0).value();
        k.spawn(0, UnlockPage.class, page, 0, 0, 0);   // the page is not locked: a BUG
        KernelSystem sys = new KernelSystem(c, k.state(), List.of("unlocker"));
        KernelState s = sys.step(sys.initialState(), 0);
        Fault f = sys.fault(s);
        assertEquals("unlocker hit VM_BUG_ON_PAGE(!PageLocked(page)) in unlock_page: unlock_page on pfn " + page,
                f.message());
        assertEquals(List.of("page:pfn " + page + " count:1 mapcount:0 mapping:NULL index:0x0", "flags: 0x0(0)",
                "page dumped because: VM_BUG_ON_PAGE(!PageLocked(page))", "mapped by: no PTE"), f.dump());
        assertEquals("unlock_page:clear_bit_unlock", sys.label(sys.initialState(), 0, s).step());
    }

    @Test
    void aBugThatIsNotAboutAPageHasNoDump() {
        Config c = Config.small().toBuilder().nrThreads(2).stackDepth(2).build();
        Kernel k = Kernel.boot(c);
        int page = KernelApi.allocPages(k, Gfp.GFP_KERNEL, 0).value();
        k.spawn(0, PageLockUser.class, page, 0, 0, 0);
        k.spawn(1, PageLockUser.class, page, 0, 0, 0);
        KernelSystem sys = new KernelSystem(c, k.state(), List.of("A", "B"));
        KernelState s = sys.step(sys.initialState(), 1);      // B holds the lock
        for (int i = 0; i < 5 && sys.fault(s) == null; i++) {
            s = sys.step(s, 0);                                // A must wait: a third frame, beyond the stack
        }
        Fault f = sys.fault(s);
        assertEquals(Fault.Kind.MODEL_ERROR, f.kind(), String.valueOf(f));
        assertEquals(List.of(), f.dump());
    }
}
