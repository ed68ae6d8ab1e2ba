package org.mmspec.ref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.fault.VmFault;
import org.mmspec.ref.filemap.FileKind;
import org.mmspec.ref.mem.Mapping;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.proc.UserAccess;
import org.mmspec.ref.reclaim.ShrinkZone;
import org.mmspec.ref.unmap.MadviseDontneed;
import org.mmspec.ref.unmap.Mprotect;
import org.mmspec.ref.unmap.Munmap;
import org.mmspec.ref.vma.VmFlags;

/** The reference implementation's semantics, told as sequential kernel stories. */
class SequentialSemanticsTest {

    @Test
    void readFaultMapsTheZeroPageAndAWriteReplacesItWithAFreshZeroedPage() {
        Machine m = new Machine();
        int mm = m.mm();
        int a = m.mmapAnon(mm, 1);
        int free = m.freePages();
        assertEquals(0, m.load(mm, a));
        int pte = m.pte(mm, a);
        assertEquals(Pages.ZERO_PFN, Pte.ptePfn(pte));
        assertTrue(Pte.pteSpecial(pte) && !Pte.pteWrite(pte), Pte.describe(pte));
        assertEquals(free, m.freePages(), "the zero page costs nothing");

        m.store(mm, a, 42);
        int pfn = m.pfn(mm, a);
        assertNotEquals(Pages.ZERO_PFN, pfn);
        assertTrue(Pte.pteWrite(m.pte(mm, a)) && Pte.pteDirty(m.pte(mm, a)));
        assertEquals(42, m.load(mm, a));
        assertEquals(free - 1, m.freePages());
        assertTrue(m.k.pages().pageAnon(pfn));
        assertEquals(1, m.k.pages().pageMapcount(pfn));
        assertEquals(1, m.k.pages().pageCount(pfn));
        assertTrue(m.k.pages().pageFlag(pfn, PageFlag.LRU) && m.k.pages().pageFlag(pfn, PageFlag.SWAPBACKED));
    }

    @Test
    void forkSharesPagesReadOnlyAndAChildWriteCopies() {
        Machine m = new Machine();
        int parent = m.mm();
        int a = m.mmapAnon(parent, 1);
        m.store(parent, a, 7);
        int pfn = m.pfn(parent, a);
        int child = m.fork(parent);

        assertEquals(pfn, m.pfn(child, a));
        assertFalse(Pte.pteWrite(m.pte(parent, a)));
        assertFalse(Pte.pteWrite(m.pte(child, a)));
        assertEquals(2, m.k.pages().pageMapcount(pfn));
        assertEquals(2, m.k.pages().pageCount(pfn));

        m.store(child, a, 9);
        int copy = m.pfn(child, a);
        assertNotEquals(pfn, copy);
        assertEquals(1, m.k.pages().pageMapcount(pfn));
        assertEquals(1, m.k.pages().pageMapcount(copy));
        assertEquals(7, m.load(parent, a));
        assertEquals(9, m.load(child, a));

        m.store(parent, a, 8);
        assertEquals(pfn, m.pfn(parent, a), "the parent's page is exclusive again and is reused, not copied");
        assertTrue(Pte.pteWrite(m.pte(parent, a)));
    }

    @Test
    void munmapDropsMapcountsAndFreesPagesWhoseLastReferenceGoes() {
        Machine m = new Machine();
        int parent = m.mm();
        int a = m.mmapAnon(parent, 2);
        m.store(parent, a, 1);
        m.store(parent, a + Machine.PAGE, 2);
        int shared = m.pfn(parent, a);
        int child = m.fork(parent);
        int free = m.freePages();

        assertEquals(new Outcome.Returned(0), m.k.run(Munmap.class, parent, a, 2 * Machine.PAGE));
        assertEquals(0, m.k.vmas().count(parent));
        assertEquals(1, m.k.pages().pageMapcount(shared), "still mapped by the child");
        assertEquals(1, m.k.pages().pageCount(shared));
        assertEquals(free, m.freePages(), "both pages are still mapped by the child");

        assertEquals(new Outcome.Returned(0), m.k.run(Munmap.class, child, a, 2 * Machine.PAGE));
        assertEquals(free + 2, m.freePages());
        assertTrue(m.k.buddy().isFree(shared));
    }

