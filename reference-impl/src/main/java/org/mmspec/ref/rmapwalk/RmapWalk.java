package org.mmspec.ref.rmapwalk;

import org.mmspec.ref.bugs.BugId;
import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.mem.Mapping;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pageref.PutPage;
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
 * reference behind), its dirty bit moves to the page, the mapping and its reference are dropped. A lazily
 * freed page ({@code MADV_FREE}: anonymous, not swap-backed; Linux 4.12) leaves no swap entry: the {@code
 * MADV_FREE} page check of 4.13, with 6c8e2a256915 of 5.18 — the references are read ({@code
 * page_ref_count}, {@code page_mapcount}, {@code PageDirty}: here one action, after the PTE is cleared); a
 * page written since {@code MADV_FREE} is mapped again and becomes swap-backed (the walk fails: reclaim
 * keeps it), and so, fixed, is a page with references beyond the isolation's and the mappings' — a
 * direct-I/O read may be about to write into it through a GUP reference; with {@link BugId#MADV_FREE_GUP}
 * that check is missing and the clean page is discarded while GUP holds it. Otherwise the page is
 * discarded: the user reads zeroes there from now on. Returns
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
    /** {@code page->index}, read once the rmap lock is held. */
    private static final int INDEX = 7;

    private static final int MAPPING = 0;
    private static final int LOCK = 1;
    private static final int SCAN = 2;
    private static final int VISIT = 3;
    private static final int SET_DIRTY = 4;
    private static final int SWAP_DUP = 5;
    private static final int REMOVE_RMAP = 6;
    private static final int PUT = 7;
    private static final int PUT_DONE = 8;
    private static final int DONE_CHECK = 9;
    private static final int UNLOCK = 10;
    private static final int FINAL = 11;
    private static final int LAZY_DIRTY = 12;
    private static final int LAZYFREE = 13;

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

    public RmapWalk(Config config, Pages pages, PageTables pageTables, Swap swap, PageCache pageCache, Vmas vmas,
            Mms mms, AnonVmas anonVmas, Rmap rmap, PutPage putPage) {
        super("rmap_walk", "page_anon_vma/page_mapping", "anon_vma_lock_read/i_mmap_lock_read",
                "page_check_address", "pte_offset_map_lock", "set_page_dirty", "swap_duplicate", "page_remove_rmap",
                "put_page", "pte_unmap_unlock", "page_not_mapped", "unlock", "page_mapcount", "set_page_dirty(lazyfree)",
                "MADV_FREE page check");
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
            case REMOVE_RMAP -> {
                rmap.pageRemoveRmap(pfn);
                yield c.yieldTo(PUT);
            }
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
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 11, pc);
        };
    }

    /** Releases the rmap lock; {@code try_to_unmap()} then looks at the map count. */
    private Flow unlock(Ctx c) {
        int anchor = c.local(ANCHOR);
        if (anchor > 0) {
            anonVmas.unlockRead(anchor - 1);
        } else {
            pageCache.immapUnlockRead(-anchor - 1);
        }
        if (referenced(c)) {
            return c.ret(c.local(RESULT));
        }
        return c.local(RESULT) == SWAP_FAIL ? c.ret(SWAP_FAIL) : c.yieldTo(FINAL);
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
                if (addr < 0) {
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
        if (referenced(c)) {
            if (pt.ptepTestAndClearYoung(ptep)) {
                c.set(RESULT, c.local(RESULT) + 1);
            }
            pt.pteUnmapUnlock(ptep);
            return c.yieldTo(SCAN);
        }
        boolean anon = pages.pageAnon(pfn);
        boolean lazy = anon && !pages.pageFlag(pfn, PageFlag.SWAPBACKED);
        if ((c.local(FLAGS) & TTU_IGNORE_ACCESS) == 0 && pt.ptepTestAndClearYoung(ptep)
                || anon && !lazy && !pages.pageFlag(pfn, PageFlag.SWAPCACHE)) {
            pt.pteUnmapUnlock(ptep);
            c.set(RESULT, SWAP_FAIL);
            return c.next(UNLOCK);
        }
        int pteval = pt.ptepGetAndClear(ptep);
        if (lazy) {
            c.set(RESULT, pteval);    // held here until the check is done (RESULT is SWAP_AGAIN meanwhile)
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

    /**
     * The {@code MADV_FREE} page check of {@code try_to_unmap_one()}: discard the page (its PTE is already
     * cleared) or map it again and keep it swap-backed. Context: the PTE lock.
     */
    private Flow lazyfree(Ctx c, int pfn) {
        int pteval = c.local(RESULT);
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
        return (f.local(MODE) == REFERENCED ? "page_referenced" : "try_to_unmap") + " pfn=" + f.local(PFN);
    }
}
