package org.mmspec.invariants;

import static org.mmspec.invariants.Machines.assertHolds;
import static org.mmspec.invariants.Machines.assertViolated;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.pagelock.LockPage;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.proc.FileWrite;
import org.mmspec.ref.proc.UserAccess;
import org.mmspec.ref.sync.LockClass;

class LockOrderTest {

    private final LockOrder inv = new LockOrder();

    @Test
    void holdsForFaultsForkWritesAndReclaim() {
        Kernel k = Machines.boot();
        int file = Machines.file(k, 10);
        int mm = k.mms().mmAlloc();
        int addr = Machines.anon(k, mm, 2);
        Machines.store(k, mm, addr, 7);
        int child = Machines.fork(k, mm);
        Machines.store(k, child, addr, 8);
        Machines.returned(k.run(FileWrite.class, file, 0, 9));
        int pfn = Machines.pfnAt(k, child, addr);
        Machines.returned(k.run(LockPage.class, pfn, 0));
        Machines.returned(k.run(UnlockPage.class, pfn));
        Machines.reclaim(k, 2);
        assertHolds(inv, k);
    }

    /** A task that keeps a page locked and then faults takes mmap_sem under the page lock. */
    @Test
    void catchesMmapSemTakenUnderAPageLock() {
        Kernel k = Machines.boot();
        int mm = k.mms().mmAlloc();
        int addr = Machines.anon(k, mm, 2);
        Machines.store(k, mm, addr, 7);
        Machines.returned(k.run(LockPage.class, Machines.pfnAt(k, mm, addr), 0));
        k.run(UserAccess.class, mm, addr + Machines.PAGE, 1, 8);
        assertViolated(inv, k, LockClass.MMAP_SEM.kernelName());
    }
}
