package org.mmspec.invariants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmspec.invariants.Machines.assertHolds;
import static org.mmspec.invariants.Machines.assertViolated;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.alloc.AllocPages;
import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.pageref.PutPage;
import org.mmspec.ref.sched.ThreadStatus;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.state.Layout;

class RefcountSaneTest {

    private final RefcountSane inv = new RefcountSane();

    /** Anon pages, one swapped out and one swapped back in, and a kmalloc_large block of order 1. */
    private static Kernel machine() {
        Kernel k = Machines.boot();
        int mm = k.mms().mmAlloc();
        int addr = Machines.anon(k, mm, 2);
        Machines.store(k, mm, addr, 7);
        Machines.store(k, mm, addr + Machines.PAGE, 8);
        Machines.reclaim(k, 4);
        assertTrue(Pte.isSwapPte(Machines.pte(k, mm, addr)));
        assertTrue(Pte.isSwapPte(Machines.pte(k, mm, addr + Machines.PAGE)));
        assertEquals(7, Machines.load(k, mm, addr));
        assertTrue(k.slab().kmalloc(5000, Gfp.GFP_KERNEL) != 0);
        return k;
    }

    @Test
    void holdsAcrossSwapOutSwapInAndHighOrderBlocks() {
        assertHolds(inv, machine());
    }

    @Test
    void holdsForTheTailOfAnAllocatedBlock() {
        Kernel k = Machines.boot();
        int head = Machines.returned(k.run(AllocPages.class, Gfp.GFP_KERNEL, 2));
        assertEquals(0, k.pages().pageCount(head + 3));
        assertHolds(inv, k);
    }

    /**
     * A page its last holder is freeing has no references and is in no free list yet — legal while that
     * thread stands in put_page; the same page with no thread freeing it is a leak.
     */
    @Test
    void holdsWhileTheLastHolderFreesAPageAndCatchesItWhenNobodyDoes() {
        Kernel k = Machines.boot();
        int pfn = Machines.returned(k.run(AllocPages.class, Gfp.GFP_KERNEL, 0));
        k.lru().lruCacheAdd(pfn);
        k.spawn(0, PutPage.class, pfn, 0, 0, 0);
        k.executor().step(0);
        assertEquals(0, k.pages().pageCount(pfn));
        assertTrue(k.pages().pageFlag(pfn, PageFlag.LRU), "still on its LRU list: __page_cache_release is next");
        assertHolds(inv, k);
        k.threads().setStatus(0, ThreadStatus.FINISHED);
        k.mem().set(k.layout().thread(0, Layout.TH_SP), 0);
        assertViolated(inv, k, Names.pfn(pfn));
    }

    @Test
    void catchesANegativeRefcount() {
        Kernel k = machine();
        Machines.setPage(k, 5, Layout.PG_REFCOUNT, -1);
        assertViolated(inv, k, Names.pfn(5));
    }

    @Test
    void catchesAMapcountUnderflow() {
        Kernel k = machine();
        int pfn = Machines.pfnAt(k, 1, 0x1000);
        Machines.setPage(k, pfn, Layout.PG_MAPCOUNT, -2);
        assertViolated(inv, k, Names.pfn(pfn));
    }

    @Test
    void catchesAFreePageWithAReference() {
        Kernel k = Machines.boot();
        int free = Machines.freePfn(k);
        Machines.setPage(k, free, Layout.PG_REFCOUNT, 1);
        assertViolated(inv, k, Names.pfn(free));
    }

    @Test
    void catchesALeakedPage() {
        Kernel k = Machines.boot();
        int pfn = Machines.returned(k.run(AllocPages.class, Gfp.GFP_KERNEL, 0));
        Machines.setPage(k, pfn, Layout.PG_REFCOUNT, 0);
        assertViolated(inv, k, Names.pfn(pfn));
    }

    @Test
    void countsTheSwapEntryAShmemPageCacheKeepsForAWrittenOutPage() {
        Kernel k = Machines.boot();
        int mm = k.mms().mmAlloc();
        int a = k.mmap().doMmapPgoff(mm, -1, 0, Machines.PAGE, Machines.RW,
                org.mmspec.ref.vma.VmFlags.MAP_SHARED | org.mmspec.ref.vma.VmFlags.MAP_ANONYMOUS, 0);
        Machines.store(k, mm, a, 3);
        Machines.reclaim(k, 1);
        k.run(org.mmspec.ref.reclaim.ShrinkActiveList.class, 0, 1);
        Machines.reclaim(k, 2);
        int file = k.vmas().vmFile(k.vmas().findVma(mm, a));
        int offset = k.pageCache().swapEntry(file, 0);
        assertTrue(offset > 0, "written out: the page cache keeps the swap entry");
        assertHolds(inv, k);
        k.mem().add(k.layout().swap(offset - 1, Layout.SW_MAP), -1);
        assertViolated(inv, k, Names.swapSlot(offset));
    }

    @Test
    void catchesASwapSlotWhoseCountMissesAPte() {
        Kernel k = machine();
        int offset = Pte.swpOffset(Machines.pte(k, 1, 0x2000));
        k.mem().add(k.layout().swap(offset - 1, Layout.SW_MAP), -1);
        assertViolated(inv, k, Names.swapSlot(offset));
    }

    @Test
    void catchesASwapSlotFreedUnderTheSwapCache() {
        Kernel k = machine();
        int pfn = Machines.pfnAt(k, 1, 0x1000);
        int offset = k.pages().pagePrivate(pfn);
        assertTrue(k.swap().cachePage(offset) == pfn, "the swapped-in page stays in the swap cache");
        k.mem().set(k.layout().swap(offset - 1, Layout.SW_MAP), 0);
        assertViolated(inv, k, Names.swapSlot(offset));
    }
}
