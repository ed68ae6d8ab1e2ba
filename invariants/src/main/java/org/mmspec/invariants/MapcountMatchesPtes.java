package org.mmspec.invariants;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.view.KernelConstants;
import org.mmspec.ref.view.MmView;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.Witness;

/**
 * {@code mapcount_matches_ptes}: at quiescent points — no thread holds a PTE lock — every allocated
 * page other than the zero page has {@code page_mapcount()} equal to the number of present, non-special
 * user PTEs that map it. (A PTE update and its map-count change happen under the same PTE lock, so
 * while any PTE lock is held the two may legitimately disagree.)
 *
 * <p>Kernel: mm/rmap.c {@code page_add_new_anon_rmap()}, {@code page_add_anon_rmap()},
 * {@code page_add_file_rmap()}, {@code page_remove_rmap()} and {@code page_dup_rmap()} (include/linux/rmap.h),
 * each called with the PTE lock of the PTE being set or cleared; mm/memory.c {@code print_bad_pte()}
 * ("Bad page map") and mm/rmap.c {@code try_to_unmap()} ({@code page_mapped()} after a full walk) rely on it.
 */
public final class MapcountMatchesPtes implements Invariant<MmView> {

    public static final String ID = "mapcount_matches_ptes";

    private int[] ptes = new int[0];

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "when no PTE lock is held, page_mapcount(p) equals the number of present, non-special user PTEs"
                + " mapping p, for every allocated page but the zero page";
    }

    @Override
    public Witness check(MmView v) {
        if (v.anyPtlHeld()) {
            return null;
        }
        int pages = v.config().nrPages();
        if (ptes.length < pages) {
            ptes = new int[pages];
        } else {
            Arrays.fill(ptes, 0, pages, 0);
        }
        int taskSize = v.geometry().taskSize;
        for (int mm = 1; mm <= v.config().nrUserMms(); mm++) {
            if (!v.mmInUse(mm)) {
                continue;
            }
            for (int addr = 0; addr < taskSize; addr += Geometry.PAGE_SIZE) {
                int pte = v.pte(mm, addr);
                if (Scan.mapsNormal(pte) && Scan.validPfn(v, Pte.ptePfn(pte))) {
                    ptes[Pte.ptePfn(pte)]++;
                }
            }
        }
        for (int pfn = KernelConstants.ZERO_PFN + 1; pfn < pages; pfn++) {
            int mapcount = v.pageMapcount(pfn);
            if (mapcount != ptes[pfn] && !v.isFree(pfn)) {
                return witness(v, pfn, mapcount, ptes[pfn]);
            }
        }
        return null;
    }

    private static Witness witness(MmView v, int pfn, int mapcount, int count) {
        List<String> objects = new ArrayList<>();
        objects.add(Names.pfn(pfn));
        int taskSize = v.geometry().taskSize;
        for (int mm = 1; mm <= v.config().nrUserMms(); mm++) {
            for (int addr = 0; v.mmInUse(mm) && addr < taskSize; addr += Geometry.PAGE_SIZE) {
                int pte = v.pte(mm, addr);
                if (Scan.mapsNormal(pte) && Pte.ptePfn(pte) == pfn) {
                    objects.add(Names.pte(mm, addr));
                }
            }
        }
        return new Witness(Names.pfn(pfn) + ": page_mapcount " + mapcount + " but " + count + " PTE"
                + (count == 1 ? " maps" : "s map") + " it", objects);
    }
}
