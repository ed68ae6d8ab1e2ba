package org.mmspec.ref.mlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.Outcome;
import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.proc.UserAccess;
import org.mmspec.ref.reclaim.ShrinkActiveList;
import org.mmspec.ref.reclaim.ShrinkZone;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.unmap.Munmap;
import org.mmspec.ref.vma.VmFlags;

/** mlock/munlock: VM_LOCKED, PG_mlocked, the unevictable list, and reclaim leaving mlocked pages alone. */
class MlockTest {

    private static final int PAGE = 4096;

    private final Kernel k = Kernel.boot(Config.defaults());
    private final int mm = k.mms().mmAlloc();
    private final int a = k.mmap().doMmapPgoff(mm, -1, 0, 2 * PAGE, VmFlags.PROT_READ | VmFlags.PROT_WRITE,
            VmFlags.MAP_PRIVATE | VmFlags.MAP_ANONYMOUS, 0);

    private int run(Class<? extends Procedure> p, int... args) {
        int[] x = java.util.Arrays.copyOf(args, 4);
        return assertInstanceOf(Outcome.Returned.class, k.run(p, x[0], x[1], x[2], x[3])).value();
    }

    private int pfn(int addr) {
        int pte = k.pageTables().pteValue(mm, addr);
        assertTrue(Pte.ptePresent(pte), "mapped at 0x" + Integer.toHexString(addr));
        return Pte.ptePfn(pte);
    }

    private boolean onUnevictableList(int pfn) {
        int head = k.lru().head(0, Lru.LRU_UNEVICTABLE);
        for (int p = k.lists().first(head); p >= 0; p = k.lists().next(p)) {
            if (p == pfn) {
                return true;
            }
        }
        return false;
    }

    @Test
    void mlockFaultsTheRangeInMlockedOnTheUnevictableList() {
        assertEquals(0, run(UserAccess.class, mm, a, 1, 5));
        int first = pfn(a);
        run(ShrinkActiveList.class, 0, 1);
        assertFalse(k.pages().pageFlag(first, PageFlag.ACTIVE), "the touched page is inactive");
        assertEquals(0, run(Mlock.class, mm, a, 2 * PAGE));
        assertTrue((k.vmas().vmFlags(k.vmas().findVma(mm, a)) & VmFlags.VM_LOCKED) != 0);
        for (int addr = a; addr < a + 2 * PAGE; addr += PAGE) {
            int p = pfn(addr);
            assertTrue(k.pages().pageFlag(p, PageFlag.MLOCKED), "PG_mlocked");
            assertTrue(k.pages().pageFlag(p, PageFlag.UNEVICTABLE) && onUnevictableList(p), "unevictable");
            assertTrue(Pte.pteWrite(k.pageTables().pteValue(mm, addr)), "COW broken now (FOLL_WRITE)");
        }
        assertEquals(5, run(UserAccess.class, mm, a, 0, 0));
    }

    @Test
    void reclaimLeavesMlockedPagesAloneAndMunlockMakesThemEvictableAgain() {
        assertEquals(0, run(UserAccess.class, mm, a, 1, 5));
        assertEquals(0, run(Mlock.class, mm, a, PAGE));
        int p = pfn(a);
        for (int i = 0; i < 4; i++) {
            run(ShrinkZone.class, 0, 1);
        }
        assertEquals(p, pfn(a), "still mapped: reclaim scans no unevictable page");
        assertEquals(0, run(Munlock.class, mm, a, PAGE));
        assertFalse(k.pages().pageFlag(p, PageFlag.MLOCKED));
        assertFalse(onUnevictableList(p) || k.pages().pageFlag(p, PageFlag.UNEVICTABLE));
        assertTrue(k.pages().pageFlag(p, PageFlag.LRU), "back on an evictable list");
        assertTrue((k.vmas().vmFlags(k.vmas().findVma(mm, a)) & VmFlags.VM_LOCKED) == 0);
    }

    @Test
    void aPageFoundInALockedVmaByReclaimIsMlockedAndCulled() {
        assertEquals(0, run(UserAccess.class, mm, a, 1, 5));
        int p = pfn(a);
        run(ShrinkActiveList.class, 0, 1);
        int vma = k.vmas().findVma(mm, a);
        k.vmas().setVmFlags(vma, k.vmas().vmFlags(vma) | VmFlags.VM_LOCKED);
        run(ShrinkZone.class, 0, 1);
        assertEquals(p, pfn(a), "try_to_unmap saw VM_LOCKED: not unmapped");
        assertTrue(k.pages().pageFlag(p, PageFlag.MLOCKED) && onUnevictableList(p), "mlocked and culled");
    }

    @Test
    void munmapOfAnMlockedPageClearsPgMlockedAndFreesIt() {
        assertEquals(0, run(Mlock.class, mm, a, PAGE));
        int p = pfn(a);
        assertEquals(0, run(Munmap.class, mm, a, PAGE));
        assertEquals(0, k.pages().pageCount(p), "freed");
        assertFalse(k.pages().pageFlag(p, PageFlag.MLOCKED) || k.pages().pageFlag(p, PageFlag.UNEVICTABLE));
    }

    @Test
    void mlockOfAHoleIsEnomem() {
        assertEquals(-12, run(Mlock.class, mm, a, 4 * PAGE));
        assertEquals(-22, run(Mlock.class, mm, a + 1, PAGE));
    }
}
