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
 * page.
 *
 * <p>Kernel: kernel/fork.c {@code dup_mmap()} → mm/memory.c {@code copy_one_pte()} write-protects both
 * PTEs of a COW mapping ({@code ptep_set_wrprotect()}); mm/memory.c {@code do_wp_page()} makes a PTE
 * writable in place only after {@code reuse_swap_page()} (mm/swapfile.c) found the page exclusively
 * owned; {@code do_anonymous_page()} maps the zero page with a read-only special PTE. {@code do_swap_page()}
 * installs the PTE before {@code swap_free()} drops the swap count of the entry it replaced (both under
 * the PTE lock): that count is not another mapping.
 */
public final class AnonWriteExclusive implements Invariant<MmView> {

    public static final String ID = "anon_write_exclusive";

    /** The local of a {@code do_swap_page} frame that holds the page. */
    private static final int DO_SWAP_PAGE_PAGE = 5;

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

    /** Frames of {@code do_swap_page()} on this page between {@code set_pte_at} and {@code swap_free}. */
    private static int swapInsInFlight(MmView v, int pfn) {
        int n = 0;
        for (int tid = 0; tid < v.config().nrThreads(); tid++) {
            for (MmView.FrameInfo f : v.frames(tid)) {
                if (f.procedure().equals("do_swap_page") && (f.point().equals("activate_page")
                        || f.point().equals("swap_free")) && f.locals()[DO_SWAP_PAGE_PAGE] == pfn) {
                    n++;
                }
            }
        }
        return n;
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
        int swapRefs = Math.max(0, Scan.swapRefs(v, pfn) - swapInsInFlight(v, pfn));
        if (mapcount == 1 && swapRefs == 0) {
            return null;
        }
        String where = Names.pte(mm, addr);
        String page = Names.pfn(pfn);
        return Witness.of("writable " + where + " maps anon " + page + " with page_mapcount " + mapcount
                + (swapRefs > 0 ? " and " + swapRefs + " swap PTE" + (swapRefs == 1 ? "" : "s") + " holding its slot" : ""),
                where, page);
    }
}
