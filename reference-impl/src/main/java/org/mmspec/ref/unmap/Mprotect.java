package org.mmspec.ref.unmap;

import org.mmspec.ref.mmap.Mmap;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.PageTables;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.tlb.Tlb;
import org.mmspec.ref.tlbflush.FlushTlb;
import org.mmspec.ref.vma.Mms;
import org.mmspec.ref.vma.VmFlags;
import org.mmspec.ref.vma.Vmas;

/**
 * {@code mprotect(start, len, prot)} → {@code mprotect_fixup()} → {@code change_protection()}
 * (mm/mprotect.c, Linux 4.9): under {@code mmap_sem} for write, check the whole range is mapped and
 * the new protection is allowed ({@code VM_MAY*}), split VMAs at the ends, set the new flags, then —
 * with a TLB flush of the mm pending ({@code set_tlb_flush_pending}) — per PTE table under the PTE lock
 * (after flushing what reclaim deferred, {@code flush_tlb_batched_pending}, 4.13) rewrite each present
 * PTE's protection bits ({@code pte_modify}: dirty, young and the pfn stay); private writable mappings
 * stay read-only in the PTEs (COW). Until the final {@code flush_tlb_range()} (when a PTE changed) other
 * CPUs keep using the old permissions; then the pending flush is cleared
 * ({@code clear_tlb_flush_pending}). When mprotect returns, no CPU may still write (or, for
 * {@code PROT_NONE}, access) the range through a cached translation. Context: process.
 *
 * <p>Arguments: mm, start, len, prot. Returns 0, {@code -ENOMEM} (hole) or {@code -EACCES}.
 */
public final class Mprotect extends Procedure {

    private static final int PTE_MODIFY_MASK = Pte.L_PTE_XN | Pte.L_PTE_RDONLY | Pte.L_PTE_USER | Pte.L_PTE_NONE
            | Pte.L_PTE_VALID;

    private static final int MM = 0;
    private static final int START = 1;
    private static final int LEN = 2;
    private static final int PROT = 3;
    private static final int CURSOR = 4;
    /** 1 once a PTE was changed (the range needs a flush). */
    private static final int CHANGED = 5;

    private static final int DOWN_WRITE = 0;
    private static final int CHANGE = 1;
    private static final int BATCHED = 2;
    private static final int CHANGE_LOCKED = 3;
    private static final int FLUSHED = 4;
    private static final int LOCKED = 5;
    private static final int BATCH_FLUSHED = 6;
    private static final int DONE = 7;
    private static final int CLEAR_BATCHED = 8;

    private final Geometry geometry;
    private final PageTables pageTables;
    private final Vmas vmas;
    private final Mms mms;
    private final Mmap mmap;
    private final Tlb tlb;
    private final FlushTlb flushTlb;

    public Mprotect(Geometry geometry, PageTables pageTables, Vmas vmas, Mms mms, Mmap mmap, Tlb tlb,
            FlushTlb flushTlb) {
        super("mprotect", "mprotect_fixup", "change_pte_range", "flush_tlb_batched_pending:flush_tlb_mm",
                "change_pte_range:locked", "flush_tlb_range:done", "mm->tlb_flush_batched", "flush_tlb_mm:done",
                "clear_tlb_flush_pending", "mm->tlb_flush_batched = false");
        this.geometry = geometry;
        this.pageTables = pageTables;
        this.vmas = vmas;
        this.mms = mms;
        this.mmap = mmap;
        this.tlb = tlb;
        this.flushTlb = flushTlb;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int mm = c.local(MM);
        int start = c.local(START);
        int end = start + Geometry.pageAlign(c.local(LEN));
        if (pc == DOWN_WRITE) {
            if (!Geometry.isPageAligned(start) || c.local(LEN) <= 0) {
                return c.ret(Mmap.EINVAL);
            }
            if (!mms.downWrite(mm)) {
                return Flow.BLOCK;
            }
            int err = fixup(mm, start, end, c.local(PROT));
            if (err != 0) {
                mms.upWrite(mm);
                return c.ret(err);
            }
            c.set(CURSOR, start);
            tlb.setTlbFlushPending(mm);
            return c.yieldTo(CHANGE);
        }
        switch (pc) {
            case CHANGE -> {
                return lockTable(c, mm, start, end);
            }
            case LOCKED -> {
                return c.yieldTo(tlb.tlbFlushBatched(mm) ? BATCHED : CHANGE_LOCKED);
            }
            case BATCHED -> {
                return c.call(flushTlb, BATCH_FLUSHED, mm, 0, 0, 0);
            }
            case BATCH_FLUSHED -> {
                return c.yieldTo(CLEAR_BATCHED);
            }
            case CLEAR_BATCHED -> {
                tlb.setTlbFlushBatched(mm, false);
                return c.yieldTo(CHANGE_LOCKED);
            }
            case CHANGE_LOCKED -> {
                return changeTable(c, mm, end);
            }
            case FLUSHED -> {
                return c.yieldTo(DONE);
            }
            default -> {
                tlb.clearTlbFlushPending(mm);
                int prot = c.local(PROT);
                if ((prot & VmFlags.PROT_WRITE) == 0) {
                    tlb.revocationComplete(mm, start, end, (prot & VmFlags.PROT_READ) != 0);
                }
                mms.upWrite(mm);
                return c.ret(0);
            }
        }
    }

