package org.mmspec.invariants;

import static org.mmspec.invariants.Machines.assertHolds;
import static org.mmspec.invariants.Machines.assertViolated;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.vma.VmFlags;

class NoPteToFreedPageTest {

    private final NoPteToFreedPage inv = new NoPteToFreedPage();

    @Test
    void holdsForAnonFileZeroPageVmallocAndRemappedFrames() {
        Kernel k = Machines.boot();
        int file = Machines.file(k, 10);
        int mm = k.mms().mmAlloc();
        int anon = Machines.anon(k, mm, 2);
        Machines.store(k, mm, anon, 7);
        Machines.load(k, mm, anon + Machines.PAGE);
        int mapped = Machines.fileMap(k, mm, file, 1, VmFlags.PROT_READ, VmFlags.MAP_PRIVATE, 0);
        Machines.load(k, mm, mapped);
        k.vmalloc().vmalloc(2 * Machines.PAGE);
        int io = Machines.anon(k, mm, 1);
        int free = Machines.freePfn(k);
        k.mmap().remapPfnRange(k.vmas().findVma(mm, io), io, free, Machines.PAGE, Pte.L_PTE_DEFAULT | Pte.L_PTE_USER);
        assertHolds(inv, k);
    }

    @Test
    void catchesAUserPteToAFreeFrame() {
        Kernel k = Machines.boot();
        int mm = k.mms().mmAlloc();
        int addr = Machines.anon(k, mm, 2);
        Machines.store(k, mm, addr, 7);
        int free = Machines.freePfn(k);
        Machines.setPte(k, mm, addr + Machines.PAGE, Pte.mkPte(free, Pte.L_PTE_DEFAULT | Pte.L_PTE_USER));
        assertViolated(inv, k, Names.pte(mm, addr + Machines.PAGE));
    }

    @Test
    void catchesAPteToAPageWithoutReferences() {
        Kernel k = Machines.boot();
        int mm = k.mms().mmAlloc();
        int addr = Machines.anon(k, mm, 1);
        Machines.store(k, mm, addr, 7);
        int pfn = Machines.pfnAt(k, mm, addr);
        Machines.setPage(k, pfn, Layout.PG_REFCOUNT, 0);
        assertViolated(inv, k, Names.pfn(pfn));
    }

    @Test
    void catchesAKernelPteToAFreedFrame() {
        Kernel k = Machines.boot();
        int addr = k.vmalloc().vmalloc(Machines.PAGE);
        int free = Machines.freePfn(k);
        Machines.setPte(k, 0, addr, Pte.mkPte(free, Pte.PAGE_KERNEL));
        assertViolated(inv, k, Names.pte(0, addr));
    }
}
