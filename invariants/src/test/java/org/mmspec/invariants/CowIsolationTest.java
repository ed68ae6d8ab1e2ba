package org.mmspec.invariants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.mmspec.invariants.Machines.assertHolds;
import static org.mmspec.invariants.Machines.assertViolated;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.gup.AccessRemoteVm;
import org.mmspec.ref.sched.ThreadStatus;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.vma.VmFlags;

class CowIsolationTest {

    private final CowIsolation inv = new CowIsolation();

    /** Makes the last step's write event name {@code pfn} as the page written. */
    private static void writeLandedOn(Kernel k, int pfn) {
        k.mem().set(Layout.G_WRITE_PFN, pfn + 1);
    }

    @Test
    void holdsForCowWritesAfterForkAndOnPrivateFileMappings() {
        Kernel k = Machines.boot();
        int file = Machines.file(k, 10, 11);
        int mm = k.mms().mmAlloc();
        int anon = Machines.anon(k, mm, 1);
        Machines.store(k, mm, anon, 7);
        int child = Machines.fork(k, mm);
        Machines.store(k, child, anon, 8);
        assertHolds(inv, k);
        Machines.store(k, mm, anon, 9);
        assertHolds(inv, k);
        int priv = Machines.fileMap(k, mm, file, 1, Machines.RW, VmFlags.MAP_PRIVATE, 0);
        Machines.load(k, mm, priv);
        Machines.store(k, mm, priv, 20);
        assertHolds(inv, k);
        assertEquals(10, k.pageCache().disk(file, 0));
    }

    @Test
    void holdsForAForcedWriteThroughProcPidMemToAReadOnlyPrivateFileMapping() {
        Kernel k = Machines.boot();
        int file = Machines.file(k, 10);
        int mm = k.mms().mmAlloc();
        int ro = Machines.fileMap(k, mm, file, 1, VmFlags.PROT_READ, VmFlags.MAP_PRIVATE, 0);
        Machines.load(k, mm, ro);
        k.spawn(0, AccessRemoteVm.class, mm, ro, 66, 1);
        for (int i = 0; i < 40 && k.mem().get(Layout.G_WRITE_TID) == 0; i++) {
            k.executor().step(0);
        }
        assertNotEquals(0, k.mem().get(Layout.G_WRITE_TID), "the write is the last step's event");
        assertHolds(inv, k);
        while (k.threads().status(0) != ThreadStatus.FINISHED) {
            k.executor().step(0);
        }
        assertEquals(10, k.pages().data(k.pageCache().lookup(file, 0)), "the page cache is untouched");
        assertEquals(66, Machines.load(k, mm, ro));
    }

    @Test
    void catchesAPrivateWriteIntoThePageCache() {
        Kernel k = Machines.boot();
        int file = Machines.file(k, 10);
        int mm = k.mms().mmAlloc();
        int priv = Machines.fileMap(k, mm, file, 1, Machines.RW, VmFlags.MAP_PRIVATE, 0);
        Machines.store(k, mm, priv, 20);
        int cached = k.pageCache().lookup(file, 0);
        writeLandedOn(k, cached);
        assertViolated(inv, k, Names.pfn(cached));
    }

    @Test
    void catchesAPrivateWriteToASharedAnonPage() {
        Kernel k = Machines.boot();
        int mm = k.mms().mmAlloc();
        int anon = Machines.anon(k, mm, 2);
        Machines.store(k, mm, anon, 7);
        int child = Machines.fork(k, mm);
        int shared = Machines.pfnAt(k, mm, anon);
        Machines.store(k, child, anon + Machines.PAGE, 8);
        writeLandedOn(k, shared);
        assertViolated(inv, k, Names.pfn(shared));
    }

    @Test
    void catchesAPrivateWriteToTheZeroPage() {
        Kernel k = Machines.boot();
        int mm = k.mms().mmAlloc();
        int anon = Machines.anon(k, mm, 1);
        Machines.store(k, mm, anon, 7);
        writeLandedOn(k, 0);
        assertViolated(inv, k, Names.pfn(0));
    }
}
