package org.mmspec.ref.rmapwalk;

import org.mmspec.ref.bugs.BugId;
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
import org.mmspec.ref.swap.Swap;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.vma.Mms;
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
 * </ul>
 * KSM pages are not walked. Context: the page is locked for {@code TRY_TO_UNMAP}; the caller holds a
 * reference.
 *
 * <p>Arguments: pfn, mode, ttu flags.
 */
public final class RmapWalk extends Procedure {

    public static final int REFERENCED = 0;
    public static final int TRY_TO_UNMAP = 1;

    public static final int SWAP_SUCCESS = 0;
    public static final int SWAP_AGAIN = 1;
    public static final int SWAP_FAIL = 2;

    public static final int TTU_UNMAP = 1;
    public static final int TTU_IGNORE_MLOCK = 1 << 8;
    public static final int TTU_IGNORE_ACCESS = 1 << 9;
    /** Take the PTE lock even when the PTE looks empty (Linux 5.13, 732ed55823fc). */
    public static final int TTU_SYNC = 1 << 10;

    private static final int PFN = 0;
    private static final int MODE = 1;
    private static final int FLAGS = 2;
    /** anon_vma id + 1, or -(file id + 1). */
    private static final int ANCHOR = 3;
    /** The VMA visited last, as (mm << 20 | start page), + 1; 0 before the first. */
    private static final int CURSOR = 4;
    private static final int RESULT = 5;
    private static final int ADDR = 6;

    private static final int LOCK = 0;
    private static final int NEXT = 1;
    private static final int PTE_LOCK = 2;
    private static final int UNLOCK = 3;

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

    public RmapWalk(Config config, Pages pages, Lru lru, PageTables pageTables, Swap swap, PageCache pageCache,
            Vmas vmas, Mms mms, AnonVmas anonVmas, Rmap rmap) {
        super("rmap_walk", "anon_vma_lock_read", "page_check_address", "pte_offset_map_lock", "unlock");
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
            case UNLOCK -> {
                int anchor = c.local(ANCHOR);
                if (anchor > 0) {
                    anonVmas.unlockRead(anchor - 1);
                } else {
                    pageCache.immapUnlockRead(-anchor - 1);
                }
                if (c.local(MODE) == REFERENCED) {
                    return c.ret(c.local(RESULT));
                }
                if (c.local(RESULT) == SWAP_FAIL) {
                    return c.ret(SWAP_FAIL);
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
        if (c.local(MODE) == REFERENCED) {
            if (pt.ptepTestAndClearYoung(ptep)) {
                c.set(RESULT, c.local(RESULT) + 1);
            }
            pt.pteUnmapUnlock(ptep);
            return c.yieldTo(NEXT);
        }
        if ((c.local(FLAGS) & TTU_IGNORE_ACCESS) == 0 && pt.ptepTestAndClearYoung(ptep)) {
            pt.pteUnmapUnlock(ptep);
            c.set(RESULT, SWAP_FAIL);
            return c.next(UNLOCK);
        }
        if (!unmapOne(c, p, pt, pfn, mm, addr, ptep)) {
            pt.pteUnmapUnlock(ptep);
            c.set(RESULT, SWAP_FAIL);
            return c.next(UNLOCK);
        }
        pt.pteUnmapUnlock(ptep);
        return p.pageMapped(pfn) ? c.yieldTo(NEXT) : c.next(UNLOCK);
    }

    /**
     * {@code try_to_unmap_one()} for one PTE; false when an anonymous page has no swap slot to leave behind
     * or a lazily freed page must be kept.
     */
    private boolean unmapOne(Ctx c, Pages p, PageTables pt, int pfn, int mm, int addr, int ptep) {
        int pteval = pt.read(ptep);
        if (p.pageAnon(pfn) && !p.pageFlag(pfn, PageFlag.SWAPBACKED)) {
            return unmapLazyfree(c, p, pt, pfn, mm, addr, ptep);
        }
        if (p.pageAnon(pfn)) {
            if (!p.pageFlag(pfn, PageFlag.SWAPCACHE)) {
                return false;
            }
            int offset = p.pagePrivate(pfn);
            pt.ptepGetAndClear(ptep);
            swap.swapDuplicate(offset);
            mms.addMmCounter(mm, Mms.MM_ANONPAGES, -1);
            mms.addMmCounter(mm, Mms.MM_SWAPENTS, 1);
            pt.setPteAt(mm, addr, ptep, Pte.swpEntryToPte(0, offset));
        } else {
            pt.ptepGetAndClear(ptep);
            mms.addMmCounter(mm, Mms.MM_FILEPAGES, -1);
        }
        if (Pte.pteDirty(pteval)) {
            p.setPageFlag(pfn, PageFlag.DIRTY);
        }
        rmap.pageRemoveRmap(pfn);
        lru.putPage(pfn);
        return true;
    }

    /**
     * The {@code MADV_FREE} page check of {@code try_to_unmap_one()} (mm/rmap.c, Linux 4.13, with
     * 6c8e2a256915 of 5.18): the PTE is cleared and its dirty bit moves to the page; a page written since
     * {@code MADV_FREE} is remapped and becomes swap-backed again (reclaim keeps it). Fixed: so is a page
     * with references beyond the isolation's and the mappings' ({@code ref_count != 1 + map_count}) — a
     * direct-I/O read may be about to write into it through a GUP reference. With
     * {@link BugId#MADV_FREE_GUP} that check is missing: the clean page is discarded while GUP holds it,
     * and what the device writes into it later is lost. Otherwise the page is discarded: no swap entry is
     * left, and the user reads zeroes there from now on.
     */
    private boolean unmapLazyfree(Ctx c, Pages p, PageTables pt, int pfn, int mm, int addr, int ptep) {
        int pteval = pt.ptepGetAndClear(ptep);
        if (Pte.pteDirty(pteval)) {
            p.setPageFlag(pfn, PageFlag.DIRTY);
        }
        boolean extraRefs = !c.bug(BugId.MADV_FREE_GUP) && p.pageCount(pfn) != 1 + p.pageMapcount(pfn);
        if (extraRefs || p.pageFlag(pfn, PageFlag.DIRTY)) {
            pt.setPteAt(mm, addr, ptep, pteval);
            p.setPageFlag(pfn, PageFlag.SWAPBACKED);
            return false;
        }
        mms.addMmCounter(mm, Mms.MM_ANONPAGES, -1);
        rmap.pageRemoveRmap(pfn);
        lru.putPage(pfn);
        return true;
    }

    @Override
    protected String detail(FrameView f) {
        return (f.local(MODE) == REFERENCED ? "page_referenced" : "try_to_unmap") + " pfn=" + f.local(PFN);
    }
}
