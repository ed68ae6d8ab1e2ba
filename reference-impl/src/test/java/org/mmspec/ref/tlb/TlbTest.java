package org.mmspec.ref.tlb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.Outcome;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.proc.UserAccess;
import org.mmspec.ref.reclaim.ShrinkActiveList;
import org.mmspec.ref.reclaim.ShrinkZone;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.sync.KernelBlock;
import org.mmspec.ref.system.Stepper;
import org.mmspec.ref.unmap.Mprotect;
import org.mmspec.ref.unmap.Munmap;
import org.mmspec.ref.vma.VmFlags;

/**
 * The per-CPU TLBs: user accesses use cached translations until a flush reaches their CPU; flushes send
 * IPIs as steps of their own, held off by a CPU with interrupts disabled; reclaim batches its flushes and
 * munmap flushes what reclaim deferred. Two threads: T0 on CPU 0 (where the set-up ran, so its TLB is
 * warm), T1 on CPU 1.
 */
class TlbTest {

    private static final int PAGE = 4096;

    private final Kernel k = Kernel.boot(Config.small().toBuilder().nrThreads(2).stackDepth(10).build());
    private final int mm = k.mms().mmAlloc();
    private final int a = k.mmap().doMmapPgoff(mm, -1, 0, PAGE, VmFlags.PROT_READ | VmFlags.PROT_WRITE,
            VmFlags.MAP_PRIVATE | VmFlags.MAP_ANONYMOUS, 0);

    private int run(Class<? extends org.mmspec.ref.threads.Procedure> p, int... args) {
        int[] x = java.util.Arrays.copyOf(args, 4);
        return assertInstanceOf(Outcome.Returned.class, k.run(p, x[0], x[1], x[2], x[3])).value();
    }

    private void store(int value) {
        assertEquals(0, run(UserAccess.class, mm, a, 1, value));
    }

    @Test
    void accessesUseTheCachedTranslationUntilAFlushReachesTheCpu() {
        store(7);
        int cpu = k.sequentialTid() % k.config().nrCpus();
        int e = k.tlb().lookup(cpu, mm, a);
        assertTrue(e >= 0, "the store filled the TLB");
        assertTrue(Pte.pteDirty(k.tlb().entryPte(cpu, e)) && Pte.pteWrite(k.tlb().entryPte(cpu, e)));
        assertEquals(1 << cpu, k.tlb().mmCpumask(mm));
        int ptep = k.pageTables().walk(mm, a);
        int pte = k.pageTables().read(ptep);
        k.mem().set(ptep, Pte.pteWrprotect(pte));
        store(8);
        assertEquals(8, k.pages().data(Pte.ptePfn(pte)), "the write-protected PTE is not looked at: the TLB allows it");
        k.tlb().flushRange(cpu, mm, 0, 0);
        assertEquals(-1, k.tlb().lookup(cpu, mm, a));
        assertEquals(8, run(UserAccess.class, mm, a, 0, 0), "after the flush the access walks the table again");
    }

    @Test
    void aStoreThroughAStaleEntryLandsBeforeMunmapsFlushAndFreesNothingEarly() {
        store(1);
        int page = Pte.ptePfn(k.pageTables().pteValue(mm, a));
        k.spawn(0, UserAccess.class, mm, a, 1, 2);
        k.spawn(1, Munmap.class, mm, a, PAGE, 0);
        Stepper st = new Stepper(k);
        st.runUntil(1, "flush_tlb_mm_range:flush_tlb_others:ipi");
        Kernel mid = st.kernel();
        assertEquals(0, mid.pageTables().pteValue(mm, a), "the zap cleared the PTE");
        assertTrue(mid.pages().pageCount(page) > 0, "the gathered page is not freed before the flush");
        assertTrue(mid.tlb().lookup(0, mm, a) >= 0, "CPU 0 still caches the translation");
        st.finish(0);
        assertEquals(0, st.kernel().threads().returnValue(0), "the store went through the stale entry");
        assertEquals(2, st.kernel().pages().data(page));
        st.finish(1);
        Kernel end = st.kernel();
        assertEquals(-1, end.tlb().lookup(0, mm, a), "the IPI flushed CPU 0");
        assertEquals(0, end.pages().pageCount(page), "freed after the flush");
        assertEquals(0, end.mem().get(org.mmspec.ref.state.Layout.G_STALE_TLB_TID));
    }

