package org.mmspec.invariants;

import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.view.MmView;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.Witness;

/**
 * {@code vmalloc_consistent}: every present kernel PTE ({@code init_mm}) in the vmalloc range inside a
 * vmalloc area maps exactly the page the area owns at that offset, and no normal (non-special) kernel PTE
 * maps anything outside the areas in use — guard pages and freed areas are unmapped ({@code vfree()}
 * unmaps before it frees); every page of an area in use lies in the vmalloc range, is mapped at its
 * address and is allocated ({@code page_count > 0}, not in a buddy free block). Special PTEs outside the
 * areas are {@code create_mapping_late()} mappings of raw frames and are not vmalloc's.
 *
 * <p>Kernel: mm/vmalloc.c {@code __vmalloc_area_node()} (allocate {@code area->pages[i]}, then
 * {@code map_vm_area()}), {@code __vunmap()} ({@code vunmap_page_range()} before {@code __free_pages()} of
 * each page), {@code vmalloc_to_page()} relies on the mapping.
 */
public final class VmallocConsistent implements Invariant<MmView> {

    public static final String ID = "vmalloc_consistent";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "every page-table entry of a vmalloc area maps the page the area owns there; pages of a live area are"
                + " mapped and allocated; nothing else is mapped in the vmalloc range";
    }

    @Override
    public Witness check(MmView v) {
        for (int area = 0; area < v.config().nrVmallocAreas(); area++) {
            if (v.kmem().vmAreaInUse(area)) {
                Witness w = checkArea(v, area);
                if (w != null) {
                    return w;
                }
            }
        }
        Geometry g = v.geometry();
        for (int addr = g.vmallocStart; addr < g.vmallocEnd; addr += Geometry.PAGE_SIZE) {
            int pte = v.pte(0, addr);
            if (!Pte.ptePresent(pte)) {
                continue;
            }
            Witness w = checkKernelPte(v, addr, pte);
            if (w != null) {
                return w;
            }
        }
        return null;
    }

    private static Witness checkKernelPte(MmView v, int addr, int pte) {
        int area = areaOf(v, addr);
        if (area < 0) {
            if (Pte.pteSpecial(pte)) {
                return null;
            }
            return Witness.of(Names.pte(0, addr) + " maps pfn " + Pte.ptePfn(pte) + " outside every vmalloc area",
                    Names.pte(0, addr));
        }
        int owned = v.kmem().vmAreaPage(area, (addr - v.kmem().vmAreaAddr(area)) >>> Geometry.PAGE_SHIFT);
        if (Pte.pteSpecial(pte) || Pte.ptePfn(pte) != owned) {
            return Witness.of(Names.pte(0, addr) + " maps pfn " + Pte.ptePfn(pte) + (Pte.pteSpecial(pte) ? " (special)" : "")
                    + ", but " + Names.vmArea(area) + " owns pfn " + owned + " there", Names.pte(0, addr),
                    Names.vmArea(area));
        }
        return null;
    }

    /** The area in use whose pages cover {@code addr} (without its guard page), or -1. */
    private static int areaOf(MmView v, int addr) {
        for (int area = 0; area < v.config().nrVmallocAreas(); area++) {
            if (v.kmem().vmAreaInUse(area) && v.kmem().vmAreaPages(area) <= v.config().kernelPages()) {
                long start = v.kmem().vmAreaAddr(area);
                if (start >= v.geometry().vmallocStart && addr >= start && addr < start + ((long) v.kmem().vmAreaPages(area) << Geometry.PAGE_SHIFT)) {
                    return area;
                }
            }
        }
        return -1;
    }

    private static Witness checkArea(MmView v, int area) {
        Geometry g = v.geometry();
        int start = v.kmem().vmAreaAddr(area);
        int pages = v.kmem().vmAreaPages(area);
        if (pages <= 0 || pages > v.config().kernelPages() || start < g.vmallocStart
                || (long) start + ((long) pages << Geometry.PAGE_SHIFT) > g.vmallocEnd) {
            return Witness.of(Names.vmArea(area) + " [" + Names.hex(start) + ", +" + pages
                    + " pages) does not fit the vmalloc range", Names.vmArea(area));
        }
        for (int i = 0; i < pages; i++) {
            int addr = start + (i << Geometry.PAGE_SHIFT);
            int pfn = v.kmem().vmAreaPage(area, i);
            if (!Scan.validPfn(v, pfn)) {
                return Witness.of(Names.vmArea(area) + " page " + i + " at " + Names.hex(addr) + " has no frame",
                        Names.vmArea(area));
            }
            int pte = v.pte(0, addr);
            if (!Pte.ptePresent(pte) || Pte.ptePfn(pte) != pfn) {
                return Witness.of(Names.vmArea(area) + " page " + i + " (" + Names.pfn(pfn) + ") is not mapped at "
                        + Names.hex(addr), Names.vmArea(area), Names.pte(0, addr), Names.pfn(pfn));
            }
            if (v.isFree(pfn) || v.pageCount(pfn) <= 0) {
                return Witness.of(Names.vmArea(area) + " page " + i + ": " + Names.pfn(pfn) + " is "
                        + (v.isFree(pfn) ? "in a buddy free block" : "unreferenced (page_count " + v.pageCount(pfn) + ")"),
                        Names.vmArea(area), Names.pfn(pfn));
            }
        }
        return null;
    }
}
