package org.mmspec.invariants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mmspec.invariants.Machines.assertHolds;
import static org.mmspec.invariants.Machines.assertViolated;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.vma.VmFlags;

class MapcountLeRefcountTest {

    private final MapcountLeRefcount inv = new MapcountLeRefcount();

    /** fork shares an anon page (mapcount 2) and a file page is mapped by two address spaces. */
    private static Kernel sharedPages() {
        Kernel k = Machines.boot();
        int file = Machines.file(k, 10, 11);
        int mm = k.mms().mmAlloc();
        int anon = Machines.anon(k, mm, 1);
        int shared = Machines.fileMap(k, mm, file, 2, Machines.RW, VmFlags.MAP_SHARED, 0);
        Machines.store(k, mm, anon, 7);
        Machines.load(k, mm, shared);
        Machines.fork(k, mm);
        return k;
    }

    @Test
    void holdsWhenPagesAreShared() {
        Kernel k = sharedPages();
        int pfn = Machines.pfnAt(k, 1, 0x1000);
        assertEquals(2, k.pages().pageMapcount(pfn));
        assertHolds(inv, k);
    }

    @Test
    void catchesAMappingWithoutItsReference() {
        Kernel k = sharedPages();
        int pfn = Machines.pfnAt(k, 1, 0x1000);
        Machines.setPage(k, pfn, Layout.PG_REFCOUNT, 1);
        assertViolated(inv, k, Names.pfn(pfn));
    }
}
