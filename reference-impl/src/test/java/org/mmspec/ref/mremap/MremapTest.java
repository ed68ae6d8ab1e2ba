package org.mmspec.ref.mremap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.Outcome;
import org.mmspec.ref.fault.VmFault;
import org.mmspec.ref.filemap.FileKind;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.proc.UserAccess;
import org.mmspec.ref.rmapwalk.RmapWalk;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.system.Stepper;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.unmap.Munmap;
import org.mmspec.ref.vma.VmFlags;

/** mremap's move: the VMA copy, the PTEs moved under their locks, the flush of the old range, the munmap. */
class MremapTest {

    private static final int PAGE = 4096;
    private static final int RW = VmFlags.PROT_READ | VmFlags.PROT_WRITE;

    private final Kernel k = Kernel.boot(Config.defaults().toBuilder().nrThreads(2).build());
    private final int mm = k.mms().mmAlloc();

    private int run(Class<? extends Procedure> p, int... args) {
        int[] x = java.util.Arrays.copyOf(args, 4);
        return assertInstanceOf(Outcome.Returned.class, k.run(p, x[0], x[1], x[2], x[3])).value();
    }

    private int anonAt(int addr, int pages) {
        return k.mmap().doMmapPgoff(mm, -1, addr, pages * PAGE, RW, VmFlags.MAP_PRIVATE | VmFlags.MAP_ANONYMOUS
                | VmFlags.MAP_FIXED, 0);
    }

    private void movesDataAndRmapTo(int from, int to) {
        assertEquals(0, run(UserAccess.class, mm, from, 1, 9));
        int pfn = Pte.ptePfn(k.pageTables().pteValue(mm, from));
        assertEquals(to, run(Mremap.class, mm, from, PAGE, to));
        assertEquals(pfn, Pte.ptePfn(k.pageTables().pteValue(mm, to)), "the same page, at the new address");
        assertEquals(9, run(UserAccess.class, mm, to, 0, 0));
        assertTrue((-run(UserAccess.class, mm, from, 0, 0) & VmFault.VM_FAULT_BADMAP) != 0, "the old range is gone");
        assertEquals(1, run(RmapWalk.class, pfn, RmapWalk.REFERENCED, 0), "the rmap finds the page at its new address");
        assertTrue(!Pte.pteYoung(k.pageTables().pteValue(mm, to)), "and cleared its young bit there");
    }

    @Test
    void movingUpKeepsTheDataAndTheRmap() {
        int a = anonAt(PAGE, 1);
        movesDataAndRmapTo(a, 4 * PAGE);
    }

    @Test
    void movingDownKeepsTheDataAndTheRmap() {
        int a = anonAt(4 * PAGE, 1);
        movesDataAndRmapTo(a, PAGE);
    }

    @Test
    void aSharedFileMappingMovesWithItsPageCachePage() {
        int f = k.pageCache().createFile(FileKind.REGULAR_RW, new int[] {4, 5});
        int a = k.mmap().doMmapPgoff(mm, f, PAGE, 2 * PAGE, RW, VmFlags.MAP_SHARED | VmFlags.MAP_FIXED, 0);
        assertEquals(5, run(UserAccess.class, mm, a + PAGE, 0, 0));
        assertEquals(6 * PAGE, run(Mremap.class, mm, a + PAGE, PAGE, 6 * PAGE));
        assertEquals(5, run(UserAccess.class, mm, 6 * PAGE, 0, 0));
        assertEquals(4, run(UserAccess.class, mm, a, 0, 0), "the rest of the VMA stays");
    }

    @Test
    void badRequestsFail() {
        int a = anonAt(PAGE, 2);
        assertEquals(-22, run(Mremap.class, mm, a, PAGE, a + PAGE / 2));
        assertEquals(-22, run(Mremap.class, mm, a, 2 * PAGE, a + PAGE), "overlapping ranges");
        assertEquals(Mremap.EFAULT, run(Mremap.class, mm, 6 * PAGE, PAGE, 7 * PAGE), "nothing mapped there");
        assertEquals(-12, run(Mremap.class, mm, a, PAGE, a + PAGE), "the destination is mapped");
    }

    /** CPU 0 stores through its cached translation of the old address while the move's flush is under way. */
    @Test
    void aStoreThroughTheOldAddressBeforeTheFlushShowsAtTheNewOne() {
        Kernel small = Kernel.boot(Config.small().toBuilder().nrThreads(2).stackDepth(10).build());
        int m = small.mms().mmAlloc();
        int a = small.mmap().doMmapPgoff(m, -1, 0, PAGE, RW, VmFlags.MAP_PRIVATE | VmFlags.MAP_ANONYMOUS, 0);
        assertEquals(0, small.run(UserAccess.class, m, a, 1, 1).value());
        int to = a + 2 * PAGE;
        small.spawn(0, UserAccess.class, m, a, 1, 2);
        small.spawn(1, Mremap.class, m, a, PAGE, to);
        Stepper st = new Stepper(small);
        st.runUntil(1, "flush_tlb_mm_range:flush_tlb_others:ipi");
        assertEquals(0, st.kernel().pageTables().pteValue(m, a), "moved, not yet flushed");
        st.finish(0);
        assertEquals(0, st.kernel().threads().returnValue(0));
        st.finish(1);
        Kernel end = st.kernel();
        int pfn = Pte.ptePfn(end.pageTables().pteValue(m, to));
        assertEquals(2, end.pages().data(pfn));
        assertEquals(2, end.mms().logical(m, to), "ghost: the store shows at the new address");
        assertEquals(-1, end.tlb().lookup(0, m, a));
    }

    @Test
    void munmapAfterMremapFreesThePage() {
        int a = anonAt(PAGE, 1);
        run(UserAccess.class, mm, a, 1, 3);
        int pfn = Pte.ptePfn(k.pageTables().pteValue(mm, a));
        run(Mremap.class, mm, a, PAGE, 3 * PAGE);
        run(Munmap.class, mm, 3 * PAGE, PAGE);
        assertEquals(0, k.pages().pageCount(pfn));
    }
}
