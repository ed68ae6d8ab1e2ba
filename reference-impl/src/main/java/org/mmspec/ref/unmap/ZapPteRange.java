package org.mmspec.ref.unmap;

import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.mmap.Memory;
import org.mmspec.ref.pagelock.LockPage;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.PageTables;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.rmap.Rmap;
import org.mmspec.ref.swap.Swap;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
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
 * {@code zap_page_range()} / {@code unmap_page_range()} → {@code zap_pte_range()} (mm/memory.c,
 * Linux 4.9) over {@code [start, end)} of one VMA, inside an mmu_gather ({@code tlb_gather_mmu} …
 * {@code tlb_finish_mmu}, which count as a pending flush of the mm, 4.15). Per PTE table: take the PTE
 * lock and, if reclaim deferred a flush of this mm, flush it first ({@code flush_tlb_batched_pending},
 * 4.13); for each PTE, {@code ptep_get_and_clear_full()} (a file page inherits the PTE's dirty bit and is
 * marked accessed if young), then — a separate step, visible to lockless readers —
 * {@code page_remove_rmap()} and {@code __tlb_remove_page()} into the mmu_gather; swap entries drop their
 * slot ({@code free_swap_and_cache}). Other CPUs may still use cached translations of the cleared PTEs:
 * the gathered pages are freed only after the TLB flush. A full gather, or a zapped dirty file page,
 * forces the flush before the PTE lock is released ({@code tlb_flush_mmu_tlbonly}), then frees the
 * gather ({@code tlb_flush_mmu_free}); otherwise the pages wait for {@code tlb_finish_mmu}, which
 * flushes the range if any present PTE was cleared — or if another thread's flush of the mm is pending
 * ({@code mm_tlb_flush_nested}, 4.15: its PTEs may be the ones this zap found already cleared) — and
 * then frees them. The gather holds two pages in the model.
 *
 * <p>Modes: {@link #RESET_LOGICAL} (the user-visible contents of a private mapping revert to its
 * backing: madvise, munmap), {@link #SKIP_ANON} ({@code unmap_mapping_range} without
 * {@code even_cows}: COW copies in private mappings stay), {@link #LOCK_FILE_PAGES} (the
 * {@code madv-remove-deadlock} bug: lock each file page before zapping its table, as
 * {@code __split_huge_pmd()} did for shmem THPs). Context: {@code mmap_sem} (or {@code i_mmap_rwsem}
 * for {@code unmap_mapping_range}).
 *
 * <p>Arguments: vma, start, end, mode.
 */
public final class ZapPteRange extends Procedure {

    public static final int RESET_LOGICAL = 1;
    public static final int SKIP_ANON = 2;
    public static final int LOCK_FILE_PAGES = 4;
    /** Mode bits kept by the procedure itself: a present PTE was cleared (the range needs a flush). */
    private static final int NEED_FLUSH = 0x100;
    /** The flush must happen before the PTE lock is released ({@code force_flush}). */
    private static final int FORCE = 0x200;
    /** {@code tlb_gather_mmu} done: the start is recorded and the flush counts as pending. */
    private static final int STARTED = 0x400;

    private static final int VMA = 0;
    private static final int ADDR = 1;
    private static final int END = 2;
    private static final int MODE = 3;
    /** Gathered pages: two pfn + 1 values packed in 16-bit halves. */
    private static final int GATHER = 4;
    private static final int TABLE_END = 5;
    /** The file page locked for the current table (bug mode), pfn + 1. */
    private static final int LOCKED = 6;
    /** The page whose PTE was just cleared, pfn + 1. */
    private static final int PENDING = 7;
    private static final int START = 8;

    private static final int TABLE = 0;
    private static final int PTE = 1;
    private static final int RMAP = 2;
    private static final int FREE = 3;
    private static final int TABLE_LOCKED = 4;
    private static final int UNLOCKED = 5;
    private static final int BATCHED = 6;
    private static final int FORCED = 7;
    private static final int FINISH = 8;
    private static final int FINISHED = 9;
    private static final int TABLE_DONE = 10;

    private final Geometry geometry;
    private final Pages pages;
    private final Lru lru;
    private final PageTables pageTables;
    private final Swap swap;
    private final Vmas vmas;
    private final Mms mms;
    private final Rmap rmap;
    private final Memory memory;
    private final Tlb tlb;
    private final LockPage lockPage;
    private final UnlockPage unlockPage;
    private final FlushTlb flushTlb;

