package org.mmspec.invariants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmspec.invariants.Machines.assertHolds;
import static org.mmspec.invariants.Machines.assertViolated;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.pgtable.Pte;

class AnonWriteExclusiveTest {

    private final AnonWriteExclusive inv = new AnonWriteExclusive();

    /** mm1 writes two pages, forks mm2, mm2 COW-writes the first; everything swapped out and one page swapped in by a write. */
    private static Kernel machine() {
        Kernel k = Machines.boot();
        int mm = k.mms().mmAlloc();
        int addr = Machines.anon(k, mm, 2);
        Machines.store(k, mm, addr, 7);
        Machines.store(k, mm, addr + Machines.PAGE, 8);
        int child = Machines.fork(k, mm);
        Machines.store(k, child, addr, 70);
        return k;
    }

    @Test
    void holdsAfterForkAndCow() {
        Kernel k = machine();
        assertTrue(Pte.pteWrite(Machines.pte(k, 2, 0x1000)));
        assertTrue(!Pte.pteWrite(Machines.pte(k, 1, 0x2000)));
        assertHolds(inv, k);
    }

    @Test
    void holdsAcrossSwapOutAndAWriteFaultingTheSharedPageBackIn() {
        Kernel k = machine();
        Machines.reclaim(k, 3);
        assertTrue(Pte.isSwapPte(Machines.pte(k, 1, 0x2000)));
        assertTrue(Pte.isSwapPte(Machines.pte(k, 2, 0x2000)));
        Machines.store(k, 1, 0x2000, 80);
        assertHolds(inv, k);
        assertEquals(8, Machines.load(k, 2, 0x2000));
        assertHolds(inv, k);
    }

    @Test
    void catchesAWritableSharedAnonPage() {
        Kernel k = machine();
        Machines.setPte(k, 1, 0x2000, Pte.pteMkwrite(Machines.pte(k, 1, 0x2000)));
        assertViolated(inv, k, Names.pte(1, 0x2000));
    }

    @Test
    void catchesAWritableZeroPage() {
        Kernel k = machine();
        int addr = Machines.anon(k, 1, 1);
        Machines.load(k, 1, addr);
        Machines.setPte(k, 1, addr, Pte.pteMkwrite(Machines.pte(k, 1, addr)));
        assertViolated(inv, k, Names.pte(1, addr));
    }
}
