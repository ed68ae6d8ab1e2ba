package org.mmspec.invariants;

import org.mmspec.ref.mem.Mapping;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.view.KernelConstants;
import org.mmspec.ref.view.MmView;
import org.mmspec.ref.view.MmView.VmaInfo;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.Witness;

/**
 * {@code rmap_complete}: the reverse map finds every PTE. For each present, non-special user PTE
 * {@code (mm, addr)} mapping page {@code p} (not the zero page): the PTE lies in a VMA; if {@code p} is
 * anonymous, that VMA is chained to {@code p}'s anon_vma ({@code Mapping.target(page->mapping)}) and
 * {@code vma_address(p, vma) == addr}; if {@code p} is a page-cache page, the VMA maps {@code p}'s file
 * (so it is on that file's {@code i_mmap}) and {@code vma_address(p, vma) == addr}. A mapped page with no
 * mapping at all cannot be found by any walk. KSM pages (walked through the stable tree) are not
 * modelled and are skipped.
 *
 * <p>Kernel: mm/rmap.c {@code rmap_walk_anon()} (walks {@code anon_vma->rb_root}),
 * {@code rmap_walk_file()} (walks {@code mapping->i_mmap}), {@code vma_address()}; mm/vmscan.c
 * {@code shrink_page_list()} → {@code try_to_unmap()} and page migration rely on it: a PTE the walk misses
 * keeps mapping a page that is then freed or moved.
 */
public final class RmapComplete implements Invariant<MmView> {

    public static final String ID = "rmap_complete";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "every PTE mapping an anon page lies in a VMA chained to the page's anon_vma at vma_address(page);"
                + " every PTE mapping a page-cache page lies in a VMA of that file at vma_address(page)";
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
                if (!Scan.mapsNormal(pte)) {
                    continue;
                }
                int pfn = Pte.ptePfn(pte);
                if (pfn == KernelConstants.ZERO_PFN || !Scan.validPfn(v, pfn)) {
                    continue;
                }
                Witness w = checkPte(v, mm, addr, pfn);
                if (w != null) {
                    return w;
                }
            }
        }
        return null;
    }

    private static Witness checkPte(MmView v, int mm, int addr, int pfn) {
        int slot = v.findVmaSlot(mm, addr);
        VmaInfo vma = slot < 0 ? null : v.vma(mm, slot);
        if (vma == null || vma.start() > addr) {
            return Witness.of(Names.pte(mm, addr) + " maps " + Names.pfn(pfn) + " outside every VMA of " + Names.mm(mm),
                    Names.pte(mm, addr), Names.pfn(pfn));
        }
        int mapping = v.mapping(pfn);
        if (Mapping.isKsm(mapping)) {
            return null;
        }
        if (!Mapping.isAnon(mapping) && !Mapping.isFile(mapping)) {
            return Witness.of(Names.pte(mm, addr) + " maps " + Names.pfn(pfn)
                    + ", which has no mapping: no rmap walk can find the PTE", Names.pte(mm, addr), Names.pfn(pfn));
        }
        String problem = anchorProblem(mapping, vma, mm, slot);
        long expected = vma.start() + ((long) (v.index(pfn) - vma.pgoff()) << Geometry.PAGE_SHIFT);
        if (problem == null && expected != addr) {
            problem = "(index " + v.index(pfn) + "), but vma_address() in " + Names.vma(mm, slot) + " is "
                    + (expected < vma.start() || expected >= vma.end() ? "outside it" : Names.hex((int) expected));
        }
        if (problem == null) {
            return null;
        }
        return Witness.of(Names.pte(mm, addr) + " maps " + Names.pfn(pfn) + " " + problem,
                Names.pte(mm, addr), Names.pfn(pfn), Names.vma(mm, slot));
    }

    /** Why the page's anon_vma or file does not lead to VMA {@code slot} of {@code mm}, or null. */
    private static String anchorProblem(int mapping, VmaInfo vma, int mm, int slot) {
        int target = Mapping.target(mapping);
        if (Mapping.isAnon(mapping)) {
            boolean chained = target >= 0 && target < Integer.SIZE && (vma.avc() & (1 << target)) != 0;
            return chained ? null
                    : "of anon_vma " + target + ", but " + Names.vma(mm, slot) + " is not chained to that anon_vma";
        }
        return vma.file() == target ? null : "of file" + target + ", but " + Names.vma(mm, slot) + " maps "
                + (vma.file() < 0 ? "no file" : "file" + vma.file());
    }
}
