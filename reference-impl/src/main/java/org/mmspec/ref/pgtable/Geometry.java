package org.mmspec.ref.pgtable;

import org.mmspec.ref.state.Config;

/**
 * The shape of the modelled address space: page size, table widths, and where user space, the
 * vmalloc area and the linear map of low memory lie. Table widths are tiny (a few entries), so the
 * whole address space is a few dozen pages; the arithmetic ({@code pgd_index}, {@code pte_index})
 * is the kernel's.
 *
 * <pre>
 *   0 .. TASK_SIZE                     user space (pgd entries 0 .. userPgds-1 of each user mm)
 *   VMALLOC_START .. VMALLOC_END       vmalloc area (pgd entries of init_mm)
 *   PAGE_OFFSET + (pfn << PAGE_SHIFT)  linear map of every frame (kmalloc, __get_free_pages)
 * </pre>
 */
public final class Geometry {

    public static final int PAGE_SHIFT = 12;
    public static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    /** Start of the linear map of low memory ({@code __va()}); above every page-table-mapped address. */
    public static final int PAGE_OFFSET = 0x4000_0000;

    private final Config c;
    public final int pteShift;
    public final int pmdShift;
    public final int pgdirShift;
    public final int taskSize;
    public final int vmallocStart;
    public final int vmallocEnd;

    public Geometry(Config c) {
        this.c = c;
        this.pteShift = PAGE_SHIFT;
        this.pmdShift = PAGE_SHIFT + Integer.numberOfTrailingZeros(c.ptrsPerPte());
        this.pgdirShift = pmdShift + Integer.numberOfTrailingZeros(c.ptrsPerPmd());
        this.taskSize = c.userPgds() << pgdirShift;
        this.vmallocStart = taskSize;
        this.vmallocEnd = (c.userPgds() + c.kernelPgds()) << pgdirShift;
    }

    /** {@code pgd_index(addr)}. */
    public int pgdIndex(int addr) {
        return (addr >>> pgdirShift) & (c.ptrsPerPgd() - 1);
    }

    /** {@code pmd_index(addr)}. */
    public int pmdIndex(int addr) {
        return (addr >>> pmdShift) & (c.ptrsPerPmd() - 1);
    }

    /** {@code pte_index(addr)}. */
    public int pteIndex(int addr) {
        return (addr >>> PAGE_SHIFT) & (c.ptrsPerPte() - 1);
    }

    public boolean isUser(int addr) {
        return addr >= 0 && addr < taskSize;
    }

    public boolean isVmalloc(int addr) {
        return addr >= vmallocStart && addr < vmallocEnd;
    }

    /** {@code __va(PFN_PHYS(pfn))}: the linear-map address of a frame. */
    public int pfnToVirt(int pfn) {
        return PAGE_OFFSET + (pfn << PAGE_SHIFT);
    }

    /** {@code virt_to_pfn()} of a linear-map address; -1 when the address is not in the linear map. */
    public int virtToPfn(int addr) {
        if (addr < PAGE_OFFSET) {
            return -1;
        }
        int pfn = (addr - PAGE_OFFSET) >>> PAGE_SHIFT;
        return pfn < c.nrPages() ? pfn : -1;
    }

    public static int pageAlign(int addr) {
        return (addr + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
    }

    public static boolean isPageAligned(int addr) {
        return (addr & (PAGE_SIZE - 1)) == 0;
    }
}
