package org.mmspec.ref.proc;

import org.mmspec.ref.fault.DoPageFault;
import org.mmspec.ref.fault.VmFault;
import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.mem.Mapping;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pgtable.PageTables;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.swap.Swap;
import org.mmspec.ref.sync.Ghost;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.tlb.Tlb;
import org.mmspec.ref.vma.Mms;
import org.mmspec.ref.vma.VmFlags;
import org.mmspec.ref.vma.Vmas;

/**
 * A user-mode load or store, as the MMU does it (x86-style hardware with accessed and dirty bits; ARM32
 * Linux emulates them through faults and {@code ptep_set_access_flags}, to the same effect). One atomic
 * hardware access (a compound access for the audit):
 * <ul>
 * <li>a TLB hit on the running CPU that permits the access uses the cached translation without looking at
 * the page table — even if the PTE has since changed, as long as no flush has reached this CPU; a store
 * through a clean entry first sets the dirty bit in the PTE (a locked update that walks the table again,
 * and faults if the PTE no longer permits the store);</li>
 * <li>a miss walks the page table; a present, valid, user-accessible (and, for a store, writable) PTE is
 * marked young (and dirty), cached in the TLB (the CPU joins {@code mm_cpumask}) and used;</li>
 * <li>otherwise the page fault is taken ({@code do_page_fault}, in an action of its own; a cached entry that
 * did not permit the access is dropped, as x86 does on a fault) and the access tried again. A fault that
 * ends in SIGSEGV or SIGBUS, or in a fatal signal, ends the access.</li>
 * </ul>
 * Ghost: a store through a stale translation (one whose revocation is still in flight) is ordered before
 * the revocation — whoever shows the page's contents afterwards (the page cache, a COW sharer, the swap
 * cache) sees it, and it is not a write "through" the current mapping. An access through an entry whose
 * revocation has completed is recorded for the {@code no_stale_tlb_access} invariant. Context: user mode;
 * holds no lock.
 *
 * <p>Arguments: mm, address, write (0/1), value. Returns the value read, 0 after a store, or
 * {@code -VM_FAULT_*} bits on a signal.
 */
public final class UserAccess extends Procedure {

    private static final int MM = 0;
    private static final int ADDR = 1;
    private static final int WRITE = 2;
    private static final int VALUE = 3;

    private static final int ACCESS = 0;
    private static final int FAULTED = 1;
    private static final int FAULT = 2;

    private final Ghost ghost;
    private final Pages pages;
    private final PageTables pageTables;
    private final PageCache pageCache;
    private final Swap swap;
    private final Vmas vmas;
    private final Mms mms;
    private final Tlb tlb;
    private final DoPageFault doPageFault;

    public UserAccess(Ghost ghost, Pages pages, PageTables pageTables, PageCache pageCache, Swap swap, Vmas vmas,
            Mms mms, Tlb tlb, DoPageFault doPageFault) {
        super("user_access", "mmu_access", "do_page_fault:done", "do_page_fault");
        this.ghost = ghost;
        this.pages = pages;
        this.pageTables = pageTables;
        this.pageCache = pageCache;
        this.swap = swap;
        this.vmas = vmas;
        this.mms = mms;
        this.tlb = tlb;
        this.doPageFault = doPageFault;
    }

    /** The hardware permission check of a translation. */
    static boolean permits(int pte, boolean write) {
        return Pte.ptePresent(pte) && (pte & Pte.L_PTE_NONE) == 0 && (pte & Pte.L_PTE_USER) != 0
                && (!write || Pte.pteWrite(pte));
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int mm = c.local(MM);
        int addr = c.local(ADDR);
        boolean write = c.local(WRITE) != 0;
        if (pc == FAULTED) {
            int ret = c.result();
            if (VmFault.isError(ret) || (ret & VmFault.VM_FAULT_RETRY) != 0) {
                return c.ret(-ret);
            }
            return c.yieldTo(ACCESS);
        }
        if (pc == FAULT) {
            return c.call(doPageFault, FAULTED, mm, addr, write ? VmFault.FAULT_FLAG_WRITE : 0);
        }
        PageTables pt = pageTables;
        pt.mmuBegin();
        int cpu = c.cpu();
        int e = tlb.lookup(cpu, mm, addr);
        if (e >= 0) {
            if (permits(tlb.entryPte(cpu, e), write)) {
                return hit(c, cpu, e, mm, addr, write);
            }
            tlb.invalidate(cpu, e);
            pt.mmuEnd();
            return c.yieldTo(FAULT);
        }
        int ptep = pt.walk(mm, addr);
        int pte = ptep < 0 ? 0 : pt.read(ptep);
        if (!permits(pte, write)) {
            pt.mmuEnd();
            return c.yieldTo(FAULT);
        }
        int young = write ? Pte.pteMkdirty(Pte.pteMkyoung(pte)) : Pte.pteMkyoung(pte);
        pt.mmuSetAccessFlags(ptep, young);
        tlb.fill(cpu, mm, addr, young);
        int page = Pte.ptePfn(pte);
        if (!write) {
            int value = pages.data(page);
            pt.mmuEnd();
            return c.ret(value);
        }
        pages.setData(page, c.local(VALUE));
        pt.mmuEnd();
        record(c, mm, addr, page);
        return c.ret(0);
    }

