package org.mmspec.ref.rmapwalk;

import static org.mmspec.ref.rmapwalk.RmapWalkFrame.*;

import org.mmspec.ref.bugs.BugId;
import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.mem.Mapping;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pageref.MlockVmaPage;
import org.mmspec.ref.pageref.PutPage;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.PageTables;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.rmap.AnonVmas;
import org.mmspec.ref.rmap.Rmap;
import org.mmspec.ref.sched.Threads;
import org.mmspec.ref.state.Config;
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
 * removes for {@code split_huge_page}; then it takes the PTE lock and rechecks. Action by action: the
 * page's mapping ({@code page_anon_vma} / {@code page_mapping}); the rmap lock; per VMA the peek and the
 * PTE lock; {@code try_to_unmap_one()} holds the PTE lock across its {@code set_page_dirty},
 * {@code swap_duplicate}, {@code page_remove_rmap} and {@code put_page}; after each VMA
 * {@code page_not_mapped}; then the unlock and {@code page_mapcount}. (Both walks take the anon_vma
 * lock with {@code anon_vma_lock_read}; {@code page_lock_anon_vma_read}'s trylock dance is not modelled.)
 * <ul>
 * <li>{@link #REFERENCED}: test-and-clear the young bit of each PTE; returns how many were young.</li>
 * <li>{@link #TRY_TO_UNMAP}: unless {@code TTU_IGNORE_ACCESS}, a young PTE fails the walk
 * ({@code SWAP_FAIL}); otherwise the PTE is cleared (a swap-cache page leaves a swap entry and a slot
 * reference behind), its dirty bit moves to the page, the mapping and its reference are dropped. Returns
 * {@code SWAP_SUCCESS} when the page is no longer mapped, else {@code SWAP_AGAIN} or {@code SWAP_FAIL}. The
 * cleared PTE is flushed ({@code ptep_clear_flush}: {@code pte_accessible}, then {@link FlushTlb}); with
 * {@link #TTU_BATCH_FLUSH}, when {@code should_defer_flush} sees other CPUs in {@code mm_cpumask}, the flush
 * joins the task's batch instead ({@code set_tlb_ubc_flush_pending}: the CPUs into {@code current->tlb_ubc},
 * then {@code mm->tlb_flush_batched}), done later by {@code try_to_unmap_flush()}. The last mapping of an
 * mlocked page clears it ({@code clear_page_mlock}, an action after {@code page_remove_rmap}). A lazily
 * freed page ({@code MADV_FREE}: anonymous, not swap-backed; Linux 4.12) leaves no swap entry: after the
 * clear and the flush, the {@code MADV_FREE} page check of 4.13, with 6c8e2a256915 of 5.18 — the references
 * are read ({@code page_ref_count}, {@code page_mapcount}, {@code PageDirty}: one action); a page written
 * since {@code MADV_FREE} is mapped again and becomes swap-backed (the walk fails: reclaim keeps it), and
 * so, fixed, is a page with references beyond the isolation's and the mappings' — a direct-I/O read may be
 * about to write into it through a GUP reference; with {@link BugId#MADV_FREE_GUP} that check is missing
 * and the clean page is discarded while GUP holds it. Otherwise the page is discarded: the user reads
 * zeroes there from now on.</li>
 * <li>{@link #TRY_TO_MUNLOCK}: {@code try_to_munlock()} — only {@code VM_LOCKED} VMAs are visited; one that
 * still maps the page mlocks it again ({@code SWAP_MLOCK}); otherwise {@code SWAP_AGAIN}.</li>
 * </ul>
 * A {@code VM_LOCKED} VMA ends the walk: {@code page_referenced_one()} reports it ({@link
 * #REFERENCED_VM_LOCKED}), and {@code try_to_unmap_one()} without {@code TTU_IGNORE_MLOCK} mlocks the page
 * ({@link MlockVmaPage mlock_vma_page}, under the PTE lock) and returns {@link #SWAP_MLOCK}. KSM pages are
 * not walked. Context: the page is locked for {@code TRY_TO_UNMAP} and {@code TRY_TO_MUNLOCK}; the caller
 * holds a reference.
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

    private final Config config;
    private final Pages pages;
    private final PageTables pageTables;
    private final Swap swap;
    private final PageCache pageCache;
    private final Vmas vmas;
    private final Mms mms;
    private final AnonVmas anonVmas;
    private final Rmap rmap;
    private final PutPage putPage;
    private final Tlb tlb;
    private final Threads threads;
    private final FlushTlb flushTlb;
    private final MlockVmaPage mlockVmaPage;

    /** What {@code try_to_unmap_one()} needs for its flush and for mlocked pages. */
    public record Tlbs(Tlb tlb, Threads threads, FlushTlb flushTlb, MlockVmaPage mlockVmaPage) {
    }

    public RmapWalk(Config config, Pages pages, PageTables pageTables, Swap swap, PageCache pageCache, Vmas vmas,
            Mms mms, AnonVmas anonVmas, Rmap rmap, PutPage putPage, Tlbs tlbs) {
        super("rmap_walk", "page_anon_vma/page_mapping", "anon_vma_lock_read/i_mmap_lock_read",
                "page_check_address", "pte_offset_map_lock", "set_page_dirty", "swap_duplicate", "page_remove_rmap",
                "put_page", "pte_unmap_unlock", "page_not_mapped", "unlock", "page_mapcount", "mlock_vma_page:done",
                "ptep_get_and_clear:set_tlb_ubc_flush_pending", "mm->tlb_flush_batched", "pte_accessible",
                "flush_tlb_page", "ptep_clear_flush:done", "clear_page_mlock", "clear_page_mlock:done", "ptep_clear_flush",
                "set_page_dirty(lazyfree)", "MADV_FREE page check");
        this.config = config;
        this.pages = pages;
        this.pageTables = pageTables;
        this.swap = swap;
        this.pageCache = pageCache;
        this.vmas = vmas;
        this.mms = mms;
        this.anonVmas = anonVmas;
        this.rmap = rmap;
        this.putPage = putPage;
        this.tlb = tlbs.tlb();
        this.threads = tlbs.threads();
        this.flushTlb = tlbs.flushTlb();
        this.mlockVmaPage = tlbs.mlockVmaPage();
    }

    private boolean referenced(Ctx c) {
        return c.local(MODE) == REFERENCED;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        Pages p = pages;
        int pfn = c.local(PFN);
        return switch (pc) {
            case MAPPING -> {
                int mapping = p.mapping(pfn);
                if (Mapping.isKsm(mapping) || mapping == Mapping.NULL) {
                    yield c.ret(referenced(c) ? 0 : SWAP_AGAIN);
                }
                c.set(ANCHOR, Mapping.isAnon(mapping) ? Mapping.target(mapping) + 1 : -(Mapping.target(mapping) + 1));
                yield c.yieldTo(LOCK);
            }
            case LOCK -> {
                int anchor = c.local(ANCHOR);
                if (anchor > 0 ? !anonVmas.lockRead(anchor - 1) : !pageCache.immapLockRead(-anchor - 1)) {
                    yield Flow.BLOCK;
                }
                c.set(RESULT, referenced(c) ? 0 : SWAP_AGAIN);
                c.set(INDEX, p.index(pfn));
                yield c.yieldTo(SCAN);
            }
            case SCAN -> scan(c);
            case VISIT -> visit(c, pfn);
            case SET_DIRTY -> {
                p.setPageFlag(pfn, PageFlag.DIRTY);
                yield c.yieldTo(p.pageAnon(pfn) ? SWAP_DUP : REMOVE_RMAP);
            }
            case SWAP_DUP -> {
                int offset = p.pagePrivate(pfn);
                swap.swapDuplicate(offset);
                int mm = (c.local(CURSOR) - 1) >>> 20;
                mms.addMmCounter(mm, Mms.MM_ANONPAGES, -1);
                mms.addMmCounter(mm, Mms.MM_SWAPENTS, 1);
                pageTables.setPteAt(mm, c.local(ADDR), ptep(c), Pte.swpEntryToPte(0, offset));
                yield c.yieldTo(REMOVE_RMAP);
            }
            case REMOVE_RMAP -> c.yieldTo(rmap.pageRemoveRmap(pfn) ? CLEAR_MLOCK : PUT);
            case CLEAR_MLOCK -> c.call(mlockVmaPage, MLOCK_CLEARED, pfn, 0);
            case MLOCK_CLEARED -> c.yieldTo(PUT);
            case PUT -> c.call(putPage, PUT_DONE, pfn);
            case PUT_DONE -> {
                pageTables.pteUnmapUnlock(ptep(c));
                yield c.yieldTo(DONE_CHECK);
            }
            case DONE_CHECK -> p.pageMapped(pfn) ? c.yieldTo(SCAN) : c.next(UNLOCK);
            case UNLOCK -> unlock(c);
            case FINAL -> c.ret(c.local(RESULT) == SWAP_FAIL ? SWAP_FAIL : p.pageMapped(pfn) ? SWAP_AGAIN : SWAP_SUCCESS);
            case LAZY_DIRTY -> {
                p.setPageFlag(pfn, PageFlag.DIRTY);
                yield c.yieldTo(LAZYFREE);
            }
            case LAZYFREE -> lazyfree(c, pfn);
            default -> unmapFlush(c, pc, pfn);
        };
    }

    /** The flush of {@code try_to_unmap_one()}'s cleared PTE, deferred or not, and the mlocked-VMA exit. */
    private Flow unmapFlush(Ctx c, int pc, int pfn) {
        int mm = (c.local(CURSOR) - 1) >>> 20;
        int addr = c.local(ADDR);
        return switch (pc) {
            case MLOCKED -> {
                pageTables.pteUnmapUnlock(ptep(c));
                yield c.next(UNLOCK);
            }
            case CLEAR_BATCHED -> {
                c.set(PTEVAL, pageTables.ptepGetAndClear(ptep(c)));
                int ubc = threads.tlbUbc(c.tid()) | FlushTlb.UBC_FLUSH_REQUIRED
                        | (Pte.pteDirty(c.local(PTEVAL)) ? FlushTlb.UBC_WRITABLE : 0)
                        | tlb.mmCpumask(mm) << FlushTlb.UBC_CPUMASK_SHIFT;
                threads.setTlbUbc(c.tid(), ubc);
                yield c.yieldTo(SET_BATCHED);
            }
            case SET_BATCHED -> {
                tlb.setTlbFlushBatched(mm, true);
                yield unmapped(c, pfn, mm);
            }
            case ACCESSIBLE -> tlb.mmTlbFlushPending(mm) ? c.yieldTo(FLUSH) : unmapped(c, pfn, mm);
            case FLUSH -> c.call(flushTlb, FLUSHED, mm, addr, addr + Geometry.PAGE_SIZE, 0);
            case FLUSHED -> unmapped(c, pfn, mm);
            case CLEAR_FLUSH -> clearFlush(c, mm, addr);
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 11, pc);
        };
    }

    /** The PTE is cleared (and flushed, or the flush deferred): move the dirty bit, leave a swap entry, unmap. */
    private Flow unmapped(Ctx c, int pfn, int mm) {
        int pteval = c.local(PTEVAL);
        boolean anon = pages.pageAnon(pfn);
        if (anon && !pages.pageFlag(pfn, PageFlag.SWAPBACKED)) {
            return c.yieldTo(Pte.pteDirty(pteval) ? LAZY_DIRTY : LAZYFREE);
        }
        if (!anon) {
            mms.addMmCounter(mm, Mms.MM_FILEPAGES, -1);
        }
        if (Pte.pteDirty(pteval)) {
            return c.yieldTo(SET_DIRTY);
        }
        return c.yieldTo(anon ? SWAP_DUP : REMOVE_RMAP);
    }

    /** Releases the rmap lock; {@code try_to_unmap()} then looks at the map count. */
    private Flow unlock(Ctx c) {
        int anchor = c.local(ANCHOR);
        if (anchor > 0) {
            anonVmas.unlockRead(anchor - 1);
        } else {
            pageCache.immapUnlockRead(-anchor - 1);
        }
        int result = c.local(RESULT);
        if (referenced(c) || c.local(MODE) == TRY_TO_MUNLOCK || result == SWAP_FAIL || result == SWAP_MLOCK) {
            return c.ret(result);
        }
        return c.yieldTo(FINAL);
    }

    /** The PTE pointer of the VMA being visited. */
    private int ptep(Ctx c) {
        int mm = (c.local(CURSOR) - 1) >>> 20;
        int addr = c.local(ADDR);
        return pageTables.pteOffsetMap(pageTables.pmdOffset(pageTables.pgdOffset(mm, addr), addr), addr);
    }

    /**
     * The next VMA in (mm, start) order that maps the page's offset; without {@code TTU_SYNC},
     * {@code page_check_address()} first peeks at its PTE without the PTE lock and skips it if not present.
     */
    private Flow scan(Ctx c) {
        Vmas v = vmas;
        int anchor = c.local(ANCHOR);
        int index = c.local(INDEX);
        int cursor = c.local(CURSOR);
        for (int mm = 1; mm < config.nrMms(); mm++) {
            for (int s = 0; s < v.count(mm); s++) {
                int vma = v.slot(mm, s);
                int key = (mm << 20 | (v.vmStart(vma) >>> Geometry.PAGE_SHIFT)) + 1;
                if (key <= cursor || !chained(v, vma, anchor)) {
                    continue;
                }
                int addr = v.vmaAddress(vma, index);
                if (addr < 0 || c.local(MODE) == TRY_TO_MUNLOCK && (v.vmFlags(vma) & VmFlags.VM_LOCKED) == 0) {
                    continue;
                }
                c.set(CURSOR, key);
                c.set(ADDR, addr);
                if ((c.local(FLAGS) & TTU_SYNC) == 0) {
                    int pte = pageTables.walk(mm, addr);
                    if (pte < 0 || !Pte.ptePresent(pageTables.read(pte))) {
                        return c.yieldTo(SCAN);
                    }
                }
                return c.yieldTo(VISIT);
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

    /** {@code page_referenced_one()} / the locked part of {@code try_to_unmap_one()}. */
    private Flow visit(Ctx c, int pfn) {
        PageTables pt = pageTables;
        int mm = (c.local(CURSOR) - 1) >>> 20;
        int addr = c.local(ADDR);
        int pmd = pt.pmdOffset(pt.pgdOffset(mm, addr), addr);
        if (pt.pmdNone(pmd)) {
            return c.yieldTo(SCAN);
        }
        int ptep = pt.pteOffsetMapLock(pmd, addr);
        if (ptep < 0) {
            return Flow.BLOCK;
        }
        int pte = pt.read(ptep);
        if (!Pte.ptePresent(pte) || Pte.ptePfn(pte) != pfn) {
            pt.pteUnmapUnlock(ptep);
            return c.yieldTo(SCAN);
        }
        boolean locked = (vmas.vmFlags(vmas.findVma(mm, addr)) & VmFlags.VM_LOCKED) != 0;
        if (referenced(c)) {
            if (locked) {
                pt.pteUnmapUnlock(ptep);
                c.set(RESULT, c.local(RESULT) | REFERENCED_VM_LOCKED);
                return c.next(UNLOCK);
            }
            if (pt.ptepTestAndClearYoung(ptep)) {
                c.set(RESULT, c.local(RESULT) + 1);
            }
            pt.pteUnmapUnlock(ptep);
            return c.yieldTo(SCAN);
        }
        if (locked && (c.local(FLAGS) & TTU_IGNORE_MLOCK) == 0) {
            c.set(RESULT, SWAP_MLOCK);
            return c.call(mlockVmaPage, MLOCKED, pfn, 1);
        }
        boolean anon = pages.pageAnon(pfn);
        boolean lazy = anon && !pages.pageFlag(pfn, PageFlag.SWAPBACKED);
        if ((c.local(FLAGS) & TTU_IGNORE_ACCESS) == 0 && pt.ptepTestAndClearYoung(ptep)
                || anon && !lazy && !pages.pageFlag(pfn, PageFlag.SWAPCACHE)) {
            pt.pteUnmapUnlock(ptep);
            c.set(RESULT, SWAP_FAIL);
            return c.next(UNLOCK);
        }
        if ((c.local(FLAGS) & TTU_BATCH_FLUSH) != 0) {
            return c.yieldTo((tlb.mmCpumask(mm) & ~(1 << c.cpu())) != 0 ? CLEAR_BATCHED : CLEAR_FLUSH);
        }
        return clearFlush(c, mm, addr);
    }

    /** {@code ptep_clear_flush()}: clear the PTE; flush it if {@code pte_accessible()} (a valid PTE is). */
    private Flow clearFlush(Ctx c, int mm, int addr) {
        int pteval = pageTables.ptepGetAndClear(ptep(c));
        c.set(PTEVAL, pteval);
        if (Pte.pteValid(pteval)) {
            return c.call(flushTlb, FLUSHED, mm, addr, addr + Geometry.PAGE_SIZE, 0);
        }
        return c.yieldTo(ACCESSIBLE);
    }

    /**
     * The {@code MADV_FREE} page check of {@code try_to_unmap_one()}: discard the page (its PTE is already
     * cleared) or map it again and keep it swap-backed. Context: the PTE lock.
     */
    private Flow lazyfree(Ctx c, int pfn) {
        int pteval = c.local(PTEVAL);
        int mm = (c.local(CURSOR) - 1) >>> 20;
        c.set(RESULT, SWAP_AGAIN);
        if (!pages.lazyfreeDiscardable(pfn, !c.bug(BugId.MADV_FREE_GUP))) {
            int ptep = ptep(c);
            pageTables.setPteAt(mm, c.local(ADDR), ptep, pteval);
            pages.setPageFlag(pfn, PageFlag.SWAPBACKED);
            pageTables.pteUnmapUnlock(ptep);
            c.set(RESULT, SWAP_FAIL);
            return c.next(UNLOCK);
        }
        mms.addMmCounter(mm, Mms.MM_ANONPAGES, -1);
        return c.yieldTo(REMOVE_RMAP);
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
