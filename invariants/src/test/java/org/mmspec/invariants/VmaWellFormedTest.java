package org.mmspec.invariants;

import static org.mmspec.invariants.Machines.assertHolds;
import static org.mmspec.invariants.Machines.assertViolated;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.unmap.Mprotect;
import org.mmspec.ref.unmap.Munmap;
import org.mmspec.ref.vma.VmFlags;

class VmaWellFormedTest {

    private final VmaWellFormed inv = new VmaWellFormed();

    /** mm1: anon [0x1000,0x2000), a file VMA in the hole munmap left, anon [0x3000,0x4000) rw and [0x4000,0x5000) r. */
    private static Kernel machine() {
        Kernel k = Machines.boot();
        int file = Machines.file(k, 10);
        int mm = k.mms().mmAlloc();
        int addr = Machines.anon(k, mm, 4);
        Machines.returned(k.run(Munmap.class, mm, addr + Machines.PAGE, Machines.PAGE));
        Machines.returned(k.run(Mprotect.class, mm, addr + 3 * Machines.PAGE, Machines.PAGE, VmFlags.PROT_READ));
        Machines.fileMap(k, mm, file, 1, VmFlags.PROT_READ, VmFlags.MAP_PRIVATE, 0);
        Machines.fork(k, mm);
        return k;
    }

    private static void setVma(Kernel k, int slot, int field, int value) {
        k.mem().set(k.layout().vma(1, slot, field), value);
    }

    @Test
    void holdsAfterMmapMunmapMprotectAndFork() {
        assertHolds(inv, machine());
    }

    @Test
    void catchesAnUnalignedVma() {
        Kernel k = machine();
        setVma(k, 0, Layout.VMA_END, 0x1800);
        assertViolated(inv, k, Names.vma(1, 0));
    }

    @Test
    void catchesAnEmptyVma() {
        Kernel k = machine();
        setVma(k, 1, Layout.VMA_END, k.vmas().vmStart(k.vmas().slot(1, 1)));
        assertViolated(inv, k, Names.vma(1, 1));
    }

    @Test
    void catchesAVmaBeyondTaskSize() {
        Kernel k = machine();
        int last = k.vmas().count(1) - 1;
        setVma(k, last, Layout.VMA_END, k.geometry().taskSize + Machines.PAGE);
        assertViolated(inv, k, Names.vma(1, last));
    }

    @Test
    void catchesOverlappingVmas() {
        Kernel k = machine();
        setVma(k, 0, Layout.VMA_END, 0x4000);
        assertViolated(inv, k, Names.vma(1, 1));
    }

    @Test
    void catchesUnsortedVmasThroughFindVma() {
        Kernel k = machine();
        setVma(k, 0, Layout.VMA_START, 0x1c000);
        setVma(k, 0, Layout.VMA_END, 0x1d000);
        assertViolated(inv, k, Names.mm(1));
    }

    @Test
    void catchesAVmaCountBeyondTheSlots() {
        Kernel k = machine();
        k.mem().set(k.layout().mm(1, Layout.MM_NR_VMAS), k.config().nrVmas() + 1);
        assertViolated(inv, k, Names.mm(1));
    }
}
