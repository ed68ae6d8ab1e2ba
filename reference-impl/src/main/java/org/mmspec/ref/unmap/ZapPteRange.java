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
import org.mmspec.ref.pin.GupPins;
import org.mmspec.ref.rmap.Rmap;
import org.mmspec.ref.swap.Swap;
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
 * Linux 4.9) over {@code [start, end)} of one VMA. Per PTE table: take the PTE lock; for each PTE,
 * {@code ptep_get_and_clear_full()} (a file page inherits the PTE's dirty bit and is marked accessed if
 * young), then — a separate step, visible to lockless readers — {@code page_remove_rmap()} and
 * {@code __tlb_remove_page()} into the mmu_gather; swap entries drop their slot
 * ({@code free_swap_and_cache}). After the PTE lock is released the gathered pages are released
 * ({@code tlb_flush_mmu}); a full gather forces that flush early, as in the kernel. The gather holds
 * two pages in the model.
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

    private final Geometry geometry;
    private final Pages pages;
    private final Lru lru;
    private final PageTables pageTables;
    private final Swap swap;
    private final Vmas vmas;
    private final Mms mms;
    private final Rmap rmap;
    private final Memory memory;
    private final LockPage lockPage;
    private final UnlockPage unlockPage;
    private final GupPins gupPins;

    public ZapPteRange(Geometry geometry, Pages pages, Lru lru, PageTables pageTables, Swap swap, Vmas vmas, Mms mms,
            Rmap rmap, Memory memory, GupPins gupPins, LockPage lockPage, UnlockPage unlockPage) {
        super("zap_pte_range", "pte_offset_map_lock", "ptep_get_and_clear_full", "page_remove_rmap",
                "tlb_flush_mmu", "__split_huge_pmd:lock_page", "unlock_page:done");
        this.geometry = geometry;
        this.pages = pages;
        this.lru = lru;
        this.pageTables = pageTables;
        this.swap = swap;
        this.vmas = vmas;
        this.mms = mms;
        this.rmap = rmap;
        this.memory = memory;
        this.lockPage = lockPage;
        this.unlockPage = unlockPage;
        this.gupPins = gupPins;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        switch (pc) {
            case TABLE -> {
                return table(c);
            }
            case TABLE_LOCKED -> {
                return c.yieldTo(TABLE);
            }
            case PTE -> {
                return pte(c);
            }
            case RMAP -> {
                int page = c.local(PENDING) - 1;
                rmap.pageRemoveRmap(page);
                c.set(PENDING, 0);
                int g = c.local(GATHER);
                if ((g & 0xFFFF) == 0) {
                    c.set(GATHER, g | (page + 1));
                } else {
                    c.set(GATHER, g | ((page + 1) << 16));
                }
                c.set(ADDR, c.local(ADDR) + Geometry.PAGE_SIZE);
                if ((c.local(GATHER) >>> 16) != 0) {
                    PageTables pt = pageTables;
                    pt.pteUnmapUnlock(ptepOf(c, c.local(ADDR) - Geometry.PAGE_SIZE));
                    return c.next(FLUSH);
                }
                return c.yieldTo(PTE);
            }
            case FLUSH -> {
                return flush(c);
            }
            case UNLOCKED -> {
                lru.putPage(c.local(LOCKED) - 1);
                c.set(LOCKED, 0);
                return c.yieldTo(TABLE);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 16, pc);
        }
    }

    private int ptepOf(Ctx c, int addr) {
        PageTables pt = pageTables;
        int mm = vmas.mmOf(c.local(VMA));
        return pt.pteOffsetMap(pt.pmdOffset(pt.pgdOffset(mm, addr), addr), addr);
    }

    /** Starts the next PTE table: skip an empty pmd, lock a file page (bug mode), take the PTE lock. */
    private Flow table(Ctx c) {
        PageTables pt = pageTables;
        Vmas v = vmas;
        int vma = c.local(VMA);
        int mm = v.mmOf(vma);
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
            return c.next(PTE);
        }
        return c.ret(0);
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
        Vmas v = vmas;
        int vma = c.local(VMA);
        int mm = v.mmOf(vma);
        int addr = c.local(ADDR);
        int ptep = ptepOf(c, Math.min(addr, c.local(TABLE_END) - Geometry.PAGE_SIZE));
        if (addr >= c.local(TABLE_END)) {
            pt.pteUnmapUnlock(ptep);
            return c.next(FLUSH);
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
        resetLogical(c, addr, addr + Geometry.PAGE_SIZE);
        if (page < 0) {
            c.set(ADDR, addr + Geometry.PAGE_SIZE);
            return c.yieldTo(PTE);
        }
        if (!p.pageAnon(page)) {
            if (Pte.pteDirty(pte)) {
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

    /** {@code tlb_flush_mmu()} → {@code free_pages_and_swap_cache()}: release the gathered pages. */
    private Flow flush(Ctx c) {
        int g = c.local(GATHER);
        c.set(GATHER, 0);
        if ((g & 0xFFFF) != 0) {
            lru.putPage((g & 0xFFFF) - 1);
        }
        if ((g >>> 16) != 0) {
            lru.putPage((g >>> 16) - 1);
        }
        if (c.local(LOCKED) != 0 && c.local(ADDR) >= c.local(TABLE_END)) {
            return c.call(unlockPage, UNLOCKED, c.local(LOCKED) - 1);
        }
        return c.yieldTo(TABLE);
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