    public ZapPteRange(Geometry geometry, Pages pages, Lru lru, PageTables pageTables, Swap swap, Vmas vmas, Mms mms,
            Rmap rmap, Memory memory, Tlb tlb, LockPage lockPage, UnlockPage unlockPage, FlushTlb flushTlb) {
        super("zap_pte_range", "pte_offset_map_lock", "ptep_get_and_clear_full", "page_remove_rmap",
                "tlb_flush_mmu_free", "__split_huge_pmd:lock_page", "unlock_page:done", "flush_tlb_batched_pending",
                "tlb_flush_mmu_tlbonly", "tlb_finish_mmu", "tlb_finish_mmu:free", "pte_unmap_unlock");
        this.geometry = geometry;
        this.pages = pages;
        this.lru = lru;
        this.pageTables = pageTables;
        this.swap = swap;
        this.vmas = vmas;
        this.mms = mms;
        this.rmap = rmap;
        this.memory = memory;
        this.tlb = tlb;
        this.lockPage = lockPage;
        this.unlockPage = unlockPage;
        this.flushTlb = flushTlb;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int mm = vmas.mmOf(c.local(VMA));
        switch (pc) {
            case TABLE -> {
                return table(c, mm);
            }
            case TABLE_LOCKED -> {
                return c.yieldTo(TABLE);
            }
            case BATCHED -> {
                tlb.setTlbFlushBatched(mm, false);
                return c.next(PTE);
            }
            case PTE -> {
                return pte(c, mm);
            }
            case RMAP -> {
                return rmap(c, mm);
            }
            case FORCED -> {
                pageTables.pteUnmapUnlock(ptepOf(c, Math.min(c.local(ADDR), c.local(TABLE_END)) - Geometry.PAGE_SIZE));
                c.set(MODE, c.local(MODE) & ~FORCE);
                return c.next(FREE);
            }
            case FREE -> {
                freeGathered(c);
                return c.local(ADDR) >= c.local(TABLE_END) ? c.next(TABLE_DONE) : c.yieldTo(TABLE);
            }
            case TABLE_DONE -> {
                if (c.local(LOCKED) != 0) {
                    return c.call(unlockPage, UNLOCKED, c.local(LOCKED) - 1);
                }
                return c.yieldTo(TABLE);
            }
            case UNLOCKED -> {
                lru.putPage(c.local(LOCKED) - 1);
                c.set(LOCKED, 0);
                return c.yieldTo(TABLE);
            }
            case FINISH -> {
                if ((c.local(MODE) & NEED_FLUSH) != 0 || tlb.mmTlbFlushNested(mm)) {
                    return c.call(flushTlb, FINISHED, mm, c.local(START), c.local(END), 0);
                }
                return c.next(FINISHED);
            }
            case FINISHED -> {
                freeGathered(c);
                tlb.clearTlbFlushPending(mm);
                return c.ret(0);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 16, pc);
        }
    }

    private int ptepOf(Ctx c, int addr) {
        PageTables pt = pageTables;
        int mm = vmas.mmOf(c.local(VMA));
        return pt.pteOffsetMap(pt.pmdOffset(pt.pgdOffset(mm, addr), addr), addr);
    }

    /**
     * Starts the next PTE table: skip an empty pmd, lock a file page (bug mode), take the PTE lock and
     * flush what reclaim deferred; at the end of the range, {@code tlb_finish_mmu}.
     */
    private Flow table(Ctx c, int mm) {
        PageTables pt = pageTables;
        int vma = c.local(VMA);
        if ((c.local(MODE) & STARTED) == 0) {
            c.set(MODE, c.local(MODE) | STARTED);
            c.set(START, c.local(ADDR));
            tlb.setTlbFlushPending(mm);
        }
        int pmdSize = 1 << geometry.pmdShift;
        while (c.local(ADDR) < c.local(END)) {
            int addr = c.local(ADDR);
            int tableEnd = Math.min(c.local(END), (addr & ~(pmdSize - 1)) + pmdSize);
            int pmd = pt.pmdOffset(pt.pgdOffset(mm, addr), addr);
            if (pt.pmdNone(pmd)) {
                resetLogical(c, addr, tableEnd);
                c.set(ADDR, tableEnd);
                continue;
            }
            if ((c.local(MODE) & LOCK_FILE_PAGES) != 0 && c.local(LOCKED) == 0) {
                int page = firstFilePage(vma, pt, pmd, addr, tableEnd);
                if (page >= 0) {
                    pages.getPage(page);
                    c.set(LOCKED, page + 1);
                    return c.call(lockPage, TABLE_LOCKED, page, 0);
                }
            }
            if (pt.pteOffsetMapLock(pmd, addr) < 0) {
                return Flow.BLOCK;
            }
            c.set(TABLE_END, tableEnd);
            if (tlb.tlbFlushBatched(mm)) {
                return c.call(flushTlb, BATCHED, mm, 0, 0, 0);
            }
            return c.next(PTE);
        }
        return c.next(FINISH);
    }

    private int firstFilePage(int vma, PageTables pt, int pmd, int from, int to) {
        for (int a = from; a < to; a += Geometry.PAGE_SIZE) {
            int pte = pt.read(pt.pteOffsetMap(pmd, a));
            if (Pte.ptePresent(pte)) {
                int page = memory.vmNormalPage(vma, pte);
                if (page >= 0 && !pages.pageAnon(page)) {
                    return page;
                }
            }
        }
        return -1;
    }

