package org.mmspec.ref.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.fork.Fork;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.proc.UserAccess;
import org.mmspec.ref.vma.VmFlags;

/**
 * {@link Config#mmForbidsZeropage()}: {@code mm_forbids_zeropage()} in {@code do_anonymous_page()}. With it,
 * a read fault on private anonymous memory allocates a page (one frame more), gives the VMA an
 * {@code anon_vma}, and so {@code fork} copies the PTE into the child; without it the zero page is mapped,
 * the VMA stays without {@code anon_vma} and {@code fork} copies nothing.
 */
class MmForbidsZeropageTest {

    private static final int PAGE = Geometry.PAGE_SIZE;

    private static Kernel boot(boolean forbid) {
        return Kernel.boot(Config.defaults().toBuilder().mmForbidsZeropage(forbid).build());
    }

    private static int anon(Kernel k, int mm, int pages, int prot) {
        int a = k.mmap().doMmapPgoff(mm, -1, 0, pages * PAGE, prot, VmFlags.MAP_PRIVATE | VmFlags.MAP_ANONYMOUS, 0);
        assertTrue(a > 0, "mmap failed: " + a);
        return a;
    }

    private static int load(Kernel k, int mm, int addr) {
        return k.run(UserAccess.class, mm, addr, 0, 0).value();
    }

    @Test
    void theSwitchIsOffByDefaultAsOnMostLinuxMachines() {
        assertFalse(Config.defaults().mmForbidsZeropage());
        assertFalse(Config.small().mmForbidsZeropage());
    }

    @Test
    void aReadFaultAllocatesAFreshAnonymousPageInsteadOfTheZeroPage() {
        Kernel k = boot(true);
        int mm = k.mms().mmAlloc();
        int a = anon(k, mm, 2, VmFlags.PROT_READ | VmFlags.PROT_WRITE);
        int free = k.buddy().freePagesInLists(0);
        assertEquals(0, load(k, mm, a));
        int pte = k.pageTables().pteValue(mm, a);
        int pfn = Pte.ptePfn(pte);
        assertNotEquals(Pages.ZERO_PFN, pfn);
        assertFalse(Pte.pteSpecial(pte));
        assertTrue(Pte.pteWrite(pte) && Pte.pteDirty(pte), "writable and dirty, as for a write fault: " + Pte.describe(pte));
        assertEquals(free - 1, k.buddy().freePagesInLists(0), "the read cost a frame");
        assertTrue(k.pages().pageAnon(pfn));
        assertEquals(1, k.pages().pageMapcount(pfn));
        assertTrue(k.pages().pageFlag(pfn, PageFlag.LRU) && k.pages().pageFlag(pfn, PageFlag.SWAPBACKED));
        int vma = k.vmas().findVma(mm, a);
        assertTrue(k.vmas().anonVma(vma) >= 0, "the read prepared the VMA's anon_vma");
        assertEquals(0, load(k, mm, a), "the fresh page reads as zeroes");
    }

    @Test
    void aReadFaultOnAReadOnlyMappingMapsTheFreshPageReadOnly() {
        Kernel k = boot(true);
        int mm = k.mms().mmAlloc();
        int a = anon(k, mm, 1, VmFlags.PROT_READ);
        assertEquals(0, load(k, mm, a));
        int pte = k.pageTables().pteValue(mm, a);
        assertNotEquals(Pages.ZERO_PFN, Pte.ptePfn(pte));
        assertFalse(Pte.pteWrite(pte), Pte.describe(pte));
    }

    @Test
    void forkCopiesTheReadPagesPteOnlyWhenTheZeroPageIsForbidden() {
        for (boolean forbid : new boolean[] {false, true}) {
            Kernel k = boot(forbid);
            int parent = k.mms().mmAlloc();
            int a = anon(k, parent, 1, VmFlags.PROT_READ | VmFlags.PROT_WRITE);
            load(k, parent, a);
            int child = k.run(Fork.class, parent).value();
            int childPte = k.pageTables().pteValue(child, a);
            if (forbid) {
                int pfn = Pte.ptePfn(k.pageTables().pteValue(parent, a));
                assertTrue(Pte.ptePresent(childPte), "copy_page_range copies a VMA with an anon_vma");
                assertEquals(pfn, Pte.ptePfn(childPte));
                assertEquals(2, k.pages().pageMapcount(pfn));
                assertFalse(Pte.pteWrite(childPte) || Pte.pteWrite(k.pageTables().pteValue(parent, a)),
                        "both write-protected for COW");
            } else {
                assertFalse(Pte.ptePresent(childPte), "no anon_vma: fork copies no PTE, the child faults anew");
                assertEquals(Pages.ZERO_PFN, Pte.ptePfn(k.pageTables().pteValue(parent, a)));
            }
        }
    }
}
