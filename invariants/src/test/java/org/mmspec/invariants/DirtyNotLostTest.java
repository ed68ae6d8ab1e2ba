package org.mmspec.invariants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmspec.invariants.Machines.assertHolds;
import static org.mmspec.invariants.Machines.assertViolated;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.proc.FileWrite;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.unmap.MadviseDontneed;
import org.mmspec.ref.unmap.Munmap;
import org.mmspec.ref.vma.VmFlags;

class DirtyNotLostTest {

    private final DirtyNotLost inv = new DirtyNotLost();

    private Kernel k;
    private int file;
    private int mm;
    private int anon;
    private int shared;

    /**
     * mm1: anon pages written, forked and COW-written by the child; a shared file mapping written through;
     * a private file mapping COW-written; write() to the file; then reclaim (swap-out, write-back).
     */
    private void build(boolean reclaim) {
        k = Machines.boot();
        file = Machines.file(k, 10, 11, 12);
        mm = k.mms().mmAlloc();
        anon = Machines.anon(k, mm, 3);
        for (int i = 0; i < 3; i++) {
            Machines.store(k, mm, anon + i * Machines.PAGE, 7 + i);
        }
        shared = Machines.fileMap(k, mm, file, 2, Machines.RW, VmFlags.MAP_SHARED, 0);
        Machines.store(k, mm, shared, 50);
        int priv = Machines.fileMap(k, mm, file, 1, Machines.RW, VmFlags.MAP_PRIVATE, 2);
        Machines.store(k, mm, priv, 60);
        int child = Machines.fork(k, mm);
        Machines.store(k, child, anon, 70);
        Machines.returned(k.run(FileWrite.class, file, 1, 51));
        if (reclaim) {
            Machines.reclaim(k, 6);
        }
        assertHolds(inv, k);
    }

    @Test
    void holdsThroughCowSharedWritesWriteAndReclaim() {
        build(true);
        assertEquals(7, Machines.load(k, mm, anon));
        assertEquals(70, Machines.load(k, 2, anon));
        assertEquals(51, Machines.load(k, mm, shared + Machines.PAGE));
        int again = Machines.fileMap(k, mm, file, 1, VmFlags.PROT_READ, VmFlags.MAP_SHARED, 2);
        assertEquals(12, Machines.load(k, mm, again), "the private write stayed private");
        assertHolds(inv, k);
    }

    @Test
    void holdsWhenADirtySharedPageIsUnmappedAndWrittenBack() {
        build(false);
        Machines.returned(k.run(Munmap.class, mm, shared, 2 * Machines.PAGE));
        Machines.reclaim(k, 6);
        assertHolds(inv, k);
        assertEquals(50, k.pageCache().disk(file, 0));
    }

    /** Regression: madvise(MADV_DONTNEED) over part of a VMA ends (and the zapped page reads zero). */
    @Test
    void holdsAfterMadviseDontneedOfPartOfAVma() {
        build(false);
        Machines.returned(k.run(MadviseDontneed.class, mm, anon + Machines.PAGE, Machines.PAGE));
        assertHolds(inv, k);
        assertEquals(0, Machines.load(k, mm, anon + Machines.PAGE));
        assertEquals(9, Machines.load(k, mm, anon + 2 * Machines.PAGE));
    }

    @Test
    void catchesADirtyPageCachePageDroppedWithoutWriteBack() {
        build(false);
        int pfn = k.pageCache().lookup(file, 1);
        Machines.setPage(k, pfn, Layout.PG_FLAGS, k.pages().flags(pfn) & ~PageFlag.DIRTY.mask());
        assertHolds(inv, k);
        Machines.reclaim(k, 6);
        assertTrue(k.pageCache().lookup(file, 1) < 0, "reclaim dropped the page it thought clean");
        assertViolated(inv, k, Names.filePage(file, 1));
    }

    @Test
    void catchesAUserPageWhoseContentsChanged() {
        build(false);
        int pfn = Machines.pfnAt(k, mm, anon + Machines.PAGE);
        Machines.setPage(k, pfn, Layout.PG_DATA, 1234);
        assertViolated(inv, k, Names.pte(mm, anon + Machines.PAGE));
    }

    @Test
    void catchesASwapSlotThatLostItsData() {
        build(true);
        int pte = Machines.pte(k, mm, anon + Machines.PAGE);
        assertTrue(Pte.isSwapPte(pte));
        k.mem().set(k.layout().swap(Pte.swpOffset(pte) - 1, Layout.SW_DATA), 0);
        assertViolated(inv, k, Names.swapSlot(Pte.swpOffset(pte)));
    }

    @Test
    void catchesASwapEntryBeyondTheDevice() {
        build(false);
        Machines.setPte(k, mm, anon, Pte.swpEntryToPte(0, k.config().nrSwapSlots() + 1));
        assertViolated(inv, k, Names.pte(mm, anon));
    }

    @Test
    void catchesAnAnonPageDroppedFromItsPte() {
        build(false);
        Machines.setPte(k, mm, anon + 2 * Machines.PAGE, 0);
        assertViolated(inv, k, Names.pte(mm, anon + 2 * Machines.PAGE));
    }
}
