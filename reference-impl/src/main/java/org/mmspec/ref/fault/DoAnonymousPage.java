package org.mmspec.ref.fault;

import org.mmspec.ref.alloc.AllocPages;
import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
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
 * {@code do_anonymous_page()} (mm/memory.c, Linux 4.9): first touch of private anonymous memory. A read
 * maps the zero page with a special, read-only PTE — unless {@code mm_forbids_zeropage()}
 * ({@link Config#mmForbidsZeropage()}), in which case a read is handled like a write. A
 * write prepares the VMA's {@code anon_vma}, allocates a zeroed page ({@code GFP_HIGHUSER_MOVABLE |
 * __GFP_ZERO}, possibly reclaiming), marks it up to date with the non-atomic {@code __SetPageUptodate} (no
 * one else can see the page yet: the audit checks it is private), and
 * under the PTE lock installs it (writable and dirty if the VMA is
 * writable, whether the fault was a read or a write), unless another thread filled the PTE first, in
 * which case the new page is released ({@code put_page}, after the PTE lock). {@code
 * anon_vma_prepare()} looks at {@code vma->anon_vma} first and only then, an action later, takes
 * {@code page_table_lock} to set one up. Context: {@code mmap_sem} for read.
 *
 * <p>Arguments: vma, address, fault flags, pmd. Returns {@code VM_FAULT_*}.
 */
public final class DoAnonymousPage extends Procedure {

    private static final int VMA = 0;
    private static final int ADDR = 1;
    private static final int FLAGS = 2;
    private static final int PMD = 3;
    private static final int PAGE = 4;

    private static final int START = 0;
    private static final int ZERO_PAGE = 1;
    private static final int ANON_VMA_PREPARE = 2;
    private static final int ALLOCATED = 3;
    private static final int INSTALL = 4;
    private static final int PREPARE_LOCKED = 5;
    private static final int ALLOC = 6;
    private static final int DONE = 7;

    private final Config config;
    private final Pages pages;
    private final Lru lru;
    private final PageTables pageTables;
    private final Vmas vmas;
    private final Mms mms;
    private final AnonVmas anonVmas;
    private final Rmap rmap;
    private final AllocPages allocPages;
    private final PutPage putPage;

    public DoAnonymousPage(Config config, Pages pages, Lru lru, PageTables pageTables, Vmas vmas, Mms mms,
            AnonVmas anonVmas, Rmap rmap, AllocPages allocPages, PutPage putPage) {
        super("do_anonymous_page", "start", "map_zero_page", "anon_vma_prepare", "alloc_zeroed_user_highpage:done",
                "set_pte_at", "__anon_vma_prepare", "alloc_zeroed_user_highpage", "put_page:done");
        this.config = config;
        this.pages = pages;
        this.lru = lru;
        this.pageTables = pageTables;
        this.vmas = vmas;
        this.mms = mms;
        this.anonVmas = anonVmas;
        this.rmap = rmap;
        this.allocPages = allocPages;
        this.putPage = putPage;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        Vmas v = vmas;
        int vma = c.local(VMA);
        int addr = c.local(ADDR);
        switch (pc) {
            case START -> {
                if ((v.vmFlags(vma) & VmFlags.VM_SHARED) != 0) {
                    return c.ret(VmFault.VM_FAULT_SIGBUS);
                }
                boolean write = (c.local(FLAGS) & VmFault.FAULT_FLAG_WRITE) != 0;
                return c.yieldTo(write || config.mmForbidsZeropage() ? ANON_VMA_PREPARE : ZERO_PAGE);
            }
            case ZERO_PAGE -> {
                return mapZeroPage(c, vma, addr);
            }
            case ANON_VMA_PREPARE -> {
                return v.anonVma(vma) >= 0 ? c.next(ALLOC) : c.yieldTo(PREPARE_LOCKED);
            }
            case PREPARE_LOCKED -> {
                anonVmas.anonVmaPrepareLocked(vma);
                return c.yieldTo(ALLOC);
            }
            case ALLOC -> {
                return c.call(allocPages, ALLOCATED, Gfp.GFP_HIGHUSER_MOVABLE | Gfp.__GFP_ZERO, 0);
            }
            case DONE -> {
                return c.ret(0);
            }
            case ALLOCATED -> {
                int page = c.result();
                if (page < 0) {
                    return c.ret(VmFault.VM_FAULT_OOM);
                }
                pages.setPageFlagNonAtomic(page, PageFlag.UPTODATE);
                c.set(PAGE, page);
                return c.yieldTo(INSTALL);
            }
            case INSTALL -> {
                return install(c, vma, addr);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 5, pc);
        }
    }

    /**
     * A read fault with no page yet ({@code do_anonymous_page()}, mm/memory.c, Linux 4.9): under the PTE
     * lock, the zero page mapped read-only and special ({@code pte_mkspecial(pfn_pte(my_zero_pfn))}),
     * unless the PTE is no longer none. Context: {@code mmap_sem} for read.
     */
    private Flow mapZeroPage(Ctx c, int vma, int addr) {
        Vmas v = vmas;
        PageTables pt = pageTables;
        int ptep = pt.pteOffsetMapLock(c.local(PMD), addr);
        if (ptep < 0) {
            return Flow.BLOCK;
        }
        if (Pte.pteNone(pt.read(ptep))) {
            int entry = Pte.pteMkspecial(Pte.pfnPte(Pages.ZERO_PFN, v.vmPageProt(vma)));
            pt.setPteAt(v.mmOf(vma), addr, ptep, Pte.pteWrprotect(entry));
        }
        pt.pteUnmapUnlock(ptep);
        return c.ret(0);
    }

    /**
     * The new page goes in ({@code do_anonymous_page()}, mm/memory.c, Linux 4.9): under the PTE lock, if
     * the PTE is still none, the mm's anon counter, {@code page_add_new_anon_rmap}, {@code
     * lru_cache_add_active_or_unevictable} and {@code set_pte_at} (writable and dirty in a writable VMA);
     * else the page is put. Context: {@code mmap_sem} for read, a reference on the page.
     */
    private Flow install(Ctx c, int vma, int addr) {
        Vmas v = vmas;
        PageTables pt = pageTables;
        int ptep = pt.pteOffsetMapLock(c.local(PMD), addr);
        if (ptep < 0) {
            return Flow.BLOCK;
        }
        int page = c.local(PAGE);
        if (!Pte.pteNone(pt.read(ptep))) {
            pt.pteUnmapUnlock(ptep);
            return c.call(putPage, DONE, page);
        }
        int entry = Pte.mkPte(page, v.vmPageProt(vma));
        if ((v.vmFlags(vma) & VmFlags.VM_WRITE) != 0) {
            entry = Pte.pteMkwrite(Pte.pteMkdirty(entry));
        }
        int mm = v.mmOf(vma);
        mms.addMmCounter(mm, Mms.MM_ANONPAGES, 1);
        rmap.pageAddNewAnonRmap(page, vma, addr);
        lru.lruCacheAddActiveOrUnevictable(page, (v.vmFlags(vma) & VmFlags.VM_LOCKED) != 0);
        pt.setPteAt(mm, addr, ptep, entry);
        pt.pteUnmapUnlock(ptep);
        return c.ret(0);
    }

    @Override
    protected String detail(FrameView f) {
        return "addr=0x" + Integer.toHexString(f.local(ADDR))
                + ((f.local(FLAGS) & VmFault.FAULT_FLAG_WRITE) != 0 ? " write" : " read");
    }
}
