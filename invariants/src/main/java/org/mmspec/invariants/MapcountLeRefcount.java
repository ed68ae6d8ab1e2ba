package org.mmspec.invariants;

import org.mmspec.ref.view.MmView;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.Witness;

/**
 * {@code mapcount_le_refcount}: every PTE that maps a page holds a reference on it, so no allocated
 * page is mapped more often than it is referenced.
 *
 * <p>Kernel: mm/memory.c takes the reference together with the mapping (a new page's own reference in
 * {@code do_anonymous_page()}/{@code wp_page_copy()}, {@code get_page()} before
 * {@code page_add_file_rmap()} in {@code do_set_pte()}/{@code alloc_set_pte()}, {@code get_page()} +
 * {@code page_dup_rmap()} in {@code copy_one_pte()}) and drops it only after {@code page_remove_rmap()}
 * ({@code zap_pte_range()} → {@code tlb_remove_page()}); mm/rmap.c {@code try_to_unmap_one()} does
 * {@code page_remove_rmap()} then {@code put_page()}. Free pages are excluded (a buddy head's
 * {@code _mapcount} holds {@code PAGE_BUDDY_MAPCOUNT_VALUE}).
 */
public final class MapcountLeRefcount implements Invariant<MmView> {

    public static final String ID = "mapcount_le_refcount";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "every allocated page: page_mapcount(p) <= page_count(p)";
    }

    @Override
    public Witness check(MmView v) {
        int pages = v.config().nrPages();
        for (int pfn = 0; pfn < pages; pfn++) {
            int mapcount = v.pageMapcount(pfn);
            int count = v.pageCount(pfn);
            if (mapcount > count && !v.isFree(pfn)) {
                return Witness.of(Names.pfn(pfn) + ": page_mapcount " + mapcount + " > page_count " + count,
                        Names.pfn(pfn));
            }
        }
        return null;
    }
}