    @Test
    void reclaimSwapsAnAnonPageOutAndAFaultBringsTheSameContentsBack() {
        Machine m = new Machine();
        int mm = m.mm();
        int a = m.mmapAnon(mm, 1);
        m.store(mm, a, 1234);
        int pfn = m.pfn(mm, a);
        int free = m.freePages();
        Outcome deactivated = m.k.run(org.mmspec.ref.reclaim.ShrinkActiveList.class, 0, 1);
        assertEquals(1, deactivated.value());
        assertEquals(new Outcome.Returned(0), m.k.run(ShrinkZone.class, 0, 1),
                "the first pass unmaps the page and starts its write to swap; the page stays while the write is in flight");
        assertTrue(m.k.pages().pageFlag(pfn, PageFlag.SWAPCACHE));
        assertFalse(m.k.pages().pageFlag(pfn, PageFlag.WRITEBACK), "the write completed when the call returned");
        assertFalse(m.k.pages().pageFlag(pfn, PageFlag.RECLAIM), "end_page_writeback() cleared PG_reclaim");
        assertEquals(pfn, m.k.lru().lruToPage(m.k.lru().head(0, org.mmspec.ref.lru.Lru.LRU_INACTIVE_ANON)),
                "and rotated the page to the tail of the inactive list");
        assertEquals(new Outcome.Returned(1), m.k.run(ShrinkZone.class, 0, 1), "the next pass frees the clean page");

        int pte = m.pte(mm, a);
        assertTrue(Pte.isSwapPte(pte), Pte.describe(pte));
        int slot = Pte.swpOffset(pte);
        assertEquals(1, m.k.swap().swapCount(slot));
        assertEquals(1234, m.k.swap().data(slot));
        assertTrue(m.k.buddy().isFree(pfn));
        assertEquals(free + 1, m.freePages());

        assertEquals(1234, m.load(mm, a));
        assertTrue(Pte.ptePresent(m.pte(mm, a)));
        assertEquals(0, m.k.swap().swapCount(slot), "the PTE no longer holds the slot");
    }

    @Test
    void aPrivateWriteToAFileMappingCopiesThePageCachePageAndTheFileIsUnchanged() {
        Machine m = new Machine();
        int mm = m.mm();
        int f = m.k.pageCache().createFile(FileKind.REGULAR_RW, new int[] {10, 11});
        int a = m.mmapFile(mm, f, 2, VmFlags.PROT_READ | VmFlags.PROT_WRITE, VmFlags.MAP_PRIVATE);
        assertEquals(10, m.load(mm, a));
        int cached = m.pfn(mm, a);
        assertEquals(cached, m.k.pageCache().lookup(f, 0));
        assertFalse(m.k.pages().pageAnon(cached));
        assertFalse(Pte.pteWrite(m.pte(mm, a)));

        m.store(mm, a, 99);
        int copy = m.pfn(mm, a);
        assertNotEquals(cached, copy);
        assertTrue(m.k.pages().pageAnon(copy));
        assertEquals(99, m.load(mm, a));
        assertEquals(10, m.k.pages().data(cached), "the page cache is not written");
        assertEquals(10, m.k.pageCache().disk(f, 0));
        assertEquals(0, m.k.pages().pageMapcount(cached));
    }

