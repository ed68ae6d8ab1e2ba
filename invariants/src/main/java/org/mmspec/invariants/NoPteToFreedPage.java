package org.mmspec.invariants;

import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.view.MmView;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.Witness;

/**
 * {@code no_pte_to_freed_page}: a present, non-special PTE — of a user address space or of the kernel
 * page table ({@code init_mm}'s vmalloc area) — maps an allocated page: one with a reference
 * ({@code page_count > 0}) that is not in a buddy free block. Special PTEs (the zero page,
 * {@code remap_pfn_range()}, {@code create_mapping_late()}) map frames that are not refcounted.
 *
 * <p>Kernel: mm/memory.c {@code zap_pte_range()} clears the PTE and flushes the TLB before the gathered
 * pages are freed ({@code tlb_flush_mmu()} → {@code free_pages_and_swap_cache()}); mm/page_alloc.c
 * {@code free_pages_check()} reports a freed page that is still mapped ("nonzero mapcount"); a PTE to a
 * freed frame is a use-after-free that lets the next owner's data leak.
 */
public final class NoPteToFreedPage implements Invariant<MmView> {

    public static final String ID = "no_pte_to_freed_page";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "every present, non-special PTE (user or kernel) maps an allocated page: page_count > 0 and"
                + " not in a buddy free list";
    }

    @Override
    public Witness check(MmView v) {
        Geometry g = v.geometry();
        for (int mm = 1; mm <= v.config().nrUserMms(); mm++) {
            if (!v.mmInUse(mm)) {
                continue;
            }
            Witness w = checkRange(v, mm, 0, g.taskSize);
            if (w != null) {
                return w;
            }
        }
        return checkRange(v, 0, g.vmallocStart, g.vmallocEnd);
    }

    private static Witness checkRange(MmView v, int mm, int from, int to) {
        for (int addr = from; addr < to; addr += Geometry.PAGE_SIZE) {
            int pte = v.pte(mm, addr);
            if (!Scan.mapsNormal(pte)) {
                continue;
            }
            int pfn = Pte.ptePfn(pte);
            if (!Scan.validPfn(v, pfn)) {
                String where = Names.pte(mm, addr);
                return Witness.of(where + " maps pfn " + pfn + ", which has no struct page", where);
            }
            if (v.isFree(pfn) || v.pageCount(pfn) <= 0) {
                String where = Names.pte(mm, addr);
                String what = v.isFree(pfn) ? "free " + Names.pfn(pfn)
                        : Names.pfn(pfn) + " with page_count " + v.pageCount(pfn);
                return Witness.of(where + " maps " + what, where, Names.pfn(pfn));
            }
        }
        return null;
    }
}
