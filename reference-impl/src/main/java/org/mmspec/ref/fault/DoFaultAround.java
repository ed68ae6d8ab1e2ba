package org.mmspec.ref.fault;

import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.filemap.PageLock;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.pageref.FindGetPage;
import org.mmspec.ref.pageref.PutPage;
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
 * <p>Per page, action by action: the lookup ({@link FindGetPage}: slot, speculative reference, reload),
 * {@code PageUptodate}, {@code trylock_page}, the checks under the page lock; the first page to map
 * takes the PTE lock ({@code alloc_set_pte}), which is then held until the end of the window; a PTE that
 * is no longer none is left alone and the page unlocked and dropped ({@code put_page}); a mapped page
 * keeps the speculative reference as the mapping's and is counted with {@code page_add_file_rmap}; then
 * {@code unlock_page}. If the faulting
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
    /** The page being looked at. */
    private static final int PAGE = 5;
    /** 1 while the PTE lock of the table is held. */
    private static final int PTL = 6;
    /** 1 when the page was mapped (its reference now the mapping's). */
    private static final int MAPPED = 7;

    private static final String[] POINTS = {"start", "find_get_page", "find_get_page:done", "PageUptodate",
        "trylock_page", "alloc_set_pte:pte_offset_map_lock", "alloc_set_pte", "unlock_page", "unlock_page:done",
        "put_page", "put_page:done", "pte_unmap_unlock"};

    private static final int START = 0;
    private static final int SCAN = 1;
    private static final int FOUND = 2;
    private static final int UPTODATE = 3;
    private static final int TRYLOCK = 4;
    private static final int LOCK_PTE = 5;
    private static final int MAP = 6;
    private static final int UNLOCK = 7;
    private static final int UNLOCKED = 8;
    private static final int SKIP_PUT = 9;
    private static final int PUT_DONE = 10;
    private static final int FINISH = 11;

    private final Config config;
    private final Pages pages;
    private final PageTables pageTables;
    private final PageLock pageLock;
    private final PageCache pageCache;
    private final Vmas vmas;
    private final Mms mms;
    private final Rmap rmap;
    private final UnlockPage unlockPage;
    private final FindGetPage findGetPage;
    private final PutPage putPage;

    public DoFaultAround(Config config, Pages pages, PageTables pageTables, PageLock pageLock, PageCache pageCache,
            Vmas vmas, Mms mms, Rmap rmap, UnlockPage unlockPage, FindGetPage findGetPage, PutPage putPage) {
        super("do_fault_around", POINTS);
        this.config = config;
        this.pages = pages;
        this.pageTables = pageTables;
        this.pageLock = pageLock;
        this.pageCache = pageCache;
        this.vmas = vmas;
        this.mms = mms;
        this.rmap = rmap;
        this.unlockPage = unlockPage;
        this.findGetPage = findGetPage;
        this.putPage = putPage;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int page = c.local(PAGE);
        int file = vmas.vmFile(c.local(VMA));
        return switch (pc) {
            case START -> {
                window(c);
                yield c.next(SCAN);
            }
            case SCAN -> c.local(INDEX) > c.local(END) ? c.next(FINISH) : c.call(findGetPage, FOUND, file, c.local(INDEX));
            case FOUND -> {
                c.set(PAGE, c.result());
                c.set(MAPPED, 0);
                if (c.result() < 0) {
                    c.set(INDEX, c.local(INDEX) + 1);
                    yield c.yieldTo(SCAN);
                }
                yield c.yieldTo(UPTODATE);
            }
            case UPTODATE -> c.yieldTo(pages.pageFlag(page, PageFlag.UPTODATE) ? TRYLOCK : SKIP_PUT);
            case TRYLOCK -> {
                if (!pageLock.trylockPage(page)) {
                    yield c.yieldTo(SKIP_PUT);
                }
                int index = c.local(INDEX);
                if (pageCache.fileOf(page) != file || !pages.pageFlag(page, PageFlag.UPTODATE)
                        || index >= pageCache.sizeInPages(file)) {
                    yield c.yieldTo(UNLOCK);
                }
                yield c.yieldTo(c.local(PTL) != 0 ? MAP : LOCK_PTE);
            }
            case LOCK_PTE -> {
                if (pageTables.pteOffsetMapLock(c.local(PMD), c.local(ADDR)) < 0) {
                    yield Flow.BLOCK;
                }
                c.set(PTL, 1);
                yield c.next(MAP);
            }
            case MAP -> map(c, page);
            case UNLOCK -> c.call(unlockPage, UNLOCKED, page);
            case UNLOCKED -> {
                if (c.local(MAPPED) != 0) {
                    c.set(INDEX, c.local(INDEX) + 1);
                    yield c.yieldTo(SCAN);
                }
                yield c.yieldTo(SKIP_PUT);
            }
            case SKIP_PUT -> c.call(putPage, PUT_DONE, page);
            case PUT_DONE -> {
                c.set(INDEX, c.local(INDEX) + 1);
                yield c.yieldTo(SCAN);
            }
            case FINISH -> finish(c);
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 27, pc);
        };
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

    /** {@code alloc_set_pte()} for the locked page under the PTE lock; then {@code unlock_page}. */
    private Flow map(Ctx c, int page) {
        PageTables pt = pageTables;
        Vmas v = vmas;
        int vma = c.local(VMA);
        int addr = v.vmaAddress(vma, c.local(INDEX));
        int ptep = pt.pteOffsetMap(c.local(PMD), addr);
        if (Pte.pteNone(pt.read(ptep))) {
            int mm = v.mmOf(vma);
            mms.addMmCounter(mm, Mms.MM_FILEPAGES, 1);
            rmap.pageAddFileRmap(page);
            pt.setPteAt(mm, addr, ptep, Pte.mkPte(page, v.vmPageProt(vma)));
            c.set(MAPPED, 1);
        }
        return c.yieldTo(UNLOCK);
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
