package org.mmspec.ref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.reclaim.ShrinkActiveList;
import org.mmspec.ref.reclaim.ShrinkZone;
import org.mmspec.ref.unmap.MadviseRemove;
import org.mmspec.ref.vma.VmFlags;

/** shmem writeout: the page goes to swap, the page cache keeps the swap entry, a fault brings it back. */
class ShmemWriteoutTest {

    private final Machine m = new Machine();
    private final int mm = m.mm();
    private final int a = m.k.mmap().doMmapPgoff(mm, -1, 0, Machine.PAGE, VmFlags.PROT_READ | VmFlags.PROT_WRITE,
            VmFlags.MAP_SHARED | VmFlags.MAP_ANONYMOUS, 0);

    private int writeOut() {
        m.store(mm, a, 3);
        int file = m.k.vmas().vmFile(m.k.vmas().findVma(mm, a));
        m.k.run(ShrinkZone.class, 0, 1);
        m.k.run(ShrinkActiveList.class, 0, 1);
        m.k.run(ShrinkZone.class, 0, 1);
        m.k.run(ShrinkZone.class, 0, 1);
        assertEquals(-1, m.k.pageCache().lookup(file, 0), "the page left the page cache");
        int slot = m.k.pageCache().swapEntry(file, 0);
        assertTrue(slot > 0, "its slot holds the swap entry");
        assertEquals(3, m.k.swap().data(slot));
        assertTrue(Pte.pteNone(m.pte(mm, a)));
        return slot;
    }

    @Test
    void aWrittenOutShmemPageIsSwappedBackInOnTheNextFault() {
        int slot = writeOut();
        assertEquals(3, m.load(mm, a));
        int file = m.k.vmas().vmFile(m.k.vmas().findVma(mm, a));
        assertEquals(m.pfn(mm, a), m.k.pageCache().lookup(file, 0), "back in the page cache");
        assertEquals(0, m.k.pageCache().swapEntry(file, 0));
        assertEquals(0, m.k.swap().swapMap(slot), "the slot is free again");
    }

    @Test
    void punchingAHoleFreesTheSwapEntry() {
        int slot = writeOut();
        assertEquals(new Outcome.Returned(0), m.k.run(MadviseRemove.class, mm, a, Machine.PAGE));
        assertEquals(0, m.k.swap().swapMap(slot));
        assertEquals(0, m.load(mm, a));
    }
}