    @Test
    void aSharedWriteGoesToThePageCacheAndIsWrittenBackByKswapd() {
        Machine m = new Machine();
        int mm = m.mm();
        int f = m.k.pageCache().createFile(FileKind.REGULAR_RW, new int[] {10});
        int a = m.mmapFile(mm, f, 1, VmFlags.PROT_READ | VmFlags.PROT_WRITE, VmFlags.MAP_SHARED);
        m.store(mm, a, 77);
        int cached = m.pfn(mm, a);
        assertEquals(cached, m.k.pageCache().lookup(f, 0));
        assertEquals(77, m.k.pages().data(cached));
        assertTrue(m.k.pages().pageFlag(cached, PageFlag.DIRTY));
        assertEquals(new Outcome.Returned(0), m.k.run(Munmap.class, mm, a, Machine.PAGE));
        m.k.run(ShrinkZone.class, 0, 1);
        assertEquals(cached, m.k.pageCache().lookup(f, 0),
                "the unmap marked it accessed: a referenced dirty file page is kept (PAGEREF_RECLAIM_CLEAN)");
        m.k.run(ShrinkZone.class, 0, 1);
        assertEquals(cached, m.k.pageCache().lookup(f, 0), "kept while its write-back is in flight");
        assertEquals(77, m.k.pageCache().disk(f, 0), "written back (the sequential call completed the I/O)");
        m.k.run(ShrinkZone.class, 0, 1);
        assertEquals(-1, m.k.pageCache().lookup(f, 0), "reclaimed after write-back");
    }

    @Test
    void madviseDontneedDiscardsPrivateAnonymousContents() {
        Machine m = new Machine();
        int mm = m.mm();
        int a = m.mmapAnon(mm, 1);
        m.store(mm, a, 5);
        int free = m.freePages();
        assertEquals(new Outcome.Returned(0), m.k.run(MadviseDontneed.class, mm, a, Machine.PAGE));
        assertTrue(Pte.pteNone(m.pte(mm, a)));
        assertEquals(free + 1, m.freePages());
        assertEquals(0, m.load(mm, a));
    }

    @Test
    void aWriteAfterMprotectToReadOnlyIsASegmentationFault() {
        Machine m = new Machine();
        int mm = m.mm();
        int a = m.mmapAnon(mm, 1);
        m.store(mm, a, 3);
        assertEquals(new Outcome.Returned(0), m.k.run(Mprotect.class, mm, a, Machine.PAGE, VmFlags.PROT_READ));
        assertFalse(Pte.pteWrite(m.pte(mm, a)));
        Outcome o = m.k.run(UserAccess.class, mm, a, 1, 4);
        assertEquals(-VmFault.VM_FAULT_BADACCESS, o.value());
        assertEquals(3, m.load(mm, a));
        assertEquals(new Outcome.Returned(0), m.k.run(Mprotect.class, mm, a, Machine.PAGE,
                VmFlags.PROT_READ | VmFlags.PROT_WRITE));
        m.store(mm, a, 4);
        assertEquals(4, m.load(mm, a));
    }

    @Test
    void anAccessOutsideEveryVmaIsASegmentationFault() {
        Machine m = new Machine();
        int mm = m.mm();
        Outcome o = m.k.run(UserAccess.class, mm, 8 * Machine.PAGE, 0, 0);
        assertEquals(-VmFault.VM_FAULT_BADMAP, o.value());
    }

    @Test
    void theZeroPageIsNeverFreedAndPageAnonFollowsTheMapping() {
        Machine m = new Machine();
        Pages p = m.k.pages();
        assertTrue(p.pageFlag(Pages.ZERO_PFN, PageFlag.RESERVED));
        assertEquals(1, p.pageCount(Pages.ZERO_PFN));
        int mm = m.mm();
        int a = m.mmapAnon(mm, 1);
        m.store(mm, a, 1);
        int pfn = m.pfn(mm, a);
        assertTrue(Mapping.isAnon(p.mapping(pfn)));
        assertEquals(-1, p.pageMapping(pfn), "page_mapping() of an anon page not in the swap cache is NULL");
        assertFalse(p.pageKsm(pfn));
    }
}
