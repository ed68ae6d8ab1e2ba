package org.mmspec.ref.unmap;

import org.mmspec.ref.filemap.PageLock;
import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.mmap.Memory;
import org.mmspec.ref.mmap.Mmap;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.pageref.FreeSwapAndCache;
import org.mmspec.ref.pageref.TryToFreeSwap;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.PageTables;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.tlbflush.FlushTlb;
import org.mmspec.ref.vma.Mms;
import org.mmspec.ref.vma.VmFlags;
import org.mmspec.ref.vma.Vmas;

/**
 * {@code madvise(start, len, MADV_FREE)} → {@code madvise_free_single_vma()} →
 * {@code madvise_free_pte_range()} (mm/madvise.c, Linux 4.12): under {@code mmap_sem} for read, for
 * each PTE of a private anonymous VMA, under the PTE lock, one atomic access a step: a swap entry is
 * dropped at once ({@code free_swap_and_cache}: the swapped-out contents are discarded); a present page
 * mapped only here loses its dirty state — a swap-cache or dirty page is trylocked, leaves the swap cache
 * ({@code try_to_free_swap}) and gets {@code ClearPageDirty} — its PTE is made old and clean, and
 * {@code mark_page_lazyfree()} moves it to the inactive file list without {@code PG_swapbacked}.
 * Reclaim may then drop it instead of swapping it out, unless it is written again (a dirty PTE) first:
 * until then the user may read back its old contents or zeroes. The range's TLB entries are flushed at the
 * end ({@code tlb_remove_tlb_entry} for each changed PTE, {@code tlb_finish_mmu}): until then another CPU
 * may store through a cached dirty translation without the PTE becoming dirty. Context: process.
 *
 * <p>Arguments: mm, start, len. Returns 0 or {@code -EINVAL} (not a private anonymous mapping).
 */
public final class MadviseFree extends Procedure {

    private static final int MM = 0;
    private static final int START = 1;
    private static final int LEN = 2;
    private static final int ADDR = 3;
    private static final int END = 4;
    private static final int TABLE_END = 5;
    /** The page being given up, pfn + 1. */
    private static final int PAGE = 6;

    private static final int DOWN_READ = 0;
    private static final int NEXT_VMA = 1;
    private static final int TABLE = 2;
    private static final int PTE = 3;
    private static final int DIRTY_TEST = 4;
    private static final int TRYLOCK = 5;
    private static final int RECHECK = 6;
    private static final int CLEAR_DIRTY = 7;
    private static final int UNLOCKED = 8;
    private static final int CLEAN = 9;
    private static final int LAZYFREE = 10;
    private static final int SKIP_UNLOCKED = 11;
    private static final int UNLOCK_SKIP = 12;
    private static final int UNLOCK_CLEANED = 13;
    private static final int SWAP_FREED = 14;
    private static final int FREE_SWAP = 15;
    private static final int SWAP_TRIED = 16;
    private static final int FLUSHED = 17;

    private final Geometry geometry;
    private final Pages pages;
    private final Lru lru;
    private final PageTables pageTables;
    private final PageLock pageLock;
    private final Vmas vmas;
    private final Mms mms;
    private final Memory memory;
    private final UnlockPage unlockPage;
    private final FreeSwapAndCache freeSwapAndCache;
    private final TryToFreeSwap tryToFreeSwap;
    private final FlushTlb flushTlb;

