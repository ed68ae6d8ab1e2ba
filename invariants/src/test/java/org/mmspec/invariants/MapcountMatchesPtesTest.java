package org.mmspec.invariants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mmspec.invariants.Machines.assertHolds;
import static org.mmspec.invariants.Machines.assertViolated;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.vma.VmFlags;
import org.mmspec.spec.semantics.Witness;

class MapcountMatchesPtesTest {

    private final MapcountMatchesPtes inv = new MapcountMatchesPtes();

    /** An anon page shared by fork, a COW copy in the child, and a file page mapped shared in both mms. */
    private static Kernel machine() {
        Kernel k = Machines.boot();
        int file = Machines.file(k, 10, 11);
        int mm = k.mms().mmAlloc();
        int anon = Machines.anon(k, mm, 2);
        int shared = Machines.fileMap(k, mm, file, 2, Machines.RW, VmFlags.MAP_SHARED, 0);
        Machines.store(k, mm, anon, 7);
        Machines.store(k, mm, anon + Machines.PAGE, 8);
        Machines.store(k, mm, shared, 9);
        int child = Machines.fork(k, mm);
        Machines.store(k, child, anon, 70);
        Machines.load(k, child, shared);
        return k;
    }

    @Test
    void holdsAfterForkCowAndSharedFileMappings() {
        Kernel k = machine();
        assertEquals(2, k.pages().pageMapcount(Machines.pfnAt(k, 1, 0x2000)));
        assertHolds(inv, k);
    }

    @Test
    void catchesAMapcountWithoutItsPte() {
        Kernel k = machine();
        int pfn = Machines.pfnAt(k, 1, 0x1000);
        Machines.setPage(k, pfn, Layout.PG_MAPCOUNT, k.pages().rawMapcount(pfn) + 1);
        Witness w = assertViolated(inv, k, Names.pfn(pfn));
        assertEquals(2, w.objects().size(), "the witness lists the one PTE that maps the page: " + w);
    }

    @Test
    void catchesAPteTheMapcountMisses() {
        Kernel k = machine();
        int pfn = Machines.pfnAt(k, 1, 0x2000);
        Machines.setPage(k, pfn, Layout.PG_MAPCOUNT, 0);
        assertViolated(inv, k, Names.pte(2, 0x2000));
    }

    @Test
    void isNotJudgedWhileAPteLockIsHeld() {
        Kernel k = machine();
        int pfn = Machines.pfnAt(k, 1, 0x1000);
        Machines.setPage(k, pfn, Layout.PG_MAPCOUNT, k.pages().rawMapcount(pfn) + 1);
        k.mem().set(k.layout().ptl(1, 0), 1);
        assertNull(Machines.check(inv, k));
    }
}
