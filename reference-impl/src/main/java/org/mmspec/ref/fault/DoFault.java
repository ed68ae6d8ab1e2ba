package org.mmspec.ref.fault;

import org.mmspec.ref.alloc.AllocPages;
import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.pageref.PutPage;
import org.mmspec.ref.pgtable.PageTables;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.rmap.AnonVmas;
import org.mmspec.ref.rmap.Rmap;
import org.mmspec.ref.state.Config;
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
 * {@code do_fault()} (mm/memory.c, Linux 4.9) for an empty PTE in a file VMA:
 * <ul>
 * <li>read fault, {@code do_read_fault()}: map the page-cache page read-only — the reference
 * {@code filemap_fault} took becomes the PTE's;</li>
 * <li>write fault on a private mapping, {@code do_cow_fault()}: copy the page-cache page into a new
 * anonymous page and map the copy (writable only if the VMA is {@code VM_WRITE}; a {@code FOLL_FORCE}
 * write to a read-only mapping gets a dirty, read-only PTE), then drop the page-cache page — the page
 * cache is never written;</li>
 * <li>write fault on a shared mapping, {@code do_shared_fault()}: map the page-cache page writable,
 * then dirty it ({@code fault_dirty_shared_page}).</li>
 * </ul>
 * A read fault first maps the ready page-cache pages around the address ({@link DoFaultAround}, when
 * {@code fault_around_bytes} covers more than one page) and is done if that mapped the faulting
 * address. Action by action: the {@code anon_vma_prepare} check and set-up, the allocation, {@code
 * __do_fault} ({@link FilemapFault}), the copy, {@code finish_fault} under the PTE lock, the dirtying,
 * {@code unlock_page}, and the {@code put_page}s. Context: {@code mmap_sem} for read.
 *
 * <p>Arguments: vma, address, fault flags, pmd. Returns {@code VM_FAULT_*}.
 */
public final class DoFault extends Procedure {

    private static final int VMA = 0;
    private static final int ADDR = 1;
    private static final int FLAGS = 2;
    private static final int PMD = 3;
    private static final int PAGE = 4;
    /** The COW copy, pfn + 1 (0: none). */
    private static final int NEW_PAGE = 5;
    private static final int RET = 6;

    private static final String[] POINTS = {"start", "do_cow_fault:anon_vma_prepare", "__anon_vma_prepare",
        "alloc_page_vma", "alloc_page_vma:done", "__do_fault", "__do_fault:done", "copy_user_highpage",
        "finish_fault", "fault_dirty_shared_page", "unlock_page", "unlock_page:done", "put_page", "put_page:done",
        "put_page(cow_page)", "done", "do_read_fault:do_fault_around", "do_fault_around:done"};

    private static final int START = 0;
    private static final int COW_PREPARE = 1;
    private static final int COW_PREPARE_LOCKED = 2;
    private static final int COW_ALLOC = 3;
    private static final int COW_ALLOCATED = 4;
    private static final int DO_FAULT = 5;
    private static final int GOT_PAGE = 6;
    private static final int COPY = 7;
    private static final int INSTALL = 8;
    private static final int DIRTY = 9;
    private static final int UNLOCK = 10;
    private static final int UNLOCKED = 11;
    private static final int PUT_PAGE = 12;
    private static final int PUT_DONE = 13;
    private static final int PUT_COW = 14;
    private static final int DONE = 15;
    private static final int FAULT_AROUND = 16;
    private static final int AROUND_DONE = 17;

    private final Config config;
    private final Pages pages;
    private final Lru lru;
    private final PageTables pageTables;
    private final Vmas vmas;
    private final Mms mms;
    private final AnonVmas anonVmas;
    private final Rmap rmap;
    private final AllocPages allocPages;
    private final DoFaultAround doFaultAround;
    private final FilemapFault filemapFault;
    private final UnlockPage unlockPage;
    private final PutPage putPage;

    public DoFault(Config config, Pages pages, Lru lru, PageTables pageTables, Vmas vmas, Mms mms, AnonVmas anonVmas,
            Rmap rmap, AllocPages allocPages, DoFaultAround doFaultAround, FilemapFault filemapFault,
            UnlockPage unlockPage, PutPage putPage) {
        super("do_fault", POINTS);
        this.config = config;
        this.pages = pages;
        this.lru = lru;
        this.pageTables = pageTables;
        this.vmas = vmas;
        this.mms = mms;
        this.anonVmas = anonVmas;
        this.rmap = rmap;
        this.allocPages = allocPages;
        this.doFaultAround = doFaultAround;
        this.filemapFault = filemapFault;
        this.unlockPage = unlockPage;
        this.putPage = putPage;
    }

    private static boolean write(Ctx c) {
        return (c.local(FLAGS) & VmFault.FAULT_FLAG_WRITE) != 0;
    }