    @Test
    void anIpiWaitsForACpuWithInterruptsDisabled() {
        store(1);
        k.current().enter(0);
        k.tlb().localIrqDisable();
        k.spawn(0, UserAccess.class, mm, a, 0, 0);
        k.spawn(1, Munmap.class, mm, a, PAGE, 0);
        Stepper st = new Stepper(k);
        st.runUntil(1, "flush_tlb_mm_range:flush_tlb_others:ipi");
        assertFalse(st.canMove(1), "CPU 0 does not take the IPI");
        KernelBlock.OnIpi why = assertInstanceOf(KernelBlock.OnIpi.class, st.system().blockReason(st.state(), 1));
        assertTrue(why.describe().contains("cpu0") && why.describe().contains("T0"), why.describe());
        Kernel held = st.kernel();
        held.current().enter(0);
        held.tlb().localIrqEnable();
        Stepper resumed = new Stepper(held);
        resumed.finish(1);
        assertEquals(-1, resumed.kernel().tlb().lookup(0, mm, a), "local_irq_enable lets the IPI in");
    }

    @Test
    void pteAccessibleCountsAProtNonePteWhileAFlushOfTheMmIsPending() {
        store(1);
        int protNone = Pte.L_PTE_NONE | Pte.L_PTE_USER | Pte.L_PTE_YOUNG;
        assertFalse(k.tlb().pteAccessible(mm, protNone), "not valid, no flush pending");
        assertTrue(k.tlb().pteAccessible(mm, k.pageTables().pteValue(mm, a)), "a valid PTE is accessible");
        k.spawn(0, UserAccess.class, mm, a, 0, 0);
        k.spawn(1, Mprotect.class, mm, a, PAGE, VmFlags.PROT_NONE);
        Stepper st = new Stepper(k);
        st.runUntil(1, "flush_tlb_mm_range:flush_tlb_others:ipi");
        Kernel mid = st.kernel();
        assertTrue(mid.tlb().mmTlbFlushPending(mm), "set_tlb_flush_pending until the flush is done");
        assertTrue(mid.tlb().pteAccessible(mm, protNone), "its old translation may still be cached");
        st.finish(1);
        assertFalse(st.kernel().tlb().mmTlbFlushPending(mm));
        st.finish(0);
        assertTrue(st.kernel().threads().returnValue(0) < 0, "PROT_NONE: the load faults with SIGSEGV");
    }

    @Test
    void munmapFlushesWhatReclaimDeferredEvenWhenItFindsOnlyASwapEntry() {
        store(1);
        run(ShrinkActiveList.class, 0, 1);
        k.spawn(0, Munmap.class, mm, a, PAGE, 0);
        k.spawn(1, ShrinkZone.class, 0, 0, 0, 0);
        Stepper st = new Stepper(k);
        st.runUntil(1, x -> Pte.isSwapPte(x.pageTables().pteValue(mm, a)) && x.mem().get(x.layout().ptl(mm, 0)) == 0
                && x.anonVmas().rootUnlocked(0));
        Kernel mid = st.kernel();
        assertTrue(Pte.isSwapPte(mid.pageTables().pteValue(mm, a)), "reclaim left a swap entry");
        assertTrue(mid.tlb().tlbFlushBatched(mm), "and deferred its flush");
        assertTrue(mid.tlb().lookup(0, mm, a) >= 0, "CPU 0 still caches the translation");
        st.finish(0);
        Kernel after = st.kernel();
        assertEquals(-1, after.tlb().lookup(0, mm, a), "flush_tlb_batched_pending flushed it before munmap returned");
        assertFalse(after.tlb().tlbFlushBatched(mm));
        st.finish(1);
    }
}
