package org.mmspec.ref.unmap;

import static org.mmspec.ref.unmap.ZapPteRangeFrame.*;

import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.mmap.Memory;
import org.mmspec.ref.pagelock.LockPage;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.pageref.FreeSwapAndCache;
import org.mmspec.ref.pageref.MarkPageAccessed;
import org.mmspec.ref.pageref.MlockVmaPage;
import org.mmspec.ref.pageref.PutPage;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.PageTables;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.pin.GupPins;
import org.mmspec.ref.rmap.Rmap;
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
 * Linux 4.9) over {@code [start, end)} of one VMA, action by action, inside an mmu_gather ({@code
 * tlb_gather_mmu}, which counts as a pending flush of the mm: {@code inc_tlb_flush_pending}, 4.15). Per PTE
 * table: take the PTE lock and, if reclaim deferred a flush of this mm, flush it first ({@code
 * flush_tlb_batched_pending}, 4.13: a racy look at {@code mm->tlb_flush_batched}, {@code flush_tlb_mm},
 * the flag cleared); for each PTE, {@code ptep_get_and_clear_full()} and, for a file page, {@code
 * set_page_dirty} when the PTE was dirty (which forces the flush before the PTE lock is dropped); then
 * {@code mark_page_accessed} when it was young ({@link MarkPageAccessed}); then {@code page_remove_rmap()}
 * (an atomic; the last mapping of an mlocked page clears it, {@code clear_page_mlock}) and {@code
 * __tlb_remove_page()} into the mmu_gather — each atomic its own step, visible to lockless readers; a swap
 * entry drops its slot ({@link FreeSwapAndCache}) and is cleared. Other CPUs may still use cached
 * translations of the cleared PTEs: gathered pages are freed only after the TLB flush. A full gather, or a
 * dirty file page, forces the flush before the PTE lock is released ({@code tlb_flush_mmu_tlbonly}), then
 * the gathered pages are released one {@link PutPage} at a time ({@code tlb_flush_mmu_free}); otherwise
 * they wait for {@code tlb_finish_mmu}: {@code mm_tlb_flush_nested} (4.15: another thread's flush of the
 * mm is pending, and its PTEs may be those this zap found already cleared), the flush of the range if a
 * present PTE was cleared or the flush is nested, the release, and {@code dec_tlb_flush_pending}. The
 * gather holds two pages in the model. An empty pmd is skipped (a racy read when {@code mmap_sem} is held
 * for read: its own step).
 *
 * <p>Modes: {@link #RESET_LOGICAL} (the user-visible contents of a private mapping revert to its
 * backing: madvise, munmap), {@link #SKIP_ANON} ({@code unmap_mapping_range} without
 * {@code even_cows}: COW copies in private mappings stay), {@link #LOCK_FILE_PAGES} (the
 * {@code madv-remove-deadlock} bug: lock each file page before zapping its table, as
 * {@code __split_huge_pmd()} did for shmem THPs: a racy look at the huge pmd — the model scans the table it
 * stands for as one read — {@code get_page}, then {@code lock_page}). Context: {@code mmap_sem} (or {@code
 * i_mmap_rwsem} for {@code unmap_mapping_range}).
 *
 * <p>Arguments: vma, start, end, mode.
 */
public final class ZapPteRange extends Procedure {

    public static final int RESET_LOGICAL = 1;
    public static final int SKIP_ANON = 2;
    public static final int LOCK_FILE_PAGES = 4;
    private final Geometry geometry;
    private final Pages pages;
    private final PageTables pageTables;
    private final Vmas vmas;
    private final Mms mms;
    private final Rmap rmap;
    private final Memory memory;
    private final GupPins gupPins;
    private final Calls calls;

    private final Tlb tlb;

    /** The procedures {@code zap_pte_range()} calls. */
    public record Calls(LockPage lockPage, UnlockPage unlockPage, PutPage putPage, MarkPageAccessed markPageAccessed,
            FreeSwapAndCache freeSwapAndCache, FlushTlb flushTlb, MlockVmaPage mlockVmaPage) {
    }

