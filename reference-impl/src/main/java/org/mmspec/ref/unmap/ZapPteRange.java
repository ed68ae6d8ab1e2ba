package org.mmspec.ref.unmap;

import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.mmap.Memory;
import org.mmspec.ref.pagelock.LockPage;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.pageref.FreeSwapAndCache;
import org.mmspec.ref.pageref.MarkPageAccessed;
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
import org.mmspec.ref.vma.Mms;
import org.mmspec.ref.vma.VmFlags;
import org.mmspec.ref.vma.Vmas;

/**
 * {@code zap_page_range()} / {@code unmap_page_range()} → {@code zap_pte_range()} (mm/memory.c,
 * Linux 4.9) over {@code [start, end)} of one VMA, action by action. Per PTE table: take the PTE lock;
 * for each PTE, {@code ptep_get_and_clear_full()} and, for a file page, {@code set_page_dirty} when the PTE
 * was dirty; then {@code mark_page_accessed} when it was young ({@link MarkPageAccessed}); then {@code
 * page_remove_rmap()} (an atomic) and {@code __tlb_remove_page()} into the mmu_gather — each atomic its own
 * step, visible to lockless readers; a swap entry drops its slot ({@link FreeSwapAndCache}) and is cleared.
 * After the PTE lock is released the gathered pages are released one {@link PutPage} at a time ({@code
 * tlb_flush_mmu} → {@code free_pages_and_swap_cache}); a full gather forces that flush early, as in the
 * kernel. The gather holds two pages in the model. An empty pmd is skipped (a racy read when {@code
 * mmap_sem} is held for read: its own step).
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

    private static final int TABLE = 0;
    private static final int PTE = 1;
    private static final int RMAP = 2;
    private static final int FLUSH = 3;
    private static final int TABLE_LOCKED = 4;
    private static final int UNLOCKED = 5;
    private static final int ACCESSED = 6;
    private static final int ACCESSED_DONE = 7;
    private static final int SWAP_FREED = 8;
    private static final int FLUSHED = 9;
    private static final int LOCK_FILE = 10;
    private static final int PUT_LOCKED = 11;
    private static final int NEXT_TABLE = 12;
    private static final int GET_FILE = 13;

    private final Geometry geometry;
    private final Pages pages;
    private final PageTables pageTables;
    private final Vmas vmas;
    private final Mms mms;
    private final Rmap rmap;
    private final Memory memory;
    private final GupPins gupPins;
    private final Calls calls;

    /** The procedures {@code zap_pte_range()} calls. */
    public record Calls(LockPage lockPage, UnlockPage unlockPage, PutPage putPage, MarkPageAccessed markPageAccessed,
            FreeSwapAndCache freeSwapAndCache) {
    }

    public ZapPteRange(Geometry geometry, Pages pages, PageTables pageTables, Vmas vmas, Mms mms, Rmap rmap,
            Memory memory, GupPins gupPins, Calls calls) {
        super("zap_pte_range", "pte_offset_map_lock", "ptep_get_and_clear_full", "page_remove_rmap",
                "tlb_flush_mmu:put_page", "__split_huge_pmd:lock_page:done", "unlock_page:done", "mark_page_accessed",
                "mark_page_accessed:done", "free_swap_and_cache:done", "put_page:done", "__split_huge_pmd:lock_page",
                "put_page(locked)", "next table", "__split_huge_pmd:get_page");
        this.geometry = geometry;
        this.pages = pages;
        this.pageTables = pageTables;
        this.vmas = vmas;
        this.mms = mms;
        this.rmap = rmap;
        this.memory = memory;
        this.gupPins = gupPins;
        this.calls = calls;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int pending = c.local(PENDING) - 1;
        return switch (pc) {
            case TABLE -> table(c);
            case NEXT_TABLE -> c.yieldTo(TABLE);
            case GET_FILE -> {
                pages.getPage(c.local(LOCKED) - 1);
                yield c.yieldTo(LOCK_FILE);
            }
            case LOCK_FILE -> c.call(calls.lockPage(), TABLE_LOCKED, c.local(LOCKED) - 1, 0);
            case TABLE_LOCKED -> c.yieldTo(TABLE);
            case PTE -> pte(c);
            case ACCESSED -> c.call(calls.markPageAccessed(), ACCESSED_DONE, pending);
            case ACCESSED_DONE -> c.yieldTo(RMAP);
            case RMAP -> rmap(c, pending);
            case SWAP_FREED -> {
                pageTables.ptepGetAndClear(ptepOf(c, c.local(ADDR)));
                c.set(ADDR, c.local(ADDR) + Geometry.PAGE_SIZE);
                yield c.yieldTo(PTE);
            }
            case FLUSH -> flush(c);
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
        if (addr >= c.local(END)) {
            return c.ret(0);
        }
        int tableEnd = Math.min(c.local(END), (addr & ~(pmdSize - 1)) + pmdSize);
        int pmd = pt.pmdOffset(pt.pgdOffset(mm, addr), addr);
        if (pt.pmdNone(pmd)) {
            resetLogical(c, addr, tableEnd);
            c.set(ADDR, tableEnd);
            return tableEnd >= c.local(END) ? c.ret(0) : c.yieldTo(TABLE);
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
        return c.next(PTE);
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
            pt.pteUnmapUnlock(ptep);
            return c.yieldTo(FLUSH);
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
            p.setPageFlag(page, PageFlag.DIRTY);
        }
        return c.yieldTo(Pte.pteYoung(pte) ? ACCESSED : RMAP);
    }

    /** {@code page_remove_rmap} and {@code __tlb_remove_page}; a full gather is flushed at once. */
    private Flow rmap(Ctx c, int page) {
        rmap.pageRemoveRmap(page);
        c.set(PENDING, 0);
        int g = c.local(GATHER);
        c.set(GATHER, (g & 0xFFFF) == 0 ? g | (page + 1) : g | ((page + 1) << 16));
        c.set(ADDR, c.local(ADDR) + Geometry.PAGE_SIZE);
        if ((c.local(GATHER) >>> 16) != 0) {
            pageTables.pteUnmapUnlock(ptepOf(c, c.local(ADDR) - Geometry.PAGE_SIZE));
            return c.yieldTo(FLUSH);
        }
        return c.yieldTo(PTE);
    }

    /** {@code tlb_flush_mmu()} → {@code free_pages_and_swap_cache()}: release the gathered pages one by one. */
    private Flow flush(Ctx c) {
        int g = c.local(GATHER);
        if (g != 0) {
            int page = (g & 0xFFFF) - 1;
            c.set(GATHER, g >>> 16);
            return c.call(calls.putPage(), FLUSHED, page);
        }
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
