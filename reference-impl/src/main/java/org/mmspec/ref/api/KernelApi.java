package org.mmspec.ref.api;

import org.mmspec.ref.Kernel;
import org.mmspec.ref.Outcome;
import org.mmspec.ref.alloc.AllocPages;
import org.mmspec.ref.fault.DoAnonymousPage;
import org.mmspec.ref.fault.DoPageFault;
import org.mmspec.ref.fault.HandleMmFault;
import org.mmspec.ref.fault.VmFault;
import org.mmspec.ref.gup.Foll;
import org.mmspec.ref.gup.FollowPage;
import org.mmspec.ref.gup.GetUserPages;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.io.EndPageWriteback;
import org.mmspec.ref.pagelock.LockPage;
import org.mmspec.ref.pagelock.PageBitWaits;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.pagelock.WakeUpPageBit;
import org.mmspec.ref.pgtable.PageTables;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.vma.Vmas;

/**
 * The seed API's sequential entry points that are not methods of a kernel object: each is one call on
 * a {@link Kernel} with nothing interleaved. A step-machine procedure runs to completion; if it would
 * block, or hits a kernel BUG, the machine is rolled back and the {@link Outcome} says so.
 */
public final class KernelApi {

    private KernelApi() {
    }

    // ---- page allocation ----

    /**
     * {@code alloc_pages(gfp_mask, order)} (include/linux/gfp.h): a block of {@code 2^order} pages.
     * Context: may sleep with {@code __GFP_DIRECT_RECLAIM}. Returns the pfn of the block (-1: NULL).
     */
    public static Outcome allocPages(Kernel k, int gfp, int order) {
        return k.run(AllocPages.class, gfp, order);
    }

    /** {@code __alloc_pages_nodemask(gfp_mask, order, zonelist, nodemask)}: the allocator itself; see {@link #allocPages}. */
    public static Outcome allocPagesNodemask(Kernel k, int gfp, int order) {
        return k.run(AllocPages.class, gfp, order);
    }

    /**
     * {@code __get_free_pages(gfp_mask, order)} (mm/page_alloc.c): as {@link #allocPages}, returning the
     * block's linear-map address ({@code page_address}), or 0. Context: as {@code alloc_pages}.
     */
    public static Outcome getFreePages(Kernel k, int gfp, int order) {
        Outcome o = k.run(AllocPages.class, gfp, order);
        if (o instanceof Outcome.Returned r) {
            return new Outcome.Returned(r.value() < 0 ? 0 : k.geometry().pfnToVirt(r.value()));
        }
        return o;
    }

    /**
     * {@code free_pages(addr, order)} (mm/page_alloc.c): {@code __free_pages()} of the block whose kernel
     * address ({@code __va(pfn << PAGE_SHIFT)}) is {@code addr}; address 0 is ignored, as in the kernel.
     * Context: any; takes the zone lock.
     */
    public static void freePages(Kernel k, int addr, int order) {
        if (addr != 0) {
            k.freePath().freePagesBlock(k.geometry().virtToPfn(addr), order);
        }
    }

    // ---- the page lock and page-bit waits ----

    /**
     * {@code lock_page(page)}: a would-block outcome when the page is locked. Context: may sleep; the
     * caller holds a reference.
     */
    public static Outcome lockPage(Kernel k, int pfn) {
        return k.run(LockPage.class, pfn, 0);
    }

    /** {@code lock_page_killable(page)}. */
    public static Outcome lockPageKillable(Kernel k, int pfn) {
        return k.run(LockPage.class, pfn, 1);
    }

    /** {@code unlock_page(page)}; unlocking an unlocked page is a kernel-BUG outcome. Context: any. */
    public static Outcome unlockPage(Kernel k, int pfn) {
        return k.run(UnlockPage.class, pfn);
    }

    /** {@code wait_on_page_bit(page, bit_nr)}: would-block while the bit is set. Context: may sleep. */
    public static Outcome waitOnPageBit(Kernel k, int pfn, PageFlag bit) {
        return k.run(PageBitWaits.class, pfn, bit.bit());
    }

    /** {@code wait_on_page_locked(page)}. Context: may sleep. */
    public static Outcome waitOnPageLocked(Kernel k, int pfn) {
        return k.run(PageBitWaits.class, pfn, PageFlag.LOCKED.bit());
    }

    /** {@code wait_on_page_writeback(page)}. Context: may sleep. */
    public static Outcome waitOnPageWriteback(Kernel k, int pfn) {
        return k.run(PageBitWaits.class, pfn, PageFlag.WRITEBACK.bit());
    }