    /** Checks and applies the new flags to every VMA of {@code [start, end)}. Returns 0 or an errno. */
    private int fixup(int mm, int start, int end, int prot) {
        Vmas v = vmas;
        int want = VmFlags.calcVmProtBits(prot);
        for (int a = start; a < end; ) {
            int vma = v.findVma(mm, a);
            if (vma < 0 || v.vmStart(vma) > a) {
                return Vmas.ENOMEM;
            }
            int flags = v.vmFlags(vma);
            if ((want & VmFlags.VM_WRITE) != 0 && (flags & VmFlags.VM_MAYWRITE) == 0
                    || (want & VmFlags.VM_READ) != 0 && (flags & VmFlags.VM_MAYREAD) == 0) {
                return Mmap.EACCES;
            }
            a = v.vmEnd(vma);
        }
        mmap.splitAt(mm, start);
        mmap.splitAt(mm, end);
        for (int a = start; a < end; ) {
            int vma = v.findVma(mm, a);
            int flags = v.vmFlags(vma) & ~(VmFlags.VM_READ | VmFlags.VM_WRITE | VmFlags.VM_EXEC);
            v.setVmFlags(vma, flags | want);
            a = v.vmEnd(vma);
        }
        return 0;
    }

    private int tableEnd(int addr, int end) {
        int pmdSize = 1 << geometry.pmdShift;
        return Math.min(end, (addr & ~(pmdSize - 1)) + pmdSize);
    }

    /**
     * The next PTE table: take its lock and flush what reclaim deferred; past the end of the range, the
     * final {@code flush_tlb_range()} if a PTE changed.
     */
    private Flow lockTable(Ctx c, int mm, int start, int end) {
        PageTables pt = pageTables;
        int addr = c.local(CURSOR);
        if (addr >= end) {
            if (c.local(CHANGED) != 0) {
                return c.call(flushTlb, FLUSHED, mm, start, end, 0);
            }
            return c.next(FLUSHED);
        }
        int pmd = pt.pmdOffset(pt.pgdOffset(mm, addr), addr);
        if (pt.pmdNone(pmd)) {
            c.set(CURSOR, tableEnd(addr, end));
            return c.next(CHANGE);
        }
        if (pt.pteOffsetMapLock(pmd, addr) < 0) {
            return Flow.BLOCK;
        }
        return c.next(LOCKED);
    }

    /** {@code change_pte_range()} for the table holding the cursor, under its PTE lock. */
    private Flow changeTable(Ctx c, int mm, int end) {
        PageTables pt = pageTables;
        Vmas v = vmas;
        int addr = c.local(CURSOR);
        int tableEnd = tableEnd(addr, end);
        int pmd = pt.pmdOffset(pt.pgdOffset(mm, addr), addr);
        for (int a = addr; a < tableEnd; a += Geometry.PAGE_SIZE) {
            int ptep = pt.pteOffsetMap(pmd, a);
            int pte = pt.read(ptep);
            if (Pte.ptePresent(pte)) {
                int prot = v.vmPageProt(v.findVma(mm, a));
                pt.ptepSetAccessFlags(ptep, (pte & ~PTE_MODIFY_MASK) | (prot & PTE_MODIFY_MASK));
                c.set(CHANGED, 1);
            }
        }
        pt.pteUnmapUnlock(pt.pteOffsetMap(pmd, addr));
        c.set(CURSOR, tableEnd);
        return c.yieldTo(CHANGE);
    }

    @Override
    protected String detail(FrameView f) {
        return "mm" + f.local(MM) + " 0x" + Integer.toHexString(f.local(START)) + "+0x" + Integer.toHexString(f.local(LEN))
                + " prot=" + f.local(PROT);
    }
}
