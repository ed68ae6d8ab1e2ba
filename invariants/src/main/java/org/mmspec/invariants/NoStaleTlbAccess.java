package org.mmspec.invariants;

import org.mmspec.ref.view.MmView;
import org.mmspec.ref.view.GhostView.StaleTlbAccess;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.Witness;

/**
 * {@code no_stale_tlb_access}: no user access goes through a translation whose revocation has completed.
 * A CPU may keep using a cached translation after its PTE was cleared or write-protected — until the TLB
 * flush reaches it; but once the operation that revoked it has flushed and returned ({@code munmap},
 * {@code mprotect}, {@code mremap}, the write-protection of {@code fork}), no CPU may still translate
 * through it. The model marks, when such an operation returns (holding {@code mmap_sem} for write, so no
 * one else can have made a translation of the range since), every TLB entry of the range that still
 * caches a revoked translation, and records the first access through a marked entry.
 *
 * <p>Kernel: arch/x86/mm/tlb.c {@code flush_tlb_mm_range()} and {@code flush_tlb_others()} (the IPI
 * round), mm/memory.c {@code tlb_finish_mmu()} (pages are freed only after the flush), mm/rmap.c
 * {@code try_to_unmap_flush()} and {@code flush_tlb_batched_pending()} (3ea277194daa, 4.13: a munmap or
 * mprotect that found the PTE already cleared by reclaim must still flush what reclaim deferred, or it
 * returns while the stale translation lives on).
 */
public final class NoStaleTlbAccess implements Invariant<MmView> {

    public static final String ID = "no_stale_tlb_access";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "no user access goes through a TLB entry whose revocation has completed (the PTE is gone or"
                + " write-protected and the operation that changed it has flushed and returned)";
    }

    @Override
    public Witness check(MmView v) {
        StaleTlbAccess a = v.ghosts().staleTlbAccess();
        if (a == null) {
            return null;
        }
        String t = Names.thread(a.tid());
        String where = "mm" + a.mm() + " 0x" + Integer.toHexString(a.addr());
        return Witness.of(t + " on cpu" + v.cpuOf(a.tid()) + " accessed " + where
                + " through a TLB entry that should have been flushed: the operation that revoked it has returned", t,
                where);
    }
}