    public ZapPteRange(Geometry geometry, Pages pages, PageTables pageTables, Vmas vmas, Mms mms, Rmap rmap,
            Memory memory, Tlb tlb, GupPins gupPins, Calls calls) {
        super("zap_pte_range", "pte_offset_map_lock", "ptep_get_and_clear_full", "page_remove_rmap",
                "tlb_flush_mmu_free:put_page", "__split_huge_pmd:lock_page:done", "unlock_page:done",
                "mark_page_accessed", "mark_page_accessed:done", "free_swap_and_cache:done", "put_page:done",
                "__split_huge_pmd:lock_page", "put_page(locked)", "next table", "__split_huge_pmd:get_page",
                "flush_tlb_batched_pending:flush_tlb_mm", "flush_tlb_mm:done", "mm->tlb_flush_batched = false",
                "clear_page_mlock", "clear_page_mlock:done", "tlb_flush_mmu_tlbonly", "tlb_flush_mmu_tlbonly:done",
                "tlb_finish_mmu:mm_tlb_flush_nested", "tlb_finish_mmu:flush", "tlb_finish_mmu:flushed",
                "tlb_finish_mmu:dec_tlb_flush_pending", "pte_offset_map_lock:done", "pte_unmap_unlock:done",
                "tlb_gather_mmu:inc_tlb_flush_pending");
        this.geometry = geometry;
        this.pages = pages;
        this.pageTables = pageTables;
        this.vmas = vmas;
        this.mms = mms;
        this.rmap = rmap;
        this.memory = memory;
        this.tlb = tlb;
        this.gupPins = gupPins;
        this.calls = calls;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int pending = c.local(PENDING) - 1;
        return switch (pc) {
            case TABLE -> table(c);
            case GATHER_MMU -> {
                c.set(MODE, c.local(MODE) | STARTED);
                c.set(START, c.local(ADDR));
                tlb.setTlbFlushPending(mm(c));
                yield c.yieldTo(TABLE);
            }
            case LOCKED_PTE -> c.yieldTo(tlb.tlbFlushBatched(mm(c)) ? BATCHED : PTE);
            case BATCHED -> c.call(calls.flushTlb(), BATCH_FLUSHED, mm(c), 0, 0, 0);
            case BATCH_FLUSHED -> c.yieldTo(CLEAR_BATCHED);
            case CLEAR_BATCHED -> {
                tlb.setTlbFlushBatched(mm(c), false);
                yield c.yieldTo(PTE);
            }
            case NEXT_TABLE -> c.yieldTo(TABLE);
            case GET_FILE -> {
                pages.refs().getPage(c.local(LOCKED) - 1);
                yield c.yieldTo(LOCK_FILE);
            }
            case LOCK_FILE -> c.call(calls.lockPage(), TABLE_LOCKED, c.local(LOCKED) - 1, 0);
            case TABLE_LOCKED -> c.yieldTo(TABLE);
            case PTE -> pte(c);
            case ACCESSED -> c.call(calls.markPageAccessed(), ACCESSED_DONE, pending);
            case ACCESSED_DONE -> c.yieldTo(RMAP);
            case RMAP -> rmap(c, pending);
            case CLEAR_MLOCK -> c.call(calls.mlockVmaPage(), MLOCK_CLEARED, c.local(PENDING) - 1, 0);
            case MLOCK_CLEARED -> gathered(c);
            case FORCE_FLUSH -> c.call(calls.flushTlb(), FORCED, mm(c), c.local(START), c.local(END), 0);
            case FORCED -> {
                c.set(MODE, c.local(MODE) & ~FORCE);
                pageTables.pteUnmapUnlock(ptepOf(c, Math.min(c.local(ADDR), c.local(TABLE_END)) - Geometry.PAGE_SIZE));
                yield c.yieldTo(FLUSH);
            }
            case FINISH -> c.yieldTo((c.local(MODE) & NEED_FLUSH) != 0 | tlb.mmTlbFlushNested(mm(c)) ? FINISH_FLUSH
                    : FLUSH);
            case FINISH_FLUSH -> c.call(calls.flushTlb(), FINISH_FLUSHED, mm(c), c.local(START), c.local(END), 0);
            case FINISH_FLUSHED -> c.yieldTo(FLUSH);
            case FINISHED -> {
                tlb.clearTlbFlushPending(mm(c));
                yield c.ret(0);
            }
            case SWAP_FREED -> {
                pageTables.ptepGetAndClear(ptepOf(c, c.local(ADDR)));
                c.set(ADDR, c.local(ADDR) + Geometry.PAGE_SIZE);
                yield c.yieldTo(PTE);
            }
            case FLUSH -> flush(c);
            case UNLOCKED_TABLE -> tableDone(c);
            case FLUSHED -> c.yieldTo(FLUSH);
            case UNLOCKED -> c.yieldTo(PUT_LOCKED);
            case PUT_LOCKED -> {
                int locked = c.local(LOCKED) - 1;
                c.set(LOCKED, 0);
                yield c.call(calls.putPage(), NEXT_TABLE, locked);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 16, pc);
        };
    }

