package org.mmspec.invariants;

import org.mmspec.ref.mem.Mapping;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.view.KernelConstants;
import org.mmspec.ref.view.MmView;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.Witness;

/**
 * {@code anon_write_exclusive}: a present, writable user PTE that maps an anonymous page maps a page
 * mapped exactly once — {@code page_mapcount == 1} and no other PTE still holding the swap slot the page
 * caches — so a write through it cannot be seen by another mapping; and no writable PTE maps the zero
 * page. While the PTE's lock is held the slot may still count the swap PTE just replaced: {@code
 * do_swap_page()} maps the page writable and then {@code swap_free()}s the entry, both under the lock.
 *
 * <p>Kernel: kernel/fork.c {@code dup_mmap()} → mm/memory.c {@code copy_one_pte()} write-protects both
 * PTEs of a COW mapping ({@code ptep_set_wrprotect()}); mm/memory.c {@code do_wp_page()} makes a PTE
 * writable in place only after {@code reuse_swap_page()} (mm/swapfile.c) found the page exclusively
 * owned; {@code do_anonymous_page()} maps the zero page with a read-only special PTE.
 */
public final class AnonWriteExclusive implements Invariant<MmView> {

    public static final String ID = "anon_write_exclusive";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "a writable PTE to an anonymous page implies the page is mapped once (no writable shared anon page)";
    }

    @Override
    public Witness check(MmView v) {
        int taskSize = v.geometry().taskSize;
        for (int mm = 1; mm <= v.config().nrUserMms(); mm++) {
            if (!v.mmInUse(mm)) {
                continue;
            }
            for (int addr = 0; addr < taskSize; addr += Geometry.PAGE_SIZE) {
                int pte = v.pte(mm, addr);
                if (Pte.ptePresent(pte) && Pte.pteWrite(pte)) {
                    Witness w = checkWritable(v, mm, addr, pte);
                    if (w != null) {
                        return w;
                    }
                }
            }
        }
        return null;
    }

    private static Witness checkWritable(MmView v, int mm, int addr, int pte) {
        int pfn = Pte.ptePfn(pte);
        if (pfn == KernelConstants.ZERO_PFN) {
            String where = Names.pte(mm, addr);
            return Witness.of("writable " + where + " maps the zero page", where, Names.pfn(pfn));
        }
        if (Pte.pteSpecial(pte) || !Scan.validPfn(v, pfn) || !Mapping.isAnon(v.mapping(pfn))) {
            return null;
        }
        int mapcount = v.pageMapcount(pfn);
        int swapRefs = Scan.swapRefs(v, pfn);
        if (mapcount == 1 && (swapRefs == 0 || v.ptlHeld(mm, addr))) {
            return null; // do_swap_page's set_pte_at, then swap_free of the slot, under the PTE lock
        }
        String where = Names.pte(mm, addr);
        String page = Names.pfn(pfn);
        return Witness.of("writable " + where + " maps anon " + page + " with page_mapcount " + mapcount
                + (swapRefs > 0 ? " and " + swapRefs + " swap PTE" + (swapRefs == 1 ? "" : "s") + " holding its slot" : ""),
                where, page);
    }
}
