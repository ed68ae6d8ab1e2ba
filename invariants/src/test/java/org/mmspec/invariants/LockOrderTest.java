package org.mmspec.invariants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mmspec.invariants.Machines.assertHolds;
import static org.mmspec.invariants.Machines.assertViolated;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.io.FilemapWriteAndWait;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.pagelock.LockPage;
import org.mmspec.ref.pagelock.PageBitWaits;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.proc.FileWrite;
import org.mmspec.ref.proc.UserAccess;
import org.mmspec.ref.sched.ThreadStatus;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.sync.LockClass;
import org.mmspec.ref.unmap.TruncateRange;

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

    /** truncate sleeps on PG_writeback holding the page lock: page lock before PG_writeback is the order. */
    @Test
    void holdsForTruncationWaitingForWriteBackUnderThePageLock() {
        Kernel k = Machines.boot();
        int file = Machines.file(k, 10);
        Machines.returned(k.run(FileWrite.class, file, 0, 9));
        k.spawn(0, FilemapWriteAndWait.class, file, 0, 0, 0);
        Machines.stepUntilStuck(k, 0);
        k.spawn(1, TruncateRange.class, file, 0, 1, 0);
        Machines.stepUntilStuck(k, 1);
        assertEquals(ThreadStatus.SLEEPING, k.threads().status(1));
        assertHolds(inv, k);
    }

    /** Sleeping on PG_writeback with a spinlock held: the write-back may need that lock to be submitted. */
    @Test
    void catchesSleepingOnWriteBackUnderThePteLock() {
        Kernel k = Machines.boot();
        int file = Machines.file(k, 10);
        Machines.returned(k.run(FileWrite.class, file, 0, 9));
        k.spawn(0, FilemapWriteAndWait.class, file, 0, 0, 0);
        Machines.stepUntilStuck(k, 0);
        int page = k.pageCache().lookup(file, 0);
        k.mem().set(k.layout().thread(1, Layout.TH_HELD), 1 << LockClass.PTL.shift());
        k.spawn(1, PageBitWaits.class, page, PageFlag.WRITEBACK.bit(), 0, 0);
        Machines.stepUntilStuck(k, 1); // wait_on_page_bit_common: prepare_to_wait is where it sleeps
        assertEquals(ThreadStatus.SLEEPING, k.threads().status(1));
        assertViolated(inv, k, LockClass.WRITEBACK.kernelName());
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