    private int ptepOf(Ctx c, int addr) {
        PageTables pt = pageTables;
        int mm = vmas.mmOf(c.local(VMA));
        return pt.pteOffsetMap(pt.pmdOffset(pt.pgdOffset(mm, addr), addr), addr);
    }

    /** Starts the next PTE table: skip an empty pmd, lock a file page (bug mode), take the PTE lock. */
    private Flow table(Ctx c) {
        PageTables pt = pageTables;
        int vma = c.local(VMA);
        int mm = vmas.mmOf(vma);
        int pmdSize = 1 << geometry.pmdShift;
        int addr = c.local(ADDR);
        if ((c.local(MODE) & STARTED) == 0) {
            return c.next(GATHER_MMU);
        }
        if (addr >= c.local(END)) {
            return finish(c);
        }
        int tableEnd = Math.min(c.local(END), (addr & ~(pmdSize - 1)) + pmdSize);
        int pmd = pt.pmdOffset(pt.pgdOffset(mm, addr), addr);
        if (pt.pmdNone(pmd)) {
            resetLogical(c, addr, tableEnd);
            c.set(ADDR, tableEnd);
            return c.yieldTo(TABLE);
        }
        if ((c.local(MODE) & LOCK_FILE_PAGES) != 0 && c.local(LOCKED) == 0) {
            pt.hugePmdReadBegin();
            int page = firstFilePage(vma, pt, pmd, addr, tableEnd);
            pt.hugePmdReadEnd();
            if (page >= 0) {
                c.set(LOCKED, page + 1);
                return c.yieldTo(GET_FILE);
            }
        }
        if (pt.pteOffsetMapLock(pmd, addr) < 0) {
            return Flow.BLOCK;
        }
        c.set(TABLE_END, tableEnd);
        return c.next(LOCKED_PTE);
    }

    /** {@code tlb_finish_mmu()}: the nested check, the flush, the release, then the pending count. */
    private Flow finish(Ctx c) {
        c.set(MODE, c.local(MODE) | FINISHING);
        return c.next(FINISH);
    }