    /** One PTE under the lock; at the end of the table, the forced flush or the unlock. */
    private Flow pte(Ctx c, int mm) {
        PageTables pt = pageTables;
        Pages p = pages;
        int vma = c.local(VMA);
        int addr = c.local(ADDR);
        if (addr >= c.local(TABLE_END)) {
            if ((c.local(MODE) & FORCE) != 0) {
                return c.call(flushTlb, FORCED, mm, c.local(START), c.local(END), 0);
            }
            pt.pteUnmapUnlock(ptepOf(c, c.local(TABLE_END) - Geometry.PAGE_SIZE));
            return c.next(TABLE_DONE);
        }
        int ptep = ptepOf(c, addr);
        int pte = pt.read(ptep);
        if (Pte.pteNone(pte)) {
            resetLogical(c, addr, addr + Geometry.PAGE_SIZE);
            c.set(ADDR, addr + Geometry.PAGE_SIZE);
            return c.next(PTE);
        }
        if (!Pte.ptePresent(pte)) {
            if ((c.local(MODE) & SKIP_ANON) != 0) {
                c.set(ADDR, addr + Geometry.PAGE_SIZE);
                return c.next(PTE);
            }
            mms.addMmCounter(mm, Mms.MM_SWAPENTS, -1);
            pt.ptepGetAndClear(ptep);
            swap.freeSwapAndCache(Pte.swpOffset(pte));
            resetLogical(c, addr, addr + Geometry.PAGE_SIZE);
            c.set(ADDR, addr + Geometry.PAGE_SIZE);
            return c.yieldTo(PTE);
        }
        int page = memory.vmNormalPage(vma, pte);
        if (page >= 0 && p.pageAnon(page) && (c.local(MODE) & SKIP_ANON) != 0) {
            c.set(ADDR, addr + Geometry.PAGE_SIZE);
            return c.next(PTE);
        }
        pt.ptepGetAndClear(ptep);
        c.set(MODE, c.local(MODE) | NEED_FLUSH);
        resetLogical(c, addr, addr + Geometry.PAGE_SIZE);
        if (page < 0) {
            c.set(ADDR, addr + Geometry.PAGE_SIZE);
            return c.yieldTo(PTE);
        }
        if (!p.pageAnon(page)) {
            if (Pte.pteDirty(pte)) {
                c.set(MODE, c.local(MODE) | FORCE);
                p.setPageFlag(page, PageFlag.DIRTY);
            }
            if (Pte.pteYoung(pte)) {
                lru.markPageAccessed(page);
            }
            mms.addMmCounter(mm, Mms.MM_FILEPAGES, -1);
        } else {
            mms.addMmCounter(mm, Mms.MM_ANONPAGES, -1);
        }
        c.set(PENDING, page + 1);
        return c.yieldTo(RMAP);
    }

    /** {@code page_remove_rmap()} and {@code __tlb_remove_page()}; a full gather forces the flush. */
    private Flow rmap(Ctx c, int mm) {
        int page = c.local(PENDING) - 1;
        rmap.pageRemoveRmap(page);
        c.set(PENDING, 0);
        int g = c.local(GATHER);
        c.set(GATHER, (g & 0xFFFF) == 0 ? g | (page + 1) : g | ((page + 1) << 16));
        c.set(ADDR, c.local(ADDR) + Geometry.PAGE_SIZE);
        if ((c.local(GATHER) >>> 16) != 0) {
            c.set(MODE, c.local(MODE) | FORCE);
            return c.call(flushTlb, FORCED, mm, c.local(START), c.local(END), 0);
        }
        return c.yieldTo(PTE);
    }

    /** {@code tlb_flush_mmu_free()} → {@code free_pages_and_swap_cache()}: release the gathered pages. */
    private void freeGathered(Ctx c) {
        int g = c.local(GATHER);
        c.set(GATHER, 0);
        if ((g & 0xFFFF) != 0) {
            lru.putPage((g & 0xFFFF) - 1);
        }
        if ((g >>> 16) != 0) {
            lru.putPage((g >>> 16) - 1);
        }
    }

    private void resetLogical(Ctx c, int from, int to) {
        if ((c.local(MODE) & RESET_LOGICAL) == 0 || (vmas.vmFlags(c.local(VMA)) & VmFlags.VM_SHARED) != 0) {
            return;
        }
        int mm = vmas.mmOf(c.local(VMA));
        for (int a = from; a < to; a += Geometry.PAGE_SIZE) {
            mms.setLogical(mm, a, Mms.FOLLOWS_BACKING);
        }
    }

    @Override
    protected String detail(FrameView f) {
        return "addr=0x" + Integer.toHexString(f.local(ADDR))
                + (f.local(PENDING) != 0 ? " pfn=" + (f.local(PENDING) - 1) : "");
    }
}
