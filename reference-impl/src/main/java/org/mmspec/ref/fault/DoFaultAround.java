package org.mmspec.ref.fault;

import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.filemap.PageLock;
import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.PageTables;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.rmap.Rmap;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.vma.Mms;
import org.mmspec.ref.vma.Vmas;

/**
 * {@code do_fault_around()} with {@code filemap_map_pages()} (mm/memory.c, mm/filemap.c, Linux 4.9):
 * before a read fault on a file mapping asks {@code ->fault()} for the page, the page-cache pages
 * around the faulting address that are ready to be mapped — cached, uptodate, not locked
 * ({@code trylock_page} succeeds), below {@code i_size} — are mapped read-only, with no I/O and no
 * sleeping on a page. The window is {@code fault_around_bytes} ({@link org.mmspec.ref.state.Config#faultAroundPages()}
 * pages) aligned down to its size, clipped to the VMA and to the PTE table of the faulting address.
 *
 * <p>Per page: a speculative reference and {@code trylock_page} end a step; the first page to map takes
 * the PTE lock ({@code alloc_set_pte}), which is then held until the end of the window; a PTE that is no
 * longer none is left alone and the page dropped; a mapped page keeps the speculative reference as the
 * mapping's and is counted with {@code page_add_file_rmap}; then {@code unlock_page}. If the faulting
 * address itself got mapped the fault is done ({@code VM_FAULT_NOPAGE}); otherwise
 * {@code do_read_fault()} goes on with {@code __do_fault()}. {@code PageReadahead} and
 * {@code mmap_miss} are not modelled. Context: {@code mmap_sem} for read; the PTE table exists.
 *
 * <p>Arguments: vma, address, pmd. Returns {@code VM_FAULT_NOPAGE} or 0.
 */
public final class DoFaultAround extends Procedure {

    private static final int VMA = 0;
    private static final int ADDR = 1;
    private static final int PMD = 2;
    /** The next page offset to look at. */
    private static final int INDEX = 3;
    /** The last page offset of the window. */
    private static final int END = 4;
    /** The page locked by the last scan step. */
    private static final int PAGE = 5;
    /** 1 while the PTE lock of the table is held. */
    private static final int PTL = 6;
    /** 1 when the locked page was not mapped and its speculative reference must be dropped. */
    private static final int DROP = 7;

    private static final int START = 0;
    private static final int SCAN = 1;
    private static final int LOCK_PTE = 2;
    private static final int MAP = 3;
    private static final int UNLOCKED = 4;
    private static final int FINISH = 5;

    private final Config config;
    private final Pages pages;
    private final Lru lru;
    private final PageTables pageTables;
    private final PageLock pageLock;
    private final PageCache pageCache;
    private final Vmas vmas;
    private final Mms mms;
    private final Rmap rmap;
    private final UnlockPage unlockPage;

    public DoFaultAround(Config config, Pages pages, Lru lru, PageTables pageTables, PageLock pageLock,
            PageCache pageCache, Vmas vmas, Mms mms, Rmap rmap, UnlockPage unlockPage) {
        super("do_fault_around", "start", "filemap_map_pages:trylock_page", "alloc_set_pte:pte_offset_map_lock",
                "alloc_set_pte", "unlock_page:done", "pte_unmap_unlock");
        this.config = config;
        this.pages = pages;
        this.lru = lru;
        this.pageTables = pageTables;
        this.pageLock = pageLock;
        this.pageCache = pageCache;
        this.vmas = vmas;
        this.mms = mms;
        this.rmap = rmap;
        this.unlockPage = unlockPage;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        switch (pc) {
            case START -> {
                window(c);
                return c.next(SCAN);
            }
            case SCAN -> {
                return scan(c);
            }
            case LOCK_PTE -> {
                if (pageTables.pteOffsetMapLock(c.local(PMD), c.local(ADDR)) < 0) {
                    return Flow.BLOCK;
                }
                c.set(PTL, 1);
                return c.next(MAP);
            }
            case MAP -> {
                return map(c);
            }
            case UNLOCKED -> {
                if (c.local(DROP) != 0) {
                    lru.putPage(c.local(PAGE));
                }
                c.set(PAGE, 0);
                c.set(DROP, 0);
                return c.yieldTo(SCAN);
            }
            case FINISH -> {
                return finish(c);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 27, pc);
        }
    }

