package org.mmspec.ref.rmapwalk;

import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.Mapping;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.PageTables;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.rmap.AnonVmas;
import org.mmspec.ref.rmap.Rmap;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.sched.Threads;
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
 * {@code rmap_walk()} (mm/rmap.c, Linux 4.9) with its two users: {@code page_referenced_one()} and
 * {@code try_to_unmap_one()}. For an anonymous page the walk holds its anon_vma's (root) rwsem for read
 * and visits every VMA chained to it; for a file page it holds the file's {@code i_mmap_rwsem} for read
 * and visits every VMA mapping the file at the page's offset. In each VMA it finds the PTE with
 * {@code page_check_address()}: without {@code TTU_SYNC} it first looks at the PTE without the PTE lock
 * and skips a VMA whose PTE is not present — the lockless peek that the TTU_SYNC fix (732ed55823fc)
 * removes for {@code split_huge_page}; then it takes the PTE lock and rechecks.
 * <ul>
 * <li>{@link #REFERENCED}: test-and-clear the young bit of each PTE; returns how many were young.</li>
 * <li>{@link #TRY_TO_UNMAP}: unless {@code TTU_IGNORE_ACCESS}, a young PTE fails the walk
 * ({@code SWAP_FAIL}); otherwise the PTE is cleared (a swap-cache page leaves a swap entry and a slot
 * reference behind), its dirty bit moves to the page, the mapping and its reference are dropped. Returns
 * {@code SWAP_SUCCESS} when the page is no longer mapped, else {@code SWAP_AGAIN} or {@code SWAP_FAIL}.</li>
 * <li>{@link #TRY_TO_MUNLOCK}: {@code try_to_munlock()} — a {@code VM_LOCKED} VMA that still maps the
 * page mlocks it again ({@code SWAP_MLOCK}); otherwise {@code SWAP_AGAIN}.</li>
 * </ul>
 * A {@code VM_LOCKED} VMA ends the walk: {@code page_referenced_one()} reports it ({@link #REFERENCED_VM_LOCKED};
 * reclaim then goes straight to unmapping), and {@code try_to_unmap_one()} without
 * {@code TTU_IGNORE_MLOCK} mlocks the page ({@code mlock_vma_page}) and returns {@link #SWAP_MLOCK}.
 * KSM pages are not walked. Context: the page is locked for {@code TRY_TO_UNMAP} and
 * {@code TRY_TO_MUNLOCK}; the caller holds a reference.
 *
 * <p>Arguments: pfn, mode, ttu flags.
 */
public final class RmapWalk extends Procedure {

    public static final int REFERENCED = 0;
    public static final int TRY_TO_UNMAP = 1;
    /** {@code try_to_munlock()}: is the page still mapped by a {@code VM_LOCKED} VMA (then mlock it again)? */
    public static final int TRY_TO_MUNLOCK = 2;
    /** {@link #REFERENCED} result bit: a {@code VM_LOCKED} VMA maps the page ({@code vm_flags |= VM_LOCKED}). */
    public static final int REFERENCED_VM_LOCKED = 1 << 16;

    public static final int SWAP_SUCCESS = 0;
    public static final int SWAP_AGAIN = 1;
    public static final int SWAP_FAIL = 2;
    /** A {@code VM_LOCKED} VMA maps the page: it was mlocked and must not be reclaimed. */
    public static final int SWAP_MLOCK = 3;

    public static final int TTU_UNMAP = 1;
    public static final int TTU_IGNORE_MLOCK = 1 << 8;
    public static final int TTU_IGNORE_ACCESS = 1 << 9;
    /** Take the PTE lock even when the PTE looks empty (Linux 5.13, 732ed55823fc). */
    public static final int TTU_SYNC = 1 << 10;
    /** Defer the TLB flush to {@code try_to_unmap_flush()} when other CPUs may cache the mm (4.3+). */
    public static final int TTU_BATCH_FLUSH = 1 << 11;

    private static final int PFN = 0;
    private static final int MODE = 1;
    private static final int FLAGS = 2;
    /** anon_vma id + 1, or -(file id + 1). */
    private static final int ANCHOR = 3;
    /** The VMA visited last, as (mm << 20 | start page), + 1; 0 before the first. */
    private static final int CURSOR = 4;
    private static final int RESULT = 5;
    private static final int ADDR = 6;
    /** The PTE value {@code try_to_unmap_one()} cleared, while its flush runs. */
    private static final int PTEVAL = 7;

    private static final int LOCK = 0;
    private static final int NEXT = 1;
    private static final int PTE_LOCK = 2;
    private static final int UNLOCK = 3;
    private static final int UNMAP_FLUSHED = 4;

    private final Config config;
    private final Pages pages;
    private final Lru lru;
    private final PageTables pageTables;
    private final Swap swap;
    private final PageCache pageCache;
    private final Vmas vmas;
    private final Mms mms;
    private final AnonVmas anonVmas;
    private final Rmap rmap;
    private final Tlb tlb;
    private final Threads threads;
    private final FlushTlb flushTlb;

    public RmapWalk(Config config, Pages pages, Lru lru, PageTables pageTables, Swap swap, PageCache pageCache,
            Vmas vmas, Mms mms, AnonVmas anonVmas, Rmap rmap, Tlb tlb, Threads threads, FlushTlb flushTlb) {
        super("rmap_walk", "anon_vma_lock_read", "page_check_address", "pte_offset_map_lock", "unlock",
                "ptep_clear_flush:done");
        this.config = config;
        this.pages = pages;
        this.lru = lru;
        this.pageTables = pageTables;
        this.swap = swap;
        this.pageCache = pageCache;
        this.vmas = vmas;
        this.mms = mms;
        this.anonVmas = anonVmas;
        this.rmap = rmap;
        this.tlb = tlb;
        this.threads = threads;
        this.flushTlb = flushTlb;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        Pages p = pages;
        int pfn = c.local(PFN);
        switch (pc) {
            case LOCK -> {
                if (!p.pageMapped(pfn)) {
                    return c.ret(c.local(MODE) == REFERENCED ? 0 : SWAP_SUCCESS);
                }
                int mapping = p.mapping(pfn);
                if (Mapping.isKsm(mapping) || mapping == Mapping.NULL) {
                    return c.ret(c.local(MODE) == REFERENCED ? 0 : SWAP_AGAIN);
                }
                if (Mapping.isAnon(mapping)) {
                    int av = Mapping.target(mapping);
                    if (!anonVmas.lockRead(av)) {
                        return Flow.BLOCK;
                    }
                    c.set(ANCHOR, av + 1);
                } else {
                    int file = Mapping.target(mapping);
                    if (!pageCache.immapLockRead(file)) {
                        return Flow.BLOCK;
                    }
                    c.set(ANCHOR, -(file + 1));
                }
                c.set(RESULT, c.local(MODE) == REFERENCED ? 0 : SWAP_AGAIN);
                return c.yieldTo(NEXT);
            }
            case NEXT -> {
                return next(c);
            }
            case PTE_LOCK -> {
                return visit(c, p, pfn);
            }
            case UNMAP_FLUSHED -> {
                int mm = (c.local(CURSOR) - 1) >>> 20;
                int addr = c.local(ADDR);
                PageTables pt = pageTables;
                int ptep = pt.pteOffsetMap(pt.pmdOffset(pt.pgdOffset(mm, addr), addr), addr);
                return unmapped(c, p, pfn, mm, addr, ptep, c.local(PTEVAL));
            }
            case UNLOCK -> {
                int anchor = c.local(ANCHOR);
                if (anchor > 0) {
                    anonVmas.unlockRead(anchor - 1);
                } else {
                    pageCache.immapUnlockRead(-anchor - 1);
                }
                if (c.local(MODE) != TRY_TO_UNMAP) {
                    return c.ret(c.local(RESULT));
                }
                if (c.local(RESULT) == SWAP_FAIL || c.local(RESULT) == SWAP_MLOCK) {
                    return c.ret(c.local(RESULT));
                }
                return c.ret(p.pageMapped(pfn) ? SWAP_AGAIN : SWAP_SUCCESS);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 11, pc);
        }
    }

    /** Picks the next VMA in (mm, start) order that maps the page's offset; peeks at its PTE. */
    private Flow next(Ctx c) {
        Config cfg = config;
        Vmas v = vmas;
        int anchor = c.local(ANCHOR);
        int index = pages.index(c.local(PFN));
        int cursor = c.local(CURSOR);
        for (int mm = 1; mm < cfg.nrMms(); mm++) {
            for (int s = 0; s < v.count(mm); s++) {
                int vma = v.slot(mm, s);
                int key = (mm << 20 | (v.vmStart(vma) >>> Geometry.PAGE_SHIFT)) + 1;
                if (key <= cursor || !chained(v, vma, anchor)) {
                    continue;
                }
                int addr = v.vmaAddress(vma, index);
                if (addr < 0) {
                    continue;
                }
                c.set(CURSOR, key);
                c.set(ADDR, addr);
                boolean sync = (c.local(FLAGS) & TTU_SYNC) != 0;
                if (!sync) {
                    int pte = pageTables.walk(mm, addr);
                    if (pte < 0 || !Pte.ptePresent(pageTables.read(pte))) {
                        return c.yieldTo(NEXT);
                    }
                }
                return c.yieldTo(PTE_LOCK);
            }
        }
        return c.next(UNLOCK);
    }

    private boolean chained(Vmas v, int vma, int anchor) {
        if (anchor > 0) {
            return (v.avc(vma) & (1 << (anchor - 1))) != 0;
        }
        return v.vmFile(vma) == -anchor - 1;
    }

    /** {@code page_referenced_one()} / {@code try_to_unmap_one()} under the PTE lock. */
    private Flow visit(Ctx c, Pages p, int pfn) {
        PageTables pt = pageTables;
        int cursor = c.local(CURSOR) - 1;
        int mm = cursor >>> 20;
        int addr = c.local(ADDR);
        int pmd = pt.pmdOffset(pt.pgdOffset(mm, addr), addr);
        if (pt.pmdNone(pmd)) {
            return c.yieldTo(NEXT);
        }
        int ptep = pt.pteOffsetMapLock(pmd, addr);
        if (ptep < 0) {
            return Flow.BLOCK;
        }
        int pte = pt.read(ptep);
        if (!Pte.ptePresent(pte) || Pte.ptePfn(pte) != pfn) {
            pt.pteUnmapUnlock(ptep);
            return c.yieldTo(NEXT);
        }
        boolean locked = (vmas.vmFlags(vmas.findVma(mm, addr)) & VmFlags.VM_LOCKED) != 0;
        if (c.local(MODE) == REFERENCED) {
            if (locked) {
                pt.pteUnmapUnlock(ptep);
                c.set(RESULT, c.local(RESULT) | REFERENCED_VM_LOCKED);
                return c.next(UNLOCK);
            }
            if (pt.ptepTestAndClearYoung(ptep)) {
                c.set(RESULT, c.local(RESULT) + 1);
            }
            pt.pteUnmapUnlock(ptep);
            return c.yieldTo(NEXT);
        }
        if (locked && (c.local(FLAGS) & TTU_IGNORE_MLOCK) == 0) {
            lru.mlockVmaPage(pfn);
            pt.pteUnmapUnlock(ptep);
            c.set(RESULT, SWAP_MLOCK);
            return c.next(UNLOCK);
        }
        if (c.local(MODE) == TRY_TO_MUNLOCK) {
            pt.pteUnmapUnlock(ptep);
            return c.yieldTo(NEXT);
        }
        if ((c.local(FLAGS) & TTU_IGNORE_ACCESS) == 0 && pt.ptepTestAndClearYoung(ptep)) {
            pt.pteUnmapUnlock(ptep);
            c.set(RESULT, SWAP_FAIL);
            return c.next(UNLOCK);
        }
        int pteval = pt.read(ptep);
        if (p.pageAnon(pfn) && !p.pageFlag(pfn, PageFlag.SWAPCACHE)) {
            pt.pteUnmapUnlock(ptep);
            c.set(RESULT, SWAP_FAIL);
            return c.next(UNLOCK);
        }
        pt.ptepGetAndClear(ptep);
        int others = tlb.mmCpumask(mm) & ~(1 << c.cpu());
        if ((c.local(FLAGS) & TTU_BATCH_FLUSH) != 0 && others != 0) {
            setTlbUbcFlushPending(c, mm, Pte.pteDirty(pteval));
        } else if (tlb.pteAccessible(mm, pteval)) {
            if (others != 0) {
                c.set(PTEVAL, pteval);
                return c.call(flushTlb, UNMAP_FLUSHED, mm, addr, addr + Geometry.PAGE_SIZE, 0);
            }
            tlb.flushRange(c.cpu(), mm, addr, addr + Geometry.PAGE_SIZE);
        }
        return unmapped(c, p, pfn, mm, addr, ptep, pteval);
    }

    /**
     * {@code set_tlb_ubc_flush_pending()} (mm/rmap.c, 4.3+; {@code mm->tlb_flush_batched}, 4.13): the flush
     * of the cleared PTE joins the current task's batch, done by {@code try_to_unmap_flush()}.
     */
    private void setTlbUbcFlushPending(Ctx c, int mm, boolean writable) {
        int ubc = threads.tlbUbc(c.tid()) | FlushTlb.UBC_FLUSH_REQUIRED | (writable ? FlushTlb.UBC_WRITABLE : 0)
                | tlb.mmCpumask(mm) << FlushTlb.UBC_CPUMASK_SHIFT;
        threads.setTlbUbc(c.tid(), ubc);
        tlb.setTlbFlushBatched(mm, true);
    }

    /**
     * The rest of {@code try_to_unmap_one()} once the PTE is cleared (and, unless deferred, flushed): an
     * anonymous page leaves a swap entry and a slot reference behind, the dirty bit moves to the page, the
     * mapping and its reference are dropped; then the PTE lock is released.
     */
    private Flow unmapped(Ctx c, Pages p, int pfn, int mm, int addr, int ptep, int pteval) {
        PageTables pt = pageTables;
        if (p.pageAnon(pfn)) {
            int offset = p.pagePrivate(pfn);
            swap.swapDuplicate(offset);
            mms.addMmCounter(mm, Mms.MM_ANONPAGES, -1);
            mms.addMmCounter(mm, Mms.MM_SWAPENTS, 1);
            pt.setPteAt(mm, addr, ptep, Pte.swpEntryToPte(0, offset));
        } else {
            mms.addMmCounter(mm, Mms.MM_FILEPAGES, -1);
        }
        if (Pte.pteDirty(pteval)) {
            p.setPageFlag(pfn, PageFlag.DIRTY);
        }
        rmap.pageRemoveRmap(pfn);
        lru.putPage(pfn);
        pt.pteUnmapUnlock(ptep);
        c.set(PTEVAL, 0);
        return p.pageMapped(pfn) ? c.yieldTo(NEXT) : c.next(UNLOCK);
    }

    @Override
    protected String detail(FrameView f) {
        String what = switch (f.local(MODE)) {
            case REFERENCED -> "page_referenced";
            case TRY_TO_UNMAP -> "try_to_unmap";
            default -> "try_to_munlock";
        };
        return what + " pfn=" + f.local(PFN);
    }
}
