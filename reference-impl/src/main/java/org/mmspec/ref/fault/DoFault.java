package org.mmspec.ref.fault;

import org.mmspec.ref.alloc.AllocPages;
import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pagelock.UnlockPage;
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
 * <li>read fault, {@code do_read_fault()}: map the page-cache page read-only;</li>
 * <li>write fault on a private mapping, {@code do_cow_fault()}: copy the page-cache page into a new
 * anonymous page and map the copy (writable only if the VMA is {@code VM_WRITE}; a {@code FOLL_FORCE}
 * write to a read-only mapping gets a dirty, read-only PTE) — the page cache is never written;</li>
 * <li>write fault on a shared mapping, {@code do_shared_fault()}: map the page-cache page writable and
 * dirty it.</li>
 * </ul>
 * A read fault first maps the ready page-cache pages around the address ({@link DoFaultAround}, when
 * {@code fault_around_bytes} covers more than one page) and is done if that mapped the faulting
 * address. Context: {@code mmap_sem} for read.
 *
 * <p>Arguments: vma, address, fault flags, pmd. Returns {@code VM_FAULT_*}.
 */
public final class DoFault extends Procedure {

    private static final int VMA = 0;
    private static final int ADDR = 1;
    private static final int FLAGS = 2;
    private static final int PMD = 3;
    private static final int PAGE = 4;
    private static final int NEW_PAGE = 5;

    private static final int START = 0;
    private static final int COW_ALLOCATED = 1;
    private static final int GOT_PAGE = 2;
    private static final int INSTALL = 3;
    private static final int UNLOCKED = 4;
    private static final int DO_FAULT = 5;
    private static final int COW_PREPARE = 6;
    private static final int FAULT_AROUND = 7;
    private static final int AROUND_DONE = 8;

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

    public DoFault(Config config, Pages pages, Lru lru, PageTables pageTables, Vmas vmas, Mms mms, AnonVmas anonVmas,
            Rmap rmap, AllocPages allocPages, DoFaultAround doFaultAround, FilemapFault filemapFault,
            UnlockPage unlockPage) {
        super("do_fault", "start", "do_cow_fault:alloc_page_vma", "__do_fault:done", "finish_fault",
                "unlock_page:done", "__do_fault", "do_cow_fault:anon_vma_prepare", "do_read_fault:do_fault_around",
                "do_fault_around:done");
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
    }

    private boolean write(Ctx c) {
        return (c.local(FLAGS) & VmFault.FAULT_FLAG_WRITE) != 0;
    }

    private boolean cow(Ctx c, Vmas v) {
        return write(c) && (v.vmFlags(c.local(VMA)) & VmFlags.VM_SHARED) == 0;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        Vmas v = vmas;
        int vma = c.local(VMA);
        int addr = c.local(ADDR);
        switch (pc) {
            case START -> {
                if (!write(c) && config.faultAroundPages() > 1) {
                    return c.yieldTo(FAULT_AROUND);
                }
                return c.yieldTo(cow(c, v) ? COW_PREPARE : DO_FAULT);
            }
            case FAULT_AROUND -> {
                return c.call(doFaultAround, AROUND_DONE, vma, addr, c.local(PMD));
            }
            case AROUND_DONE -> {
                if ((c.result() & VmFault.VM_FAULT_NOPAGE) != 0) {
                    return c.ret(VmFault.VM_FAULT_NOPAGE);
                }
                return c.next(DO_FAULT);
            }
            case COW_PREPARE -> {
                anonVmas.anonVmaPrepare(vma);
                return c.call(allocPages, COW_ALLOCATED, Gfp.GFP_HIGHUSER_MOVABLE, 0);
            }
            case COW_ALLOCATED -> {
                if (c.result() < 0) {
                    return c.ret(VmFault.VM_FAULT_OOM);
                }
                c.set(NEW_PAGE, c.result() + 1);
                return c.yieldTo(DO_FAULT);
            }
            case GOT_PAGE -> {
                int page = c.result();
                if (page < 0) {
                    if (c.local(NEW_PAGE) != 0) {
                        lru.putPage(c.local(NEW_PAGE) - 1);
                    }
                    return c.ret(-page);
                }
                c.set(PAGE, page);
                if (c.local(NEW_PAGE) != 0) {
                    int copy = c.local(NEW_PAGE) - 1;
                    pages.setData(copy, pages.data(page));
                    pages.setPageFlag(copy, PageFlag.UPTODATE);
                }
                return c.yieldTo(INSTALL);
            }
            case INSTALL -> {
                return install(c, v, vma, addr);
            }
            case UNLOCKED -> {
                lru.putPage(c.local(PAGE));
                return c.ret(0);
            }
            case DO_FAULT -> {
                return c.call(filemapFault, GOT_PAGE, v.vmFile(vma), v.linearPageIndex(vma, addr));
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 7, pc);
        }
    }

    /** {@code finish_fault()} / {@code alloc_set_pte()}: under the PTE lock, map the page unless raced. */
    private Flow install(Ctx c, Vmas v, int vma, int addr) {
        PageTables pt = pageTables;
        int ptep = pt.pteOffsetMapLock(c.local(PMD), addr);
        if (ptep < 0) {
            return Flow.BLOCK;
        }
        int page = c.local(PAGE);
        int mm = v.mmOf(vma);
        Pages p = pages;
        if (!Pte.pteNone(pt.read(ptep))) {
            pt.pteUnmapUnlock(ptep);
            if (c.local(NEW_PAGE) != 0) {
                lru.putPage(c.local(NEW_PAGE) - 1);
            }
            return c.call(unlockPage, UNLOCKED, page);
        }
        int prot = v.vmPageProt(vma);
        if (c.local(NEW_PAGE) != 0) {
            int copy = c.local(NEW_PAGE) - 1;
            int entry = VmFlags.maybeMkwrite(Pte.pteMkdirty(Pte.mkPte(copy, prot)), v.vmFlags(vma));
            mms.addMmCounter(mm, Mms.MM_ANONPAGES, 1);
            rmap.pageAddNewAnonRmap(copy, vma, addr);
            lru.lruCacheAddActive(copy);
            pt.setPteAt(mm, addr, ptep, entry);
            mms.snapshotLogical(mm, addr, p.data(copy));
        } else {
            int entry = Pte.mkPte(page, prot);
            if (write(c)) {
                entry = VmFlags.maybeMkwrite(Pte.pteMkdirty(entry), v.vmFlags(vma));
                p.setPageFlag(page, PageFlag.DIRTY);
            }
            p.getPage(page);
            mms.addMmCounter(mm, Mms.MM_FILEPAGES, 1);
            rmap.pageAddFileRmap(page);
            pt.setPteAt(mm, addr, ptep, entry);
        }
        pt.pteUnmapUnlock(ptep);
        return c.call(unlockPage, UNLOCKED, page);
    }

    @Override
    protected String detail(FrameView f) {
        return "addr=0x" + Integer.toHexString(f.local(ADDR))
                + ((f.local(FLAGS) & VmFault.FAULT_FLAG_WRITE) != 0 ? " write" : " read");
    }
}