    /** A TLB hit that permits the access (the MMU's compound access is open). */
    private Flow hit(Ctx c, int cpu, int e, int mm, int addr, boolean write) {
        PageTables pt = pageTables;
        int cached = tlb.entryPte(cpu, e);
        int page = Pte.ptePfn(cached);
        if (write && !Pte.pteDirty(cached)) {
            int ptep = pt.walk(mm, addr);
            int pte = ptep < 0 ? 0 : pt.read(ptep);
            if (!permits(pte, true) || Pte.ptePfn(pte) != page) {
                tlb.invalidate(cpu, e);
                pt.mmuEnd();
                return c.yieldTo(FAULT);
            }
            int dirty = Pte.pteMkdirty(Pte.pteMkyoung(pte));
            pt.mmuSetAccessFlags(ptep, dirty);
            tlb.setEntryPte(cpu, e, dirty);
        }
        tlb.recordIfRevoked(cpu, e, mm, addr);
        if (!write) {
            int value = pages.data(page);
            pt.mmuEnd();
            return c.ret(value);
        }
        pages.setData(page, c.local(VALUE));
        pt.mmuEnd();
        ghost.begin();
        int current = pt.pteValue(mm, addr);
        boolean stale = !permits(current, true) || Pte.ptePfn(current) != page;
        ghost.end();
        if (stale) {
            staleStore(c, mm, addr, page);
        } else {
            record(c, mm, addr, page);
        }
        return c.ret(0);
    }

    /** The ghost record of what the user now expects to read back. */
    private void record(Ctx c, int mm, int addr, int page) {
        Vmas v = vmas;
        int value = c.local(VALUE);
        ghost.begin();
        int vma = v.findVma(mm, addr);
        boolean shared = vma >= 0 && (v.vmFlags(vma) & VmFlags.VM_SHARED) != 0;
        if (shared && v.vmFile(vma) >= 0) {
            pageCache.setLogical(v.vmFile(vma), v.linearPageIndex(vma, addr), value);
        } else {
            mms.setLogical(mm, addr, value);
        }
        ghost.end();
        ghost.recordWrite(c.tid(), mm, addr, page, shared ? 0 : Ghost.VIA_PRIVATE);
    }

    /**
     * Ghost: a store through a stale translation is ordered before the PTE change that made the entry
     * stale, so it shows wherever the page's contents now show: in the page cache (a writable entry to a
     * page-cache page comes from a shared mapping), at every address that maps the page now (the parent and
     * child of a fork in flight, a range mremap moved), and behind a swap entry whose swap cache holds it.
     * A page nobody shows any more (zapped, still in the mmu_gather) takes the store silently.
     */
    private void staleStore(Ctx c, int mm, int addr, int page) {
        int value = c.local(VALUE);
        ghost.begin();
        int mapping = pages.mapping(page);
        if (Mapping.isFile(mapping)) {
            int file = Mapping.target(mapping);
            if (pageCache.lookup(file, pages.index(page)) == page) {
                pageCache.setLogical(file, pages.index(page), value);
            }
        } else {
            int pte = pageTables.pteValue(mm, addr);
            if (Pte.isSwapPte(pte) && swap.cachePage(Pte.swpOffset(pte)) == page || unmapInFlight(mm, addr, pte, page)) {
                mms.setLogical(mm, addr, value);
            }
            pageTables.forEachMapping(page, (m2, a2) -> mms.setLogical(m2, a2, value));
        }
        ghost.end();
    }

    /**
     * Ghost: {@code try_to_unmap_one()} has cleared the PTE of this swap-cache page under the PTE lock and not
     * yet installed the swap entry (the page is still counted as mapped; a zap would have reset the address
     * to its backing): the store, ordered before the clear, shows through the swap entry about to appear.
     */
    private boolean unmapInFlight(int mm, int addr, int pte, int page) {
        return Pte.pteNone(pte) && pages.pageFlag(page, PageFlag.SWAPCACHE) && pages.pageMapped(page)
                && mms.logical(mm, addr) != Mms.FOLLOWS_BACKING;
    }

    @Override
    protected String detail(FrameView f) {
        return "mm" + f.local(MM) + " addr=0x" + Integer.toHexString(f.local(ADDR))
                + (f.local(WRITE) != 0 ? " store " + f.local(VALUE) : " load");
    }

}