    /**
     * The window: {@code fault_around_bytes} aligned, clipped to the VMA and to the PTE table of the
     * faulting address. (The kernel's arithmetic assumes the window is no larger than a PTE table, as it
     * always is there; the model's tables are small, so the clipping to the table is explicit.)
     */
    private void window(Ctx c) {
        Vmas v = vmas;
        int vma = c.local(VMA);
        int addr = c.local(ADDR);
        int pages = config.faultAroundPages();
        int ptrsPerPte = config.ptrsPerPte();
        int tableStart = addr & ~((ptrsPerPte << Geometry.PAGE_SHIFT) - 1);
        int from = Math.max(Math.max(addr & ~(pages * Geometry.PAGE_SIZE - 1), v.vmStart(vma)), tableStart);
        int first = v.linearPageIndex(vma, from);
        int tableEnd = tableStart + (ptrsPerPte << Geometry.PAGE_SHIFT);
        int tableLast = first + ((tableEnd - from) >> Geometry.PAGE_SHIFT) - 1;
        int vmaLast = v.vmPgoff(vma) + ((v.vmEnd(vma) - v.vmStart(vma)) >>> Geometry.PAGE_SHIFT) - 1;
        c.set(INDEX, first);
        c.set(END, Math.min(tableLast, Math.min(vmaLast, first + pages - 1)));
    }

    /**
     * The lockless page-cache walk of {@code filemap_map_pages()}: skips offsets with no page and pages
     * that are being freed, not uptodate, locked or beyond {@code i_size}; takes a reference on and locks
     * the next page that is ready (the step ends there), or finishes.
     */
    private Flow scan(Ctx c) {
        PageCache cache = pageCache;
        Pages p = pages;
        int file = vmas.vmFile(c.local(VMA));
        for (int index = c.local(INDEX); index <= c.local(END); index++) {
            int page = cache.lookup(file, index);
            if (page < 0 || p.pageCount(page) == 0 || !p.pageFlag(page, PageFlag.UPTODATE)
                    || p.pageFlag(page, PageFlag.LOCKED) || index >= cache.sizeInPages(file)) {
                continue;
            }
            p.getPage(page);
            pageLock.trylockPage(page);
            c.set(PAGE, page);
            c.set(INDEX, index + 1);
            return c.yieldTo(c.local(PTL) != 0 ? MAP : LOCK_PTE);
        }
        return c.next(FINISH);
    }

    /** {@code alloc_set_pte()} for the locked page under the PTE lock, then {@code unlock_page}. */
    private Flow map(Ctx c) {
        PageTables pt = pageTables;
        Vmas v = vmas;
        int vma = c.local(VMA);
        int page = c.local(PAGE);
        int addr = v.vmaAddress(vma, c.local(INDEX) - 1);
        int ptep = pt.pteOffsetMap(c.local(PMD), addr);
        if (!Pte.pteNone(pt.read(ptep))) {
            c.set(DROP, 1);
        } else {
            int mm = v.mmOf(vma);
            mms.addMmCounter(mm, Mms.MM_FILEPAGES, 1);
            rmap.pageAddFileRmap(page);
            pt.setPteAt(mm, addr, ptep, Pte.mkPte(page, v.vmPageProt(vma)));
        }
        return c.call(unlockPage, UNLOCKED, page);
    }

    /** Drops the PTE lock, if taken; the fault is done if the faulting address is mapped now. */
    private Flow finish(Ctx c) {
        if (c.local(PTL) == 0) {
            return c.ret(0);
        }
        PageTables pt = pageTables;
        int ptep = pt.pteOffsetMap(c.local(PMD), c.local(ADDR));
        boolean done = !Pte.pteNone(pt.read(ptep));
        pt.pteUnmapUnlock(ptep);
        return c.ret(done ? VmFault.VM_FAULT_NOPAGE : 0);
    }

    @Override
    protected String detail(FrameView f) {
        return "addr=0x" + Integer.toHexString(f.local(ADDR)) + (f.local(PAGE) > 0 ? " pfn=" + f.local(PAGE) : "");
    }
}
