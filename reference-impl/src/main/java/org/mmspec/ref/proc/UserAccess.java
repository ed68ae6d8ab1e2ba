package org.mmspec.ref.proc;

import org.mmspec.ref.fault.DoPageFault;
import org.mmspec.ref.fault.VmFault;
import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pgtable.PageTables;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.sync.Ghost;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.vma.Mms;
import org.mmspec.ref.vma.VmFlags;
import org.mmspec.ref.vma.Vmas;

/**
 * A user-mode load or store, as the MMU does it: walk the page table; if the PTE is present, valid,
 * user-accessible and (for a store) writable, access the page and set the young (and dirty) bit in
 * one atomic step, as hardware with access/dirty bits does (ARM32 Linux emulates them through faults
 * and {@code ptep_set_access_flags}; the effect is the same); otherwise take the page fault
 * ({@code do_page_fault}) and try again. A fault that ends in SIGSEGV or SIGBUS ends the access.
 * Context: user mode; holds no lock.
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
    private final Vmas vmas;
    private final Mms mms;
    private final DoPageFault doPageFault;

    public UserAccess(Ghost ghost, Pages pages, PageTables pageTables, PageCache pageCache, Vmas vmas, Mms mms,
            DoPageFault doPageFault) {
        super("user_access", "mmu_access", "do_page_fault:done", "do_page_fault");
        this.ghost = ghost;
        this.pages = pages;
        this.pageTables = pageTables;
        this.pageCache = pageCache;
        this.vmas = vmas;
        this.mms = mms;
        this.doPageFault = doPageFault;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int mm = c.local(MM);
        int addr = c.local(ADDR);
        boolean write = c.local(WRITE) != 0;
        if (pc == FAULTED) {
            int ret = c.result();
            if (VmFault.isError(ret)) {
                return c.ret(-ret);
            }
            return c.yieldTo(ACCESS);
        }
        if (pc == FAULT) {
            return c.call(doPageFault, FAULTED, mm, addr, write ? VmFault.FAULT_FLAG_WRITE : 0);
        }
        PageTables pt = pageTables;
        pt.mmuBegin();
        int ptep = pt.walk(mm, addr);
        int pte = ptep < 0 ? 0 : pt.read(ptep);
        boolean ok = Pte.ptePresent(pte) && (pte & Pte.L_PTE_NONE) == 0 && (pte & Pte.L_PTE_USER) != 0
                && (!write || Pte.pteWrite(pte));
        if (!ok) {
            pt.mmuEnd();
            return c.yieldTo(FAULT);
        }
        int page = Pte.ptePfn(pte);
        int young = Pte.pteMkyoung(pte);
        if (!write) {
            pt.mmuSetAccessFlags(ptep, young);
            int value = pages.data(page);
            pt.mmuEnd();
            return c.ret(value);
        }
        pt.mmuSetAccessFlags(ptep, Pte.pteMkdirty(young));
        pages.setData(page, c.local(VALUE));
        pt.mmuEnd();
        record(c, mm, addr, page);
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

    @Override
    protected String detail(FrameView f) {
        return "mm" + f.local(MM) + " addr=0x" + Integer.toHexString(f.local(ADDR))
                + (f.local(WRITE) != 0 ? " store " + f.local(VALUE) : " load");
    }

}
