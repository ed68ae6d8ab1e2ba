package org.mmspec.invariants;

import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.view.KernelConstants;
import org.mmspec.ref.view.MmView;

/** Small queries several invariants share. */
final class Scan {

    private Scan() {
    }

    /** The frame has a {@code struct page}. */
    static boolean validPfn(MmView v, int pfn) {
        return pfn >= 0 && pfn < v.config().nrPages();
    }

    /** A present PTE that maps a refcounted page candidate: not special ({@code vm_normal_page} territory). */
    static boolean mapsNormal(int pte) {
        return Pte.ptePresent(pte) && !Pte.pteSpecial(pte);
    }

    /** The swap slot is one of the device's ({@code 1..nrSwapSlots}). */
    static boolean validSwapOffset(MmView v, int offset) {
        return offset >= 1 && offset <= v.config().nrSwapSlots();
    }

    /**
     * PTEs that still refer to the swap slot a swap-cache page caches ({@code page_swapcount()}):
     * mappings-in-waiting that will see the page's contents after swap-in. 0 for other pages.
     */
    static int swapRefs(MmView v, int pfn) {
        if (!v.pageFlag(pfn, PageFlag.SWAPCACHE)) {
            return 0;
        }
        int offset = v.pagePrivate(pfn);
        return validSwapOffset(v, offset) ? v.swapMap(offset) & ~KernelConstants.SWAP_HAS_CACHE : 0;
    }

    /** {@code 2^order} pages, or 0 for an order the machine cannot have. */
    static int blockPages(MmView v, int order) {
        return order >= 0 && order < v.config().maxOrder() ? 1 << order : 0;
    }
}
