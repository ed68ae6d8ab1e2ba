package org.mmspec.invariants;

import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.view.MmView;
import org.mmspec.ref.view.GhostView.GupHolder;
import org.mmspec.ref.view.MmView.VmaInfo;

/**
 * Who besides one user address can reach an anonymous page: other PTEs mapping it, swap PTEs holding the
 * swap slot it caches, and other processes' {@code get_user_pages()} references — even one whose range its
 * process has unmapped since: a pipe buffer still shows the page to whoever reads the pipe.
 */
final class OtherReferences {

    private OtherReferences() {
    }

    /**
     * The first reference to {@code pfn} other than {@code (mm, addr)} itself, described ("pte(mm2,
     * 0x1000)", "the pipe buffer of mm2"), or null when the address is the only one that reaches it.
     */
    static String of(MmView v, int pfn, int mm, int addr) {
        int swapSlot = Scan.swapRefs(v, pfn) > 0 ? v.pagePrivate(pfn) : -1;
        for (int other = 1; other <= v.config().nrUserMms(); other++) {
            if (!v.mmInUse(other)) {
                continue;
            }
            String pte = otherPte(v, other, pfn, swapSlot, mm, addr);
            if (pte != null) {
                return pte;
            }
        }
        if (v.ghosts().anyGupHolder()) {
            for (GupHolder h : v.ghosts().gupHolders()) {
                if (h.pfn() == pfn && h.mm() != mm) {
                    return "a get_user_pages() reference of " + Names.mm(h.mm()) + " (holder " + h.slot() + ")";
                }
            }
        }
        return null;
    }

    private static String otherPte(MmView v, int other, int pfn, int swapSlot, int mm, int addr) {
        int n = Math.min(v.vmaCount(other), v.config().nrVmas());
        for (int slot = 0; slot < n; slot++) {
            VmaInfo vma = v.vma(other, slot);
            int end = Math.min(vma.end(), v.geometry().taskSize);
            for (int a = Math.max(vma.start(), 0); a < end; a += Geometry.PAGE_SIZE) {
                if (other == mm && a == addr) {
                    continue;
                }
                int pte = v.pte(other, a);
                boolean maps = Pte.ptePresent(pte) && Pte.ptePfn(pte) == pfn;
                boolean holdsSlot = swapSlot > 0 && Pte.isSwapPte(pte) && Pte.swpOffset(pte) == swapSlot;
                if (maps || holdsSlot) {
                    return (maps ? "" : "the swap entry of ") + Names.pte(other, a);
                }
            }
        }
        return null;
    }
}
