package org.mmspec.ref.reclaim;

import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.mmap.Memory;
import org.mmspec.ref.mmap.Mmap;
import org.mmspec.ref.pageref.PutPage;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.PageTables;
import org.mmspec.ref.pgtable.Pte;
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
 * Linux 4.x reclaim code, which the 5.4 code calls), action by action. Under {@code mmap_sem} for read,
 * every VMA of the range is walked — a {@code VM_LOCKED} or {@code VM_PFNMAP} one fails the call with
 * {@code -EINVAL}, a hole makes it return {@code -ENOMEM} after the rest is done. Under the PTE lock, for
 * each present PTE whose page is mapped exactly once ({@code page_mapcount}, "do not interfere with other
 * mappings"), the PTE is made old and the page loses {@code PG_referenced}; then
 * <ul>
 * <li>{@link #MADV_COLD}: {@code deactivate_page()} moves it to the inactive list;</li>
 * <li>{@link #MADV_PAGEOUT}: {@code isolate_lru_page()} takes it off the LRU, and after the PTE lock is
 * dropped {@code reclaim_pages()} clears {@code PG_active} and runs {@code shrink_page_list()}
 * ({@link ShrinkPage}, as direct reclaim, not kswapd) on it: a clean page is unmapped and freed, an
 * anonymous page goes to swap if a slot is free (otherwise it is activated), a dirty file page is
 * unmapped and left for writeback; a page that was kept goes back on its LRU list ({@code
 * putback_lru_page}: {@code lru_cache_add}, then {@code put_page}).</li>
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
    /** The page being aged or reclaimed. */
    private static final int PAGE = 5;
    /** 1 once a hole was found in the range. */
    private static final int HOLE = 6;
    /** The end of the PTE run under the lock. */
    private static final int STOP = 7;

    private static final int DOWN_READ = 0;
    private static final int PTE_RANGE = 1;
    private static final int RECLAIM = 2;
    private static final int SHRUNK = 3;
    private static final int PTE = 4;
    private static final int AGE = 5;
    private static final int ISOLATE = 6;
    private static final int SHRINK = 7;
    private static final int PUTBACK = 8;
    private static final int PUTBACK_PUT = 9;
    private static final int NEXT = 10;

    private final Geometry geometry;
    private final Pages pages;
    private final Lru lru;
    private final PageTables pageTables;
    private final Vmas vmas;
    private final Mms mms;
    private final Memory memory;
    private final ShrinkPage shrinkPage;
    private final PutPage putPage;

    public MadvisePageout(Geometry geometry, Pages pages, Lru lru, PageTables pageTables, Vmas vmas, Mms mms,
            Memory memory, ShrinkPage shrinkPage, PutPage putPage) {
        super("madvise_cold_or_pageout", "down_read_mmap_sem", "madvise_cold_or_pageout_pte_range",
                "reclaim_pages:ClearPageActive", "shrink_page_list:done", "page_mapcount", "ClearPageReferenced",
                "isolate_lru_page/deactivate_page", "shrink_page_list", "putback_lru_page:lru_cache_add",
                "putback_lru_page:put_page", "put_page:done");
        this.geometry = geometry;
        this.pages = pages;
        this.lru = lru;
        this.pageTables = pageTables;
        this.vmas = vmas;
        this.mms = mms;
        this.memory = memory;
        this.shrinkPage = shrinkPage;
        this.putPage = putPage;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int pfn = c.local(PAGE);
        return switch (pc) {
            case DOWN_READ -> {
                int advice = c.local(ADVICE);
                if (!Geometry.isPageAligned(c.local(START)) || c.local(LEN) <= 0
                        || advice != MADV_COLD && advice != MADV_PAGEOUT) {
                    yield c.ret(Mmap.EINVAL);
                }
                if (!mms.downRead(c.local(MM))) {
                    yield Flow.BLOCK;
                }
                c.set(CURSOR, c.local(START));
                yield c.yieldTo(PTE_RANGE);
            }
            case PTE_RANGE -> pteRange(c);
            case PTE -> pte(c);
            case AGE -> {
                int ptep = ptep(c, c.local(CURSOR));
                if (Pte.pteYoung(pageTables.read(ptep))) {
                    pageTables.ptepTestAndClearYoung(ptep);
                }
                pages.clearPageFlag(pfn, PageFlag.REFERENCED);
                yield c.yieldTo(ISOLATE);
            }
            case ISOLATE -> isolate(c, pfn);
            case RECLAIM -> {
                pages.clearPageFlag(pfn, PageFlag.ACTIVE);
                yield c.yieldTo(SHRINK);
            }
            case SHRINK -> c.call(shrinkPage, SHRUNK, pfn, 0);
            case SHRUNK -> c.yieldTo(c.result() == ShrinkPage.FREED ? NEXT : PUTBACK);
            case PUTBACK -> {
                lru.lruCacheAdd(pfn);
                yield c.yieldTo(PUTBACK_PUT);
            }
            case PUTBACK_PUT -> c.call(putPage, NEXT, pfn);
            case NEXT -> {
                c.set(PAGE, 0);
                yield c.yieldTo(PTE_RANGE);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 28, pc);
        };
    }

    private int end(Ctx c) {
        return c.local(START) + Geometry.pageAlign(c.local(LEN));
    }

    private int ptep(Ctx c, int addr) {
        PageTables pt = pageTables;
        int mm = c.local(MM);
        return pt.pteOffsetMap(pt.pmdOffset(pt.pgdOffset(mm, addr), addr), addr);
    }

    /**
     * Finds the VMA at the cursor (noting a hole before it) and takes the PTE lock of the cursor's table.
     * Past the last VMA of the range the call ends.
     */
    private Flow pteRange(Ctx c) {
        Vmas v = vmas;
        PageTables pt = pageTables;
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
        int addr = c.local(CURSOR);
        int pmdSize = 1 << geometry.pmdShift;
        int stop = Math.min(Math.min(end, v.vmEnd(vma)), (addr & ~(pmdSize - 1)) + pmdSize);
        int pmd = pt.pmdOffset(pt.pgdOffset(mm, addr), addr);
        if (pt.pmdNone(pmd)) {
            c.set(CURSOR, stop);
            return c.yieldTo(PTE_RANGE);
        }
        if (pt.pteOffsetMapLock(pmd, addr) < 0) {
            return Flow.BLOCK;
        }
        c.set(STOP, stop);
        return c.next(PTE);
    }

    /** One PTE under the lock: a normal page mapped once is aged next; at the end of the run, unlock. */
    private Flow pte(Ctx c) {
        int addr = c.local(CURSOR);
        if (addr >= c.local(STOP)) {
            pageTables.pteUnmapUnlock(ptep(c, c.local(STOP) - Geometry.PAGE_SIZE));
            return c.yieldTo(PTE_RANGE);
        }
        int pte = pageTables.read(ptep(c, addr));
        int page = Pte.ptePresent(pte) ? memory.vmNormalPage(vmas.findVma(c.local(MM), addr), pte) : -1;
        if (page < 0) {
            c.set(CURSOR, addr + Geometry.PAGE_SIZE);
            return c.next(PTE);
        }
        if (pages.pageMapcount(page) != 1) {
            c.set(CURSOR, addr + Geometry.PAGE_SIZE);
            return c.yieldTo(PTE);
        }
        c.set(PAGE, page);
        return c.yieldTo(AGE);
    }

    /** {@code isolate_lru_page} (then reclaim, the PTE lock dropped) or {@code deactivate_page}. */
    private Flow isolate(Ctx c, int pfn) {
        int addr = c.local(CURSOR);
        c.set(CURSOR, addr + Geometry.PAGE_SIZE);
        if (c.local(ADVICE) != MADV_PAGEOUT) {
            lru.moves().deactivatePage(pfn);
            c.set(PAGE, 0);
            return c.yieldTo(PTE);
        }
        if (!lru.isolateLruPage(pfn)) {
            c.set(PAGE, 0);
            return c.yieldTo(PTE);
        }
        pageTables.pteUnmapUnlock(ptep(c, addr));
        return c.yieldTo(RECLAIM);
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