    public MadviseFree(Geometry geometry, Pages pages, Lru lru, PageTables pageTables, PageLock pageLock, Vmas vmas,
            Mms mms, Memory memory, UnlockPage unlockPage, FreeSwapAndCache freeSwapAndCache,
            TryToFreeSwap tryToFreeSwap, FlushTlb flushTlb) {
        super("madvise_free", "down_read_mmap_sem", "madvise_free_single_vma", "madvise_free_pte_range:pte_offset_map_lock",
                "madvise_free_pte_range", "PageSwapCache|PageDirty", "trylock_page", "page_mapcount:try_to_free_swap",
                "ClearPageDirty", "unlock_page:done", "ptep_get_and_clear_full:mkold:mkclean", "mark_page_lazyfree",
                "unlock_page:skip", "unlock_page:mapped_again", "unlock_page:cleaned", "free_swap_and_cache:done",
                "try_to_free_swap", "try_to_free_swap:done", "tlb_finish_mmu:flush_tlb_range:done");
        this.geometry = geometry;
        this.pages = pages;
        this.lru = lru;
        this.pageTables = pageTables;
        this.pageLock = pageLock;
        this.vmas = vmas;
        this.mms = mms;
        this.memory = memory;
        this.unlockPage = unlockPage;
        this.freeSwapAndCache = freeSwapAndCache;
        this.tryToFreeSwap = tryToFreeSwap;
        this.flushTlb = flushTlb;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int mm = c.local(MM);
        int page = c.local(PAGE) - 1;
        switch (pc) {
            case DOWN_READ -> {
                if (!Geometry.isPageAligned(c.local(START)) || c.local(LEN) <= 0) {
                    return c.ret(Mmap.EINVAL);
                }
                if (!mms.downRead(mm)) {
                    return Flow.BLOCK;
                }
                c.set(ADDR, c.local(START));
                return c.yieldTo(NEXT_VMA);
            }
            case NEXT_VMA -> {
                return nextVma(c, mm);
            }
            case TABLE -> {
                return table(c, mm);
            }
            case PTE -> {
                return pte(c, mm);
            }
            case SWAP_FREED -> {
                c.set(ADDR, c.local(ADDR) + Geometry.PAGE_SIZE);
                return c.yieldTo(PTE);
            }
            case CLEAN -> {
                return clean(c, mm, page);
            }
            case LAZYFREE -> {
                lru.moves().markPageLazyfree(page);
                return skip(c);
            }
            case SKIP_UNLOCKED -> {
                return skip(c);
            }
            case FLUSHED -> {
                mms.upRead(mm);
                return c.ret(0);
            }
            default -> {
                return lockedPage(c, pc, page);
            }
        }
    }

    /**
     * A present page's flags test ({@code madvise_free_pte_range()}, Linux 4.12) and, for a page that is
     * dirty or in the swap cache: {@code trylock_page} (else skip it), skip it unless this is its only
     * mapping ({@code page_mapcount() == 1}), {@code try_to_free_swap} for a swap-cache page, {@code
     * ClearPageDirty}, {@code unlock_page}; then on to the clean page's PTE. Context: {@code mmap_sem} for
     * read, the PTE lock.
     */
    private Flow lockedPage(Ctx c, int pc, int page) {
        switch (pc) {
            case DIRTY_TEST -> {
                int flags = pages.flags(page);
                boolean needsLock = (flags & (PageFlag.SWAPCACHE.mask() | PageFlag.DIRTY.mask())) != 0;
                return needsLock ? c.yieldTo(TRYLOCK) : c.next(CLEAN);
            }
            case TRYLOCK -> {
                return pageLock.trylockPage(page) ? c.yieldTo(RECHECK) : skip(c);
            }
            case RECHECK -> {
                if (pages.pageMapcount(page) != 1) {
                    return c.yieldTo(UNLOCK_SKIP);
                }
                return c.yieldTo(pages.pageFlag(page, PageFlag.SWAPCACHE) ? FREE_SWAP : CLEAR_DIRTY);
            }
            case FREE_SWAP -> {
                return c.call(tryToFreeSwap, SWAP_TRIED, page);
            }
            case SWAP_TRIED -> {
                return c.yieldTo(c.result() == 0 ? UNLOCK_SKIP : CLEAR_DIRTY);
            }
            case UNLOCK_SKIP -> {
                return c.call(unlockPage, SKIP_UNLOCKED, page);
            }
            case CLEAR_DIRTY -> {
                pages.clearPageFlag(page, PageFlag.DIRTY);
                return c.yieldTo(UNLOCK_CLEANED);
            }
            case UNLOCK_CLEANED -> {
                return c.call(unlockPage, UNLOCKED, page);
            }
            case UNLOCKED -> {
                return c.yieldTo(CLEAN);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 43, pc);
        }
    }

