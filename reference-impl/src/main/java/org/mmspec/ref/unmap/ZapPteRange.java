package org.mmspec.ref.unmap;

import org.mmspec.ref.Kernel;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pagelock.LockPage;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.PageTables;
import org.mmspec.ref.pgtable.Pte;
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

    public static final ZapPteRange INSTANCE = new ZapPteRange();

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

    private ZapPteRange() {
        super("zap_pte_range", "pte_offset_map_lock", "ptep_get_and_clear_full", "page_remove_rmap",
                "tlb_flush_mmu", "__split_huge_pmd:lock_page", "unlock_page:done");
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        Kernel k = c.k();
        switch (pc) {
            case TABLE -> {
                return table(c, k);
            }
            case TABLE_LOCKED -> {
                return c.yieldTo(TABLE);
            }
            case PTE -> {
                return pte(c, k);
            }
            case RMAP -> {
                int page = c.local(PENDING) - 1;
                k.rmap().pageRemoveRmap(page);
                c.set(PENDING, 0);
                int g = c.local(GATHER);
                if ((g & 0xFFFF) == 0) {
                    c.set(GATHER, g | (page + 1));
                } else {
                    c.set(GATHER, g | ((page + 1) << 16));
                }
                c.set(ADDR, c.local(ADDR) + Geometry.PAGE_SIZE);
                if ((c.local(GATHER) >>> 16) != 0) {
                    PageTables pt = k.pageTables();
                    pt.pteUnmapUnlock(ptepOf(c, k, c.local(ADDR) - Geometry.PAGE_SIZE));
                    return c.next(FLUSH);
                }
                return c.yieldTo(PTE);
            }
            case FLUSH -> {
                return flush(c, k);
            }
            case UNLOCKED -> {
                k.lru().putPage(c.local(LOCKED) - 1);
                c.set(LOCKED, 0);
                return c.yieldTo(TABLE);
            }
            default -> throw k.bug(org.mmspec.ref.sync.OopsKind.MODEL_MISUSE, 16, pc);
        }
    }

    private int ptepOf(Ctx c, Kernel k, int addr) {
        PageTables pt = k.pageTables();
        int mm = k.vmas().mmOf(c.local(VMA));
        return pt.pteOffsetMap(pt.pmdOffset(pt.pgdOffset(mm, addr), addr), addr);
    }

    /** Starts the next PTE table: skip an empty pmd, lock a file page (bug mode), take the PTE lock. */
    private Flow table(Ctx c, Kernel k) {
        PageTables pt = k.pageTables();
        Vmas v = k.vmas();
        int vma = c.local(VMA);
        int mm = v.mmOf(vma);
        int pmdSize = 1 << k.geometry().pmdShift;
        while (c.local(ADDR) < c.local(END)) {
            int addr = c.local(ADDR);
            int tableEnd = Math.min(c.local(END), (addr & ~(pmdSize - 1)) + pmdSize);
            int pmd = pt.pmdOffset(pt.pgdOffset(mm, addr), addr);
            if (pt.pmdNone(pmd)) {
                resetLogical(c, k, addr, tableEnd);
                c.set(ADDR, tableEnd);
                continue;
            }
            if ((c.local(MODE) & LOCK_FILE_PAGES) != 0 && c.local(LOCKED) == 0) {
                int page = firstFilePage(k, vma, pt, pmd, addr, tableEnd);
                if (page >= 0) {
                    k.pages().getPage(page);
                    c.set(LOCKED, page + 1);
                    return c.call(LockPage.INSTANCE, TABLE_LOCKED, page, 0);
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

    private static int firstFilePage(Kernel k, int vma, PageTables pt, int pmd, int from, int to) {
        for (int a = from; a < to; a += Geometry.PAGE_SIZE) {
            int pte = pt.read(pt.pteOffsetMap(pmd, a));
            if (Pte.ptePresent(pte)) {
                int page = k.memory().vmNormalPage(vma, pte);
                if (page >= 0 && !k.pages().pageAnon(page)) {
                    return page;
                }
            }
        }
        return -1;
    }

    /** One PTE under the lock. */
    private Flow pte(Ctx c, Kernel k) {
        PageTables pt = k.pageTables();
        Pages p = k.pages();
        Vmas v = k.vmas();
        int vma = c.local(VMA);
        int mm = v.mmOf(vma);
        int addr = c.local(ADDR);
        int ptep = ptepOf(c, k, Math.min(addr, c.local(TABLE_END) - Geometry.PAGE_SIZE));
        if (addr >= c.local(TABLE_END)) {
            pt.pteUnmapUnlock(ptep);
            return c.next(FLUSH);
        }
        int pte = pt.read(ptep);
        if (Pte.pteNone(pte)) {
            resetLogical(c, k, addr, addr + Geometry.PAGE_SIZE);
            c.set(ADDR, addr + Geometry.PAGE_SIZE);
            return c.next(PTE);
        }
        if (!Pte.ptePresent(pte)) {
            if ((c.local(MODE) & SKIP_ANON) != 0) {
                c.set(ADDR, addr + Geometry.PAGE_SIZE);
                return c.next(PTE);
            }
            k.mms().addMmCounter(mm, Mms.MM_SWAPENTS, -1);
            pt.ptepGetAndClear(ptep);
            k.swap().freeSwapAndCache(Pte.swpOffset(pte));
            resetLogical(c, k, addr, addr + Geometry.PAGE_SIZE);
            c.set(ADDR, addr + Geometry.PAGE_SIZE);
            return c.yieldTo(PTE);
        }
        int page = k.memory().vmNormalPage(vma, pte);
        if (page >= 0 && p.pageAnon(page) && (c.local(MODE) & SKIP_ANON) != 0) {
            c.set(ADDR, addr + Geometry.PAGE_SIZE);
            return c.next(PTE);
        }
        pt.ptepGetAndClear(ptep);
        resetLogical(c, k, addr, addr + Geometry.PAGE_SIZE);
        if (page < 0) {
            c.set(ADDR, addr + Geometry.PAGE_SIZE);
            return c.yieldTo(PTE);
        }
        if (!p.pageAnon(page)) {
            if (Pte.pteDirty(pte)) {
                p.setPageFlag(page, PageFlag.DIRTY);
            }
            if (Pte.pteYoung(pte)) {
                k.lru().markPageAccessed(page);
            }
            k.mms().addMmCounter(mm, Mms.MM_FILEPAGES, -1);
        } else {
            k.mms().addMmCounter(mm, Mms.MM_ANONPAGES, -1);
        }
        c.set(PENDING, page + 1);
        return c.yieldTo(RMAP);
    }

    /** {@code tlb_flush_mmu()} → {@code free_pages_and_swap_cache()}: release the gathered pages. */
    private Flow flush(Ctx c, Kernel k) {
        int g = c.local(GATHER);
        c.set(GATHER, 0);
        if ((g & 0xFFFF) != 0) {
            k.lru().putPage((g & 0xFFFF) - 1);
        }
        if ((g >>> 16) != 0) {
            k.lru().putPage((g >>> 16) - 1);
        }
        if (c.local(LOCKED) != 0 && c.local(ADDR) >= c.local(TABLE_END)) {
            return c.call(UnlockPage.INSTANCE, UNLOCKED, c.local(LOCKED) - 1);
        }
        return c.yieldTo(TABLE);
    }

    private static void resetLogical(Ctx c, Kernel k, int from, int to) {
        if ((c.local(MODE) & RESET_LOGICAL) == 0 || (k.vmas().vmFlags(c.local(VMA)) & VmFlags.VM_SHARED) != 0) {
            return;
        }
        int mm = k.vmas().mmOf(c.local(VMA));
        for (int a = from; a < to; a += Geometry.PAGE_SIZE) {
            k.mms().setLogical(mm, a, Mms.FOLLOWS_BACKING);
        }
    }

    @Override
    protected String detail(FrameView f) {
        return "addr=0x" + Integer.toHexString(f.local(ADDR))
                + (f.local(PENDING) != 0 ? " pfn=" + (f.local(PENDING) - 1) : "");
    }
}
