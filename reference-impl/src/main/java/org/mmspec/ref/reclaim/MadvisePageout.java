package org.mmspec.ref.reclaim;

import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.mmap.Memory;
import org.mmspec.ref.mmap.Mmap;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.PageTables;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.sync.LockClass;
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
 * {@code madvise(start, len, MADV_COLD | MADV_PAGEOUT)} (mm/madvise.c, Linux 5.4: {@code madvise_cold()},
 * {@code madvise_pageout()}, {@code madvise_cold_or_pageout_pte_range()}; in mmspec built from the
 * Linux 4.x reclaim code, which the 5.4 code calls). Under {@code mmap_sem} for read, every VMA of the
 * range is walked — a {@code VM_LOCKED} or {@code VM_PFNMAP} one fails the call with {@code -EINVAL},
 * a hole makes it return {@code -ENOMEM} after the rest is done. Under the PTE lock, each present PTE
 * whose page is mapped exactly once ("do not interfere with other mappings") is made old and the page
 * loses {@code PG_referenced}; then
 * <ul>
 * <li>{@link #MADV_COLD}: {@code deactivate_page()} moves it to the inactive list;</li>
 * <li>{@link #MADV_PAGEOUT}: {@code isolate_lru_page()} takes it off the LRU, and after the PTE lock is
 * dropped {@code reclaim_pages()} clears {@code PG_active} and runs {@code shrink_page_list()}
 * ({@link ShrinkPage}, as direct reclaim, not kswapd) on it: a clean page is unmapped and freed, an
 * anonymous page goes to swap if a slot is free (otherwise it is activated), a dirty file page is
 * unmapped and left for writeback; a page that was kept goes back on its LRU list
 * ({@code putback_lru_page}).</li>
 * </ul>
 * The kernel isolates all pages of one PTE table and reclaims them as a list after dropping the lock;
 * the model reclaims each isolated page (a list of one) before looking at the next PTE, which keeps
 * the procedure's locals bounded. Context: process.
 *
 * <p>Arguments: mm, start, len, advice. Returns 0, {@code -EINVAL} or {@code -ENOMEM}.
 */
public final class MadvisePageout extends Procedure {

    /** {@code MADV_COLD} (include/uapi/asm-generic/mman-common.h). */
    public static final int MADV_COLD = 20;
    /** {@code MADV_PAGEOUT}. */
    public static final int MADV_PAGEOUT = 21;

    private static final int MM = 0;
    private static final int START = 1;
    private static final int LEN = 2;
    private static final int ADVICE = 3;
    /** The next address to look at. */
    private static final int CURSOR = 4;
    /** The isolated page being reclaimed. */
    private static final int PAGE = 5;
    /** 1 once a hole was found in the range. */
    private static final int HOLE = 6;

    private static final int DOWN_READ = 0;
    private static final int PTE_RANGE = 1;
    private static final int RECLAIM = 2;
    private static final int SHRUNK = 3;

    private final Geometry geometry;
    private final Pages pages;
    private final Lru lru;
    private final PageTables pageTables;
    private final Vmas vmas;
    private final Mms mms;
    private final Memory memory;
    private final ShrinkPage shrinkPage;

    public MadvisePageout(Geometry geometry, Pages pages, Lru lru, PageTables pageTables, Vmas vmas, Mms mms,
            Memory memory, ShrinkPage shrinkPage) {
        super("madvise_cold_or_pageout", "down_read_mmap_sem", "madvise_cold_or_pageout_pte_range",
                "reclaim_pages", "shrink_page_list:done");
        this.geometry = geometry;
        this.pages = pages;
        this.lru = lru;
        this.pageTables = pageTables;
        this.vmas = vmas;
        this.mms = mms;
        this.memory = memory;
        this.shrinkPage = shrinkPage;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        switch (pc) {
            case DOWN_READ -> {
                int advice = c.local(ADVICE);
                if (!Geometry.isPageAligned(c.local(START)) || c.local(LEN) <= 0
                        || advice != MADV_COLD && advice != MADV_PAGEOUT) {
                    return c.ret(Mmap.EINVAL);
                }
                if (!mms.downRead(c.local(MM))) {
                    return Flow.BLOCK;
                }
                c.set(CURSOR, c.local(START));
                return c.next(PTE_RANGE);
            }
            case PTE_RANGE -> {
                return pteRange(c);
            }
            case RECLAIM -> {
                int pfn = c.local(PAGE);
                pages.clearPageFlag(pfn, PageFlag.ACTIVE);
                return c.call(shrinkPage, SHRUNK, pfn, 0);
            }
            case SHRUNK -> {
                putback(c.local(PAGE), c.result());
                c.set(PAGE, 0);
                return c.yieldTo(PTE_RANGE);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 28, pc);
        }
    }

    private int end(Ctx c) {
        return c.local(START) + Geometry.pageAlign(c.local(LEN));
    }

    /**
     * Finds the VMA at the cursor (noting a hole before it) and treats the PTEs of the cursor's table;
     * stops after isolating a page for reclaim. Past the last VMA of the range the call ends.
     */
    private Flow pteRange(Ctx c) {
        Vmas v = vmas;
        int mm = c.local(MM);
        int end = end(c);
        int vma = c.local(CURSOR) >= end ? -1 : v.findVma(mm, c.local(CURSOR));
        if (vma < 0 || v.vmStart(vma) >= end) {
            return done(c, c.local(CURSOR) < end ? 1 : 0);
        }
        if (v.vmStart(vma) > c.local(CURSOR)) {
            c.set(HOLE, 1);
            c.set(CURSOR, v.vmStart(vma));
        }
        if ((v.vmFlags(vma) & (VmFlags.VM_LOCKED | VmFlags.VM_PFNMAP)) != 0) {
            mms.upRead(mm);
            return c.ret(Mmap.EINVAL);
        }
        return table(c, vma, end);
    }

    /** The PTEs from the cursor to the end of its PTE table, the VMA or the range, under the PTE lock. */
    private Flow table(Ctx c, int vma, int end) {
        PageTables pt = pageTables;
        int mm = c.local(MM);
        int addr = c.local(CURSOR);
        int pmdSize = 1 << geometry.pmdShift;
        int stop = Math.min(Math.min(end, vmas.vmEnd(vma)), (addr & ~(pmdSize - 1)) + pmdSize);
        int pmd = pt.pmdOffset(pt.pgdOffset(mm, addr), addr);
        if (pt.pmdNone(pmd)) {
            c.set(CURSOR, stop);
            return c.next(PTE_RANGE);
        }
        int ptl = pt.pteOffsetMapLock(pmd, addr);
        if (ptl < 0) {
            return Flow.BLOCK;
        }
        for (int a = addr; a < stop; a += Geometry.PAGE_SIZE) {
            int page = candidate(vma, pt, pt.pteOffsetMap(pmd, a));
            if (page >= 0 && c.local(ADVICE) == MADV_PAGEOUT) {
                c.acquiring(LockClass.LRU_LOCK);
                if (lru.isolate(page)) {
                    pt.pteUnmapUnlock(ptl);
                    c.set(PAGE, page);
                    c.set(CURSOR, a + Geometry.PAGE_SIZE);
                    return c.yieldTo(RECLAIM);
                }
            } else if (page >= 0) {
                lru.deactivatePage(page);
            }
        }
        pt.pteUnmapUnlock(ptl);
        c.set(CURSOR, stop);
        return c.yieldTo(PTE_RANGE);
    }

    /**
     * One PTE: if it maps a normal page mapped exactly once, makes the PTE old, clears
     * {@code PG_referenced} and returns the page; otherwise -1.
     */
    private int candidate(int vma, PageTables pt, int ptep) {
        int pte = pt.read(ptep);
        if (!Pte.ptePresent(pte)) {
            return -1;
        }
        int page = memory.vmNormalPage(vma, pte);
        Pages p = pages;
        if (page < 0 || p.pageMapcount(page) != 1) {
            return -1;
        }
        pt.ptepTestAndClearYoung(ptep);
        p.clearPageFlag(page, PageFlag.REFERENCED);
        return page;
    }

    /** {@code putback_lru_page()} of a page {@link ShrinkPage} kept; a freed page is gone already. */
    private void putback(int pfn, int shrunk) {
        Pages p = pages;
        if (shrunk == ShrinkPage.FREED) {
            return;
        }
        if (p.pageCount(pfn) == 1) {
            p.clearPageFlag(pfn, PageFlag.ACTIVE);
            lru.putPage(pfn);
            return;
        }
        lru.putback(pfn);
    }

    private Flow done(Ctx c, int trailingHole) {
        mms.upRead(c.local(MM));
        return c.ret(c.local(HOLE) != 0 || trailingHole != 0 ? Vmas.ENOMEM : 0);
    }

    @Override
    protected String detail(FrameView f) {
        return "mm" + f.local(MM) + " 0x" + Integer.toHexString(f.local(START)) + "+0x"
                + Integer.toHexString(f.local(LEN)) + (f.local(ADVICE) == MADV_COLD ? " cold" : " pageout");
    }
}
