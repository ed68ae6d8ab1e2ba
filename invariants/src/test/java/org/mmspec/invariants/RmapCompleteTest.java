package org.mmspec.invariants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmspec.invariants.Machines.assertHolds;
import static org.mmspec.invariants.Machines.assertViolated;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.mem.Mapping;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.unmap.Munmap;
import org.mmspec.ref.vma.VmFlags;
import org.mmspec.spec.semantics.Witness;

class RmapCompleteTest {

    private final RmapComplete inv = new RmapComplete();

    /**
     * mm1: anon [0x1000, 0x4000) written, then its middle page unmapped (a split VMA with its own pgoff);
     * a private file mapping at pgoff 1 read and COW-written; a shared file mapping; then fork (the
     * child's anon pages are found through the parent's anon_vma) and a COW write in the child.
     */
    private static Kernel machine() {
        Kernel k = Machines.boot();
        int file = Machines.file(k, 10, 11, 12);
        int mm = k.mms().mmAlloc();
        int anon = Machines.anon(k, mm, 3);
        for (int i = 0; i < 3; i++) {
            Machines.store(k, mm, anon + i * Machines.PAGE, 7 + i);
        }
        Machines.returned(k.run(Munmap.class, mm, anon + Machines.PAGE, Machines.PAGE));
        int priv = Machines.fileMap(k, mm, file, 2, Machines.RW, VmFlags.MAP_PRIVATE, 1);
        Machines.load(k, mm, priv);
        Machines.store(k, mm, priv + Machines.PAGE, 20);
        int shared = Machines.fileMap(k, mm, file, 1, Machines.RW, VmFlags.MAP_SHARED, 2);
        Machines.store(k, mm, shared, 30);
        int child = Machines.fork(k, mm);
        Machines.store(k, child, anon + 2 * Machines.PAGE, 90);
        Machines.load(k, child, priv);
        return k;
    }

    @Test
    void holdsAfterSplitsCowForkAndFileMappings() {
        assertHolds(inv, machine());
    }

    @Test
    void catchesAVmaMissingFromTheAnonVmaChain() {
        Kernel k = machine();
        int slot = k.vmas().slotOf(k.vmas().findVma(2, 0x1000));
        k.mem().set(k.layout().vma(2, slot, Layout.VMA_AVC), 0);
        assertViolated(inv, k, Names.vma(2, slot));
    }

    @Test
    void catchesAnAnonPageWhoseIndexPointsElsewhere() {
        Kernel k = machine();
        int pfn = Machines.pfnAt(k, 1, 0x1000);
        Machines.setPage(k, pfn, Layout.PG_INDEX, k.pages().index(pfn) + 1);
        assertViolated(inv, k, Names.pte(1, 0x1000));
    }

    @Test
    void catchesAFilePageMappedThroughAnotherFilesVma() {
        Kernel k = machine();
        int other = Machines.file(k, 40);
        int addr = k.vmas().vmStart(k.vmas().findVma(1, 0x4000));
        int pfn = Machines.pfnAt(k, 1, addr);
        Machines.setPage(k, pfn, Layout.PG_MAPPING, Mapping.file(other));
        assertViolated(inv, k, Names.pte(1, addr));
    }

    @Test
    void catchesAMappedPageWithoutMapping() {
        Kernel k = machine();
        int pfn = Machines.pfnAt(k, 1, 0x3000);
        Machines.setPage(k, pfn, Layout.PG_MAPPING, Mapping.NULL);
        assertViolated(inv, k, Names.pfn(pfn));
    }

    @Test
    void catchesAPteOutsideEveryVma() {
        Kernel k = machine();
        int pfn = Machines.pfnAt(k, 1, 0x1000);
        int outside = 0x7000;
        assertTrue(k.vmas().findVmaIntersection(1, outside, outside + Machines.PAGE) < 0);
        Machines.setPte(k, 1, outside, Pte.mkPte(pfn, Pte.L_PTE_DEFAULT | Pte.L_PTE_USER | Pte.L_PTE_RDONLY));
        Witness w = assertViolated(inv, k, Names.pte(1, outside));
        assertEquals(List.of(Names.pte(1, outside), Names.pfn(pfn)), w.objects(), "no VMA to name");
    }
}
