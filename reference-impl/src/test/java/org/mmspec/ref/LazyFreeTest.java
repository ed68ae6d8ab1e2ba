package org.mmspec.ref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.reclaim.ShrinkZone;
import org.mmspec.ref.unmap.MadviseFree;
import org.mmspec.ref.vma.Mms;

/** {@code MADV_FREE} (4.12) and lazy-free reclaim: clean pages are dropped, written ones kept. */
class LazyFreeTest {

    private final Machine m = new Machine();
    private final int mm = m.mm();
    private final int a = m.mmapAnon(mm, 1);

    @Test
    void madvFreeMovesTheCleanedPageToTheInactiveFileListAndReclaimDropsIt() {
        m.store(mm, a, 5);
        int page = m.pfn(mm, a);
        assertEquals(new Outcome.Returned(0), m.k.run(MadviseFree.class, mm, a, Machine.PAGE));
        assertFalse(Pte.pteDirty(m.pte(mm, a)) || Pte.pteYoung(m.pte(mm, a)), "the PTE is old and clean");
        assertFalse(m.k.pages().pageFlag(page, PageFlag.SWAPBACKED));
        assertFalse(m.k.pages().pageFlag(page, PageFlag.DIRTY));
        assertEquals(page, m.k.lru().lruToPage(m.k.lru().head(0, Lru.LRU_INACTIVE_FILE)));
        assertEquals(5 | Mms.LAZY_FREE, m.k.mms().logical(mm, a), "ghost: 5 or zeroes may be read back");
        int free = m.freePages();
        assertEquals(new Outcome.Returned(1), m.k.run(ShrinkZone.class, 0, 1));
        assertEquals(free + 1, m.freePages(), "discarded without any I/O");
        assertTrue(Pte.pteNone(m.pte(mm, a)));
        assertEquals(0, m.load(mm, a), "the user reads zeroes now");
    }

    @Test
    void aPageWrittenAfterMadvFreeIsKeptAndBecomesSwapBackedAgain() {
        m.store(mm, a, 5);
        int page = m.pfn(mm, a);
        m.k.run(MadviseFree.class, mm, a, Machine.PAGE);
        m.store(mm, a, 6);
        assertEquals(new Outcome.Returned(0), m.k.run(ShrinkZone.class, 0, 1), "young: kept, PG_referenced");
        assertFalse(m.k.pages().pageFlag(page, PageFlag.SWAPBACKED));
        assertEquals(new Outcome.Returned(0), m.k.run(ShrinkZone.class, 0, 1), "old but dirty: kept");
        assertEquals(page, m.pfn(mm, a), "try_to_unmap remapped the redirtied page");
        assertTrue(m.k.pages().pageFlag(page, PageFlag.SWAPBACKED));
        assertEquals(6, m.load(mm, a));
    }

    @Test
    void madvFreeOfASwappedOutPageFreesItsSlot() {
        m.store(mm, a, 5);
        m.k.run(org.mmspec.ref.reclaim.ShrinkActiveList.class, 0, 1);
        m.k.run(ShrinkZone.class, 0, 1);
        m.k.run(ShrinkZone.class, 0, 1);
        int pte = m.pte(mm, a);
        assertTrue(Pte.isSwapPte(pte));
        int slot = Pte.swpOffset(pte);
        assertEquals(new Outcome.Returned(0), m.k.run(MadviseFree.class, mm, a, Machine.PAGE));
        assertTrue(Pte.pteNone(m.pte(mm, a)));
        assertEquals(0, m.k.swap().swapMap(slot), "the swapped-out contents are discarded at once");
        assertEquals(0, m.load(mm, a));
    }

    @Test
    void onlyPrivateAnonymousMappingsMayBeLazilyFreed() {
        int f = m.k.pageCache().createFile(org.mmspec.ref.filemap.FileKind.REGULAR_RW, new int[] {1});
        int fa = m.mmapFile(mm, f, 1, org.mmspec.ref.vma.VmFlags.PROT_READ, org.mmspec.ref.vma.VmFlags.MAP_PRIVATE);
        assertEquals(new Outcome.Returned(org.mmspec.ref.mmap.Mmap.EINVAL), m.k.run(MadviseFree.class, mm, fa, Machine.PAGE));
    }
}
