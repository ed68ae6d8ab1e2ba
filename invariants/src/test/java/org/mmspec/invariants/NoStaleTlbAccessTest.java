package org.mmspec.invariants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmspec.invariants.Machines.assertHolds;
import static org.mmspec.invariants.Machines.assertViolated;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.fault.VmFault;
import org.mmspec.ref.proc.UserAccess;
import org.mmspec.ref.unmap.Mprotect;
import org.mmspec.ref.unmap.Munmap;
import org.mmspec.ref.vma.VmFlags;

class NoStaleTlbAccessTest {

    private final NoStaleTlbAccess inv = new NoStaleTlbAccess();

    @Test
    void holdsAcrossMunmapMprotectForkAndReclaimWithWarmTlbs() {
        Kernel k = Machines.boot();
        int mm = k.mms().mmAlloc();
        int addr = Machines.anon(k, mm, 3);
        Machines.store(k, mm, addr, 7);
        Machines.store(k, mm, addr + Machines.PAGE, 8);
        Machines.store(k, mm, addr + 2 * Machines.PAGE, 9);
        int cpu = k.sequentialTid() % k.config().nrCpus();
        assertTrue(k.tlb().lookup(cpu, mm, addr) >= 0, "the store filled the TLB");
        Machines.fork(k, mm);
        Machines.store(k, mm, addr + Machines.PAGE, 10);
        Machines.returned(k.run(Mprotect.class, mm, addr, Machines.PAGE, VmFlags.PROT_READ));
        assertEquals(7, Machines.load(k, mm, addr));
        Machines.returned(k.run(Munmap.class, mm, addr + 2 * Machines.PAGE, Machines.PAGE));
        Machines.reclaim(k, 3);
        assertHolds(inv, k);
        int ret = Machines.returned(k.run(UserAccess.class, mm, addr + 2 * Machines.PAGE, 1, 11));
        assertTrue((-ret & VmFault.VM_FAULT_BADMAP) != 0, "the unmapped page faults: " + ret);
        assertHolds(inv, k);
    }

    /** An unmap that clears the PTE but forgets the flush leaves a translation that outlives it. */
    @Test
    void catchesAnAccessThroughATranslationAFinishedUnmapLeftBehind() {
        Kernel k = Machines.boot();
        int mm = k.mms().mmAlloc();
        int addr = Machines.anon(k, mm, 1);
        Machines.store(k, mm, addr, 7);
        Machines.setPte(k, mm, addr, 0);
        k.tlb().revocationComplete(mm, addr, addr + Machines.PAGE, false);
        Machines.store(k, mm, addr, 8);
        assertViolated(inv, k, "mm" + mm + " 0x" + Integer.toHexString(addr));
    }

    /** A write-protection that forgets the flush leaves a writable translation. */
    @Test
    void catchesAWriteThroughAWriteProtectionThatWasNotFlushed() {
        Kernel k = Machines.boot();
        int mm = k.mms().mmAlloc();
        int addr = Machines.anon(k, mm, 1);
        Machines.store(k, mm, addr, 7);
        int pte = Machines.pte(k, mm, addr);
        Machines.setPte(k, mm, addr, org.mmspec.ref.pgtable.Pte.pteWrprotect(pte));
        k.tlb().revocationComplete(mm, addr, addr + Machines.PAGE, true);
        Machines.store(k, mm, addr, 8);
        assertViolated(inv, k, "mm" + mm + " 0x" + Integer.toHexString(addr));
    }
}
