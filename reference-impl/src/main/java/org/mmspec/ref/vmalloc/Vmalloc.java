package org.mmspec.ref.vmalloc;

import static org.mmspec.ref.state.Layout.VM_NR_PAGES;
import static org.mmspec.ref.state.Layout.VM_START;

import org.mmspec.ref.mem.FreePath;
import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.mem.PageAllocator;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.PageTables;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;

/**
 * {@code vmalloc}: virtually contiguous kernel memory from non-contiguous frames, mapped through the
 * kernel page table of {@code init_mm} (mm/vmalloc.c). Each area ({@code vm_struct}) records its
 * start, size and pages; a guard page follows every area, as without {@code VM_NO_GUARD}.
 */
public final class Vmalloc {

    private final Config c;
    private final Layout l;
    private final Mem m;
    private final Geometry geometry;
    private final PageAllocator pageAllocator;
    private final FreePath freePath;
    private final PageTables pageTables;

    public Vmalloc(Config c, Layout l, Mem m, Geometry geometry, PageAllocator pageAllocator,
            FreePath freePath,
            PageTables pageTables) {
        this.c = c;
        this.l = l;
        this.m = m;
        this.geometry = geometry;
        this.pageAllocator = pageAllocator;
        this.freePath = freePath;
        this.pageTables = pageTables;
    }

    public boolean areaInUse(int area) {
        return m.get(l.vmArea(area, VM_START)) != 0;
    }

    /** The area's first kernel virtual address. */
    public int areaAddr(int area) {
        return geometry.vmallocStart + ((m.get(l.vmArea(area, VM_START)) - 1) << Geometry.PAGE_SHIFT);
    }

    public int areaPages(int area) {
        return m.get(l.vmArea(area, VM_NR_PAGES));
    }

    /** The pfn backing page {@code i} of the area. */
    public int areaPage(int area, int i) {
        return m.get(l.vmAreaPage(area, i)) - 1;
    }

    /** The area covering kernel virtual address {@code addr} (without its guard page), or -1. */
    public int areaOf(int addr) {
        for (int a = 0; a < c.nrVmallocAreas(); a++) {
            if (areaInUse(a) && addr >= areaAddr(a) && addr < areaAddr(a) + (areaPages(a) << Geometry.PAGE_SHIFT)) {
                return a;
            }
        }
        return -1;
    }

    /**
     * {@code vmalloc(size)}: finds a free range in the vmalloc area ({@code alloc_vmap_area}), allocates
     * each page ({@code GFP_KERNEL | __GFP_HIGHMEM}) and maps it with {@code PAGE_KERNEL} in
     * {@code init_mm}. Returns the address, or 0 when no range or no page could be had (everything
     * taken is given back). Context: process, may sleep.
     */
    public int vmalloc(int size) {
        if (size <= 0 || c.nrVmallocAreas() == 0) {
            return 0;
        }
        int nr = Geometry.pageAlign(size) >>> Geometry.PAGE_SHIFT;
        int area = freeSlot();
        int first = findRange(nr + 1);
        if (area < 0 || first < 0) {
            return 0;
        }
        m.set(l.vmArea(area, VM_START), first + 1);
        m.set(l.vmArea(area, VM_NR_PAGES), nr);
        int addr = areaAddr(area);
        for (int i = 0; i < nr; i++) {
            int pfn = pageAllocator.allocPagesNoReclaim(Gfp.GFP_KERNEL | Gfp.__GFP_HIGHMEM, 0);
            if (pfn < 0) {
                vfree(addr);
                return 0;
            }
            m.set(l.vmAreaPage(area, i), pfn + 1);
            mapKernelPage(addr + (i << Geometry.PAGE_SHIFT), pfn);
        }
        return addr;
    }

    private void mapKernelPage(int addr, int pfn) {
        PageTables pt = pageTables;
        int pmd = pt.pmdOffset(pt.pgdOffsetK(addr), addr);
        pt.pteAlloc(pmd);
        int pte = pt.pteOffsetKernel(pmd, addr);
        pt.setPteAt(0, addr, pte, Pte.mkPte(pfn, Pte.PAGE_KERNEL));
    }

    /**
     * {@code vfree(addr)}: unmaps the area from {@code init_mm} ({@code vunmap_page_range}) and frees its
     * pages. {@code vfree(NULL)} does nothing; an address that starts no area is a kernel BUG
     * ("Trying to vfree() nonexistent vm area").
     *
     * @throws Oops for an address that is not a vmalloc area
     */
    public void vfree(int addr) {
        if (addr == 0) {
            return;
        }
        int area = -1;
        for (int a = 0; a < c.nrVmallocAreas(); a++) {
            if (areaInUse(a) && areaAddr(a) == addr) {
                area = a;
            }
        }
        if (area < 0) {
            throw new Oops(OopsKind.VFREE_BAD, addr, 0);
        }
        PageTables pt = pageTables;
        for (int i = 0; i < areaPages(area); i++) {
            int va = addr + (i << Geometry.PAGE_SHIFT);
            int pte = pt.walk(0, va);
            if (pte >= 0) {
                pt.ptepGetAndClear(pte);
            }
            int pfn = areaPage(area, i);
            if (pfn >= 0) {
                m.set(l.vmAreaPage(area, i), 0);
                freePath.freePagesBlock(pfn, 0);
            }
        }
        m.set(l.vmArea(area, VM_START), 0);
        m.set(l.vmArea(area, VM_NR_PAGES), 0);
    }

    private int freeSlot() {
        for (int a = 0; a < c.nrVmallocAreas(); a++) {
            if (!areaInUse(a)) {
                return a;
            }
        }
        return -1;
    }

    /**
     * First fit of {@code n} kernel pages (an area and its guard page) not used by any area nor mapped
     * otherwise (by {@code create_mapping_late}).
     */
    private int findRange(int n) {
        int total = c.kernelPages();
        boolean[] used = new boolean[total];
        for (int i = 0; i < total; i++) {
            used[i] = !Pte.pteNone(pageTables.pteValue(0, geometry.vmallocStart + (i << Geometry.PAGE_SHIFT)));
        }
        for (int a = 0; a < c.nrVmallocAreas(); a++) {
            if (areaInUse(a)) {
                int start = m.get(l.vmArea(a, VM_START)) - 1;
                for (int i = 0; i <= areaPages(a) && start + i < total; i++) {
                    used[start + i] = true;
                }
            }
        }
        for (int s = 0; s + n <= total; s++) {
            boolean free = true;
            for (int i = 0; i < n && free; i++) {
                free = !used[s + i];
            }
            if (free) {
                return s;
            }
        }
        return -1;
    }
}