    /**
     * {@code end_page_writeback(page)} (mm/filemap.c): clears {@code PG_writeback} and wakes its waiters;
     * ending write-back of a page not under write-back is a kernel-BUG outcome. Context: I/O completion.
     */
    public static Outcome endPageWriteback(Kernel k, int pfn) {
        return k.run(EndPageWriteback.class, pfn);
    }

    /**
     * {@code wake_up_page(page, bit)} (mm/filemap.c, Linux 4.14): if the page has waiters ({@code
     * PageWaiters}), {@code wake_up_page_bit()} wakes those waiting on {@code bit}. Context: any.
     */
    public static Outcome wakeUpPage(Kernel k, int pfn, PageFlag bit) {
        if (!k.pages().pageFlag(pfn, PageFlag.WAITERS)) {
            return k.attempt(() -> 0);
        }
        return k.run(WakeUpPageBit.class, pfn, bit.bit());
    }

    // ---- faults ----

    /** {@code do_page_fault()}: the {@code VM_FAULT_*} result. Context: process, takes {@code mmap_sem}. */
    public static Outcome doPageFault(Kernel k, int mm, int addr, int faultFlags) {
        return k.run(DoPageFault.class, mm, addr, faultFlags);
    }

    /**
     * {@code handle_pte_fault()} (via {@code handle_mm_fault()}) on the VMA holding {@code addr}.
     * Context: {@code mmap_sem} for read (nothing else runs in a sequential call).
     */
    public static Outcome handlePteFault(Kernel k, int mm, int addr, int faultFlags) {
        int vma = k.vmas().findVma(mm, addr);
        if (vma < 0 || k.vmas().vmStart(vma) > addr) {
            return new Outcome.Returned(VmFault.VM_FAULT_SIGSEGV);
        }
        return k.run(HandleMmFault.class, vma, addr, faultFlags);
    }

    /**
     * {@code do_anonymous_page()} for an empty PTE of an anonymous VMA. Context: {@code mmap_sem} for
     * read.
     */
    public static Outcome doAnonymousPage(Kernel k, int mm, int addr, int faultFlags) {
        Vmas v = k.vmas();
        int vma = v.findVma(mm, addr);
        if (vma < 0 || v.vmStart(vma) > addr || !v.vmaIsAnonymous(vma)) {
            return new Outcome.Returned(VmFault.VM_FAULT_SIGSEGV);
        }
        PageTables pt = k.pageTables();
        int pmd = pt.pmdOffset(pt.pgdOffset(mm, addr), addr);
        pt.pteAlloc(pmd);
        return k.run(DoAnonymousPage.class, vma, addr, faultFlags, pmd);
    }

    /**
     * {@code do_wp_page()}: a write fault on the present, read-only PTE of {@code addr} (taken through
     * {@code handle_pte_fault}, which holds the PTE lock as {@code do_wp_page} requires). Returns
     * {@code VM_FAULT_*}; a PTE that is not present and read-only is a model-misuse outcome. Context:
     * {@code mmap_sem} for read.
     */
    public static Outcome doWpPage(Kernel k, int mm, int addr) {
        int pte = k.pageTables().pteValue(mm, addr);
        if (!Pte.ptePresent(pte) || Pte.pteWrite(pte)) {
            return k.attempt(() -> {
                throw new Oops(OopsKind.MODEL_MISUSE, 40, addr);
            });
        }
        return handlePteFault(k, mm, addr, VmFault.FAULT_FLAG_WRITE);
    }

    // ---- get_user_pages ----

    /**
     * {@code follow_page(vma, address, foll_flags)}: the page at {@code addr} of {@code mm} (-1 for
     * NULL). Context: {@code mmap_sem} for read.
     */
    public static Outcome followPage(Kernel k, int mm, int addr, int follFlags) {
        int vma = k.vmas().findVma(mm, addr);
        if (vma < 0 || k.vmas().vmStart(vma) > addr) {
            return new Outcome.Returned(Foll.EFAULT);
        }
        return k.run(FollowPage.class, vma, addr, follFlags);
    }

    /**
     * {@code get_user_pages()} for one page (the caller's {@code mmap_sem} is implied: nothing else
     * runs). Returns the pfn (with a reference under {@code FOLL_GET}) or an errno.
     */
    public static Outcome getUserPages(Kernel k, int mm, int addr, int gupFlags) {
        return k.run(GetUserPages.class, mm, addr, gupFlags);
    }
}
