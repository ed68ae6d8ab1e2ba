package org.mmspec.ref.fault;

import org.mmspec.ref.pgtable.PageTables;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.vma.Vmas;

/**
 * {@code handle_mm_fault()} → {@code __handle_mm_fault()} → {@code handle_pte_fault()} (mm/memory.c):
 * walks to the PTE (allocating the PTE table under {@code page_table_lock} if needed, an action of its
 * own), reads it without the PTE lock, and dispatches:
 * an empty PTE to {@code do_anonymous_page()} or {@code do_fault()}, a swap entry to
 * {@code do_swap_page()}, a write to a read-only present PTE to {@code do_wp_page()} (under the PTE
 * lock); otherwise it marks the PTE young (and dirty on a write) under the PTE lock. Context:
 * {@code mmap_sem} held for read.
 *
 * <p>Arguments: vma, address, fault flags. Returns {@code VM_FAULT_*} bits.
 */
public final class HandleMmFault extends Procedure {

    private static final int VMA = 0;
    private static final int ADDR = 1;
    private static final int FLAGS = 2;
    private static final int PMD = 3;
    private static final int ORIG = 4;

    private static final int WALK = 0;
    private static final int PTE_LOCK = 1;
    private static final int RETURN = 2;
    private static final int ALLOC = 3;
    private static final int READ = 4;
    private static final int SWAP = 5;

    private final PageTables pageTables;
    private final Vmas vmas;
    private final DoAnonymousPage doAnonymousPage;
    private final DoFault doFault;
    private final DoSwapPage doSwapPage;
    private final DoWpPage doWpPage;

    public HandleMmFault(PageTables pageTables, Vmas vmas, DoAnonymousPage doAnonymousPage, DoFault doFault,
            DoSwapPage doSwapPage, DoWpPage doWpPage) {
        super("handle_mm_fault", "pmd_offset", "pte_offset_map_lock", "return", "__pte_alloc", "handle_pte_fault", "do_swap_page");
        this.pageTables = pageTables;
        this.vmas = vmas;
        this.doAnonymousPage = doAnonymousPage;
        this.doFault = doFault;
        this.doSwapPage = doSwapPage;
        this.doWpPage = doWpPage;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int vma = c.local(VMA);
        int addr = c.local(ADDR);
        int flags = c.local(FLAGS);
        PageTables pt = pageTables;
        switch (pc) {
            case WALK -> {
                int mm = vmas.mmOf(vma);
                int pmd = pt.pmdOffset(pt.pgdOffset(mm, addr), addr);
                c.set(PMD, pmd);
                return pt.pmdNone(pmd) ? c.yieldTo(ALLOC) : c.next(READ);
            }
            case ALLOC -> {
                pt.pteAlloc(c.local(PMD));
                return c.yieldTo(READ);
            }
            case READ -> {
                int pmd = c.local(PMD);
                int orig = pt.read(pt.pteOffsetMap(pmd, addr));
                c.set(ORIG, orig);
                if (Pte.pteNone(orig)) {
                    if (vmas.vmaIsAnonymous(vma)) {
                        return c.call(doAnonymousPage, RETURN, vma, addr, flags, pmd);
                    }
                    return c.call(doFault, RETURN, vma, addr, flags, pmd);
                }
                if (!Pte.ptePresent(orig)) {
                    return c.yieldTo(SWAP);
                }
                return c.yieldTo(PTE_LOCK);
            }
            case SWAP -> {
                return c.call(doSwapPage, RETURN, vma, addr, flags, c.local(PMD), c.local(ORIG));
            }
            case PTE_LOCK -> {
                int ptep = pt.pteOffsetMapLock(c.local(PMD), addr);
                if (ptep < 0) {
                    return Flow.BLOCK;
                }
                int entry = pt.read(ptep);
                if (!Pte.pteSame(entry, c.local(ORIG))) {
                    pt.pteUnmapUnlock(ptep);
                    return c.ret(0);
                }
                boolean write = (flags & VmFault.FAULT_FLAG_WRITE) != 0;
                if (write && !Pte.pteWrite(entry)) {
                    return c.call(doWpPage, RETURN, vma, addr, ptep, entry);
                }
                if (write) {
                    entry = Pte.pteMkdirty(entry);
                }
                pt.ptepSetAccessFlags(ptep, Pte.pteMkyoung(entry));
                pt.pteUnmapUnlock(ptep);
                return c.ret(0);
            }
            default -> {
                return c.ret(c.result());
            }
        }
    }

    @Override
    protected String detail(FrameView f) {
        return "addr=0x" + Integer.toHexString(f.local(ADDR));
    }
}
