package org.mmspec.invariants;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmspec.invariants.Machines.assertHolds;
import static org.mmspec.invariants.Machines.assertViolated;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.state.Layout;

class VmallocConsistentTest {

    private final VmallocConsistent inv = new VmallocConsistent();

    private Kernel k;
    private int first;
    private int second;

    /** Two areas with a freed one between them; a create_mapping_late() mapping at the top of the range. */
    private void build() {
        k = Machines.boot();
        first = k.vmalloc().vmalloc(2 * Machines.PAGE);
        int middle = k.vmalloc().vmalloc(Machines.PAGE);
        assertTrue(first != 0 && middle != 0);
        k.vmalloc().vfree(middle);
        second = k.vmalloc().vmalloc(3 * Machines.PAGE - 100);
        assertTrue(second != 0);
        int top = k.geometry().vmallocEnd - Machines.PAGE;
        k.mmap().createMappingLate(Machines.freePfn(k), top, Machines.PAGE, Pte.PAGE_KERNEL);
    }

    @Test
    void holdsForLiveAndFreedAreasAndLateMappings() {
        build();
        assertHolds(inv, k);
    }

    @Test
    void catchesAnAreaPageLeftUnmapped() {
        build();
        Machines.setPte(k, 0, second + Machines.PAGE, 0);
        assertViolated(inv, k, Names.vmArea(k.vmalloc().areaOf(second)));
    }

    @Test
    void catchesAPteToAPageTheAreaDoesNotOwn() {
        build();
        int other = k.vmalloc().areaPage(k.vmalloc().areaOf(first), 0);
        Machines.setPte(k, 0, second, Pte.mkPte(other, Pte.PAGE_KERNEL));
        assertViolated(inv, k, Names.pte(0, second));
    }

    @Test
    void catchesAKernelPteInAGuardPage() {
        build();
        int guard = first + 2 * Machines.PAGE;
        int pfn = k.vmalloc().areaPage(k.vmalloc().areaOf(first), 0);
        Machines.setPte(k, 0, guard, Pte.mkPte(pfn, Pte.PAGE_KERNEL));
        assertViolated(inv, k, Names.pte(0, guard));
    }

    @Test
    void catchesAnAreaPageFreedWhileMapped() {
        build();
        int area = k.vmalloc().areaOf(first);
        k.freePath().freePagesBlock(k.vmalloc().areaPage(area, 1), 0);
        assertViolated(inv, k, Names.vmArea(area));
    }

    @Test
    void catchesAnAreaOutsideTheVmallocRange() {
        build();
        int area = k.vmalloc().areaOf(second);
        k.mem().set(k.layout().vmArea(area, Layout.VM_NR_PAGES), k.config().kernelPages() + 1);
        assertViolated(inv, k, Names.vmArea(area));
    }
}