    private Flow nextVma(Ctx c, int mm) {
        Vmas v = vmas;
        int end = c.local(START) + Geometry.pageAlign(c.local(LEN));
        int vma = c.local(ADDR) >= end ? -1 : v.findVma(mm, c.local(ADDR));
        if (vma < 0 || v.vmStart(vma) >= end) {
            // tlb_finish_mmu(): the old, clean PTEs reach the other CPUs' TLBs before mmap_sem is released
            return c.call(flushTlb, FLUSHED, mm, c.local(START), end, 0);
        }
        int flags = v.vmFlags(vma);
        if (v.vmFile(vma) >= 0 || (flags & (VmFlags.VM_SHARED | VmFlags.VM_LOCKED | VmFlags.VM_PFNMAP)) != 0) {
            mms.upRead(mm);
            return c.ret(Mmap.EINVAL);
        }
        c.set(ADDR, Math.max(c.local(ADDR), v.vmStart(vma)));
        c.set(END, Math.min(end, v.vmEnd(vma)));
        return c.next(TABLE);
    }

    /** The next PTE table of the VMA's range: skip an empty pmd, else take its PTE lock. */
    private Flow table(Ctx c, int mm) {
        PageTables pt = pageTables;
        int addr = c.local(ADDR);
        if (addr >= c.local(END)) {
            return c.yieldTo(NEXT_VMA);
        }
        int tableSize = 1 << geometry.pmdShift;
        int tableEnd = Math.min(c.local(END), (addr & ~(tableSize - 1)) + tableSize);
        int pmd = pt.pmdOffset(pt.pgdOffset(mm, addr), addr);
        if (pt.pmdNone(pmd)) {
            c.set(ADDR, tableEnd);
            return c.next(TABLE);
        }
        if (pt.pteOffsetMapLock(pmd, addr) < 0) {
            return Flow.BLOCK;
        }
        c.set(TABLE_END, tableEnd);
        return c.next(PTE);
    }

    private int ptep(int mm, int addr) {
        PageTables pt = pageTables;
        return pt.pteOffsetMap(pt.pmdOffset(pt.pgdOffset(mm, addr), addr), addr);
    }

    /** One PTE under the PTE lock; past the table's end, the lock is dropped. */
    private Flow pte(Ctx c, int mm) {
        PageTables pt = pageTables;
        int addr = c.local(ADDR);
        if (addr >= c.local(TABLE_END)) {
            pt.pteUnmapUnlock(ptep(mm, addr - Geometry.PAGE_SIZE));
            return c.yieldTo(TABLE);
        }
        int ptep = ptep(mm, addr);
        int pte = pt.read(ptep);
        if (Pte.pteNone(pte)) {
            c.set(ADDR, addr + Geometry.PAGE_SIZE);
            return c.next(PTE);
        }
        if (!Pte.ptePresent(pte)) {
            mms.addMmCounter(mm, Mms.MM_SWAPENTS, -1);
            pt.ptepGetAndClear(ptep);
            mms.setLogical(mm, addr, Mms.FOLLOWS_BACKING);
            return c.call(freeSwapAndCache, SWAP_FREED, Pte.swpOffset(pte));
        }
        int page = memory.vmNormalPage(vmas.findVma(mm, addr), pte);
        if (page < 0 || !pages.pageAnon(page) || pages.pageMapcount(page) != 1) {
            c.set(ADDR, addr + Geometry.PAGE_SIZE);
            return c.yieldTo(PTE);
        }
        c.set(PAGE, page + 1);
        return c.yieldTo(DIRTY_TEST);
    }

    /** The PTE loses its young and dirty bits; the user's contents there become disposable. */
    private Flow clean(Ctx c, int mm, int page) {
        PageTables pt = pageTables;
        int addr = c.local(ADDR);
        int ptep = ptep(mm, addr);
        int pte = pt.read(ptep);
        if (Pte.pteYoung(pte) || Pte.pteDirty(pte)) {
            pt.ptepGetAndClear(ptep);
            pt.setPteAt(mm, addr, ptep, Pte.pteMkclean(Pte.pteMkold(pte)));
        }
        mms.markLazyFree(mm, addr);
        return c.yieldTo(LAZYFREE);
    }

    private Flow skip(Ctx c) {
        c.set(PAGE, 0);
        c.set(ADDR, c.local(ADDR) + Geometry.PAGE_SIZE);
        return c.yieldTo(PTE);
    }

    @Override
    protected String detail(FrameView f) {
        return "mm" + f.local(MM) + " 0x" + Integer.toHexString(f.local(START)) + "+0x" + Integer.toHexString(f.local(LEN))
                + (f.local(PAGE) > 0 ? " pfn=" + (f.local(PAGE) - 1) : "");
    }
}
