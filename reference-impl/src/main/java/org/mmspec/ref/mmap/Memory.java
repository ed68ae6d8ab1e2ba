package org.mmspec.ref.mmap;

import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.vma.VmFlags;
import org.mmspec.ref.vma.Vmas;

/** Small helpers of mm/memory.c shared by the fault, GUP and zap paths. */
public final class Memory {

    private final Pages pages;
    private final Vmas vmas;

    public Memory(Pages pages, Vmas vmas) {
        this.pages = pages;
        this.vmas = vmas;
    }

    /**
     * {@code vm_normal_page(vma, addr, pte)} (mm/memory.c): the refcounted page a present PTE maps, or
     * -1 ({@code NULL}) for special mappings: the zero page, {@code remap_pfn_range()} pfns
     * ({@code pte_special}, {@code VM_PFNMAP}). Context: PTE lock, or a lockless read the caller rechecks.
     */
    public int vmNormalPage(int vma, int pte) {
        if (Pte.pteSpecial(pte)) {
            return -1;
        }
        int pfn = Pte.ptePfn(pte);
        if (pfn == Pages.ZERO_PFN || (vmas.vmFlags(vma) & VmFlags.VM_PFNMAP) != 0 || !pages.pfnValid(pfn)) {
            return -1;
        }
        return pfn;
    }

    /** {@code is_zero_pfn(pfn)}. */
    public static boolean isZeroPfn(int pfn) {
        return pfn == Pages.ZERO_PFN;
    }
}