    private boolean cow(Ctx c) {
        return write(c) && (vmas.vmFlags(c.local(VMA)) & VmFlags.VM_SHARED) == 0;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int vma = c.local(VMA);
        return switch (pc) {
            case START -> c.yieldTo(!write(c) && config.faultAroundPages() > 1 ? FAULT_AROUND
                    : cow(c) ? COW_PREPARE : DO_FAULT);
            case FAULT_AROUND -> c.call(doFaultAround, AROUND_DONE, vma, c.local(ADDR), c.local(PMD));
            case AROUND_DONE -> (c.result() & VmFault.VM_FAULT_NOPAGE) != 0 ? c.ret(VmFault.VM_FAULT_NOPAGE)
                    : c.yieldTo(DO_FAULT);
            case COW_PREPARE -> vmas.anonVma(vma) >= 0 ? c.next(COW_ALLOC) : c.yieldTo(COW_PREPARE_LOCKED);
            case COW_PREPARE_LOCKED -> {
                anonVmas.anonVmaPrepareLocked(vma);
                yield c.yieldTo(COW_ALLOC);
            }
            case COW_ALLOC -> c.call(allocPages, COW_ALLOCATED, Gfp.GFP_HIGHUSER_MOVABLE, 0);
            case COW_ALLOCATED -> {
                if (c.result() < 0) {
                    yield c.ret(VmFault.VM_FAULT_OOM);
                }
                c.set(NEW_PAGE, c.result() + 1);
                yield c.yieldTo(DO_FAULT);
            }
            case DO_FAULT -> c.call(filemapFault, GOT_PAGE, vmas.vmFile(vma), vmas.linearPageIndex(vma, c.local(ADDR)),
                    c.local(FLAGS), vmas.mmOf(vma));
            case GOT_PAGE -> {
                int page = c.result();
                if (page < 0) {
                    c.set(RET, -page);
                    yield c.local(NEW_PAGE) != 0 ? c.yieldTo(PUT_COW) : c.ret(-page);
                }
                c.set(PAGE, page);
                yield c.yieldTo(c.local(NEW_PAGE) != 0 ? COPY : INSTALL);
            }
            case COPY -> {
                int copy = c.local(NEW_PAGE) - 1;
                pages.setData(copy, pages.data(c.local(PAGE)));
                pages.setPageFlagNonAtomic(copy, PageFlag.UPTODATE);
                yield c.yieldTo(INSTALL);
            }
            case INSTALL -> install(c, vma);
            case DIRTY -> {
                pages.setPageFlag(c.local(PAGE), PageFlag.DIRTY);
                yield c.yieldTo(UNLOCK);
            }
            case UNLOCK -> c.call(unlockPage, UNLOCKED, c.local(PAGE));
            case UNLOCKED -> c.local(NEW_PAGE) != 0 || c.local(RET) != 0 ? c.yieldTo(PUT_PAGE) : c.ret(0);
            case PUT_PAGE -> c.call(putPage, PUT_DONE, c.local(PAGE));
            case PUT_DONE -> c.local(NEW_PAGE) != 0 && c.local(RET) != 0 ? c.yieldTo(PUT_COW) : c.ret(c.local(RET));
            case PUT_COW -> c.call(putPage, DONE, c.local(NEW_PAGE) - 1);
            case DONE -> c.ret(c.local(RET));
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 7, pc);
        };
    }

    /**
     * {@code finish_fault()} / {@code alloc_set_pte()}: under the PTE lock, map the page (or the COW copy)
     * unless the PTE is no longer none ({@code VM_FAULT_NOPAGE}).
     */
    private Flow install(Ctx c, int vma) {
        PageTables pt = pageTables;
        int addr = c.local(ADDR);
        int ptep = pt.pteOffsetMapLock(c.local(PMD), addr);
        if (ptep < 0) {
            return Flow.BLOCK;
        }
        if (!Pte.pteNone(pt.read(ptep))) {
            pt.pteUnmapUnlock(ptep);
            c.set(RET, VmFault.VM_FAULT_NOPAGE);
            return c.yieldTo(UNLOCK);
        }
        int mm = vmas.mmOf(vma);
        int prot = vmas.vmPageProt(vma);
        if (c.local(NEW_PAGE) != 0) {
            int copy = c.local(NEW_PAGE) - 1;
            int entry = VmFlags.maybeMkwrite(Pte.pteMkdirty(Pte.mkPte(copy, prot)), vmas.vmFlags(vma));
            mms.addMmCounter(mm, Mms.MM_ANONPAGES, 1);
            rmap.pageAddNewAnonRmap(copy, vma, addr);
            lru.lruCacheAddActiveOrUnevictable(copy, (vmas.vmFlags(vma) & VmFlags.VM_LOCKED) != 0);
            pt.setPteAt(mm, addr, ptep, entry);
            mms.snapshotLogical(mm, addr, pages.dataForGhost(copy));
            pt.pteUnmapUnlock(ptep);
            return c.yieldTo(UNLOCK);
        }
        int page = c.local(PAGE);
        int entry = Pte.mkPte(page, prot);
        if (write(c)) {
            entry = VmFlags.maybeMkwrite(Pte.pteMkdirty(entry), vmas.vmFlags(vma));
        }
        mms.addMmCounter(mm, Mms.MM_FILEPAGES, 1);
        rmap.pageAddFileRmap(page);
        pt.setPteAt(mm, addr, ptep, entry);
        pt.pteUnmapUnlock(ptep);
        return c.yieldTo(write(c) ? DIRTY : UNLOCK);
    }

    @Override
    protected String detail(FrameView f) {
        return "addr=0x" + Integer.toHexString(f.local(ADDR))
                + ((f.local(FLAGS) & VmFault.FAULT_FLAG_WRITE) != 0 ? " write" : " read");
    }
}