    private int mm(Ctx c) {
        return vmas.mmOf(c.local(VMA));
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

    /** One PTE under the lock. */
    private Flow pte(Ctx c) {
        PageTables pt = pageTables;
        Pages p = pages;
        int vma = c.local(VMA);
        int mm = vmas.mmOf(vma);
        int addr = c.local(ADDR);
        int ptep = ptepOf(c, Math.min(addr, c.local(TABLE_END) - Geometry.PAGE_SIZE));
        if (addr >= c.local(TABLE_END)) {
            if ((c.local(MODE) & FORCE) != 0) {
                return c.yieldTo(FORCE_FLUSH);
            }
            pt.pteUnmapUnlock(ptep);
            return c.yieldTo(UNLOCKED_TABLE);
        }
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
            resetLogical(c, addr, addr + Geometry.PAGE_SIZE);
            return c.call(calls.freeSwapAndCache(), SWAP_FREED, Pte.swpOffset(pte));
        }
        int page = memory.vmNormalPage(vma, pte);
        boolean anon = page >= 0 && p.pageAnon(page);
        if (anon && (c.local(MODE) & SKIP_ANON) != 0) {
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
        c.set(PENDING, page + 1);
        if (anon) {
            mms.addMmCounter(mm, Mms.MM_ANONPAGES, -1);
            return c.yieldTo(RMAP);
        }
        mms.addMmCounter(mm, Mms.MM_FILEPAGES, -1);
        if (Pte.pteDirty(pte)) {
            c.set(MODE, c.local(MODE) | FORCE);
            p.setPageFlag(page, PageFlag.DIRTY);
        }
        return c.yieldTo(Pte.pteYoung(pte) ? ACCESSED : RMAP);
    }

    /** {@code page_remove_rmap}, then (an action later, for its last mapping) {@code clear_page_mlock}. */
    private Flow rmap(Ctx c, int page) {
        return rmap.pageRemoveRmap(page) ? c.yieldTo(CLEAR_MLOCK) : gathered(c);
    }

    /** {@code __tlb_remove_page}: into the gather; a full gather forces the flush. */
    private Flow gathered(Ctx c) {
        int page = c.local(PENDING) - 1;
        c.set(PENDING, 0);
        int g = c.local(GATHER);
        c.set(GATHER, (g & 0xFFFF) == 0 ? g | (page + 1) : g | ((page + 1) << 16));
        c.set(ADDR, c.local(ADDR) + Geometry.PAGE_SIZE);
        if ((c.local(GATHER) >>> 16) != 0) {
            c.set(MODE, c.local(MODE) | FORCE);
            return c.yieldTo(FORCE_FLUSH);
        }
        return c.yieldTo(PTE);
    }

    /**
     * {@code tlb_flush_mmu_free()} → {@code free_pages_and_swap_cache()}: release the gathered pages one by
     * one; then the next table, or the rest of {@code tlb_finish_mmu}.
     */
    private Flow flush(Ctx c) {
        int g = c.local(GATHER);
        if (g != 0) {
            int page = (g & 0xFFFF) - 1;
            c.set(GATHER, g >>> 16);
            return c.call(calls.putPage(), FLUSHED, page);
        }
        if ((c.local(MODE) & FINISHING) != 0) {
            return c.next(FINISHED);
        }
        return c.next(UNLOCKED_TABLE);
    }

    /** The PTE lock of a table is released: the file page locked for it (bug mode) goes, then the next table. */
    private Flow tableDone(Ctx c) {
        if (c.local(LOCKED) != 0 && c.local(ADDR) >= c.local(TABLE_END)) {
            return c.call(calls.unlockPage(), UNLOCKED, c.local(LOCKED) - 1);
        }
        return c.next(TABLE);
    }

    private void resetLogical(Ctx c, int from, int to) {
        if ((c.local(MODE) & RESET_LOGICAL) == 0 || (vmas.vmFlags(c.local(VMA)) & VmFlags.VM_SHARED) != 0) {
            return;
        }
        int mm = vmas.mmOf(c.local(VMA));
        for (int a = from; a < to; a += Geometry.PAGE_SIZE) {
            mms.setLogical(mm, a, Mms.FOLLOWS_BACKING);
        }
        gupPins.detach(mm, from, to);
    }

    @Override
    protected String detail(FrameView f) {
        return "addr=0x" + Integer.toHexString(f.local(ADDR))
                + (f.local(PENDING) != 0 ? " pfn=" + (f.local(PENDING) - 1) : "");
    }
}
