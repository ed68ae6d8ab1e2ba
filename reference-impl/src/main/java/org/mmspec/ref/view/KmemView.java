package org.mmspec.ref.view;

import org.mmspec.ref.Kernel;

/**
 * The kernel allocators above the buddy allocator, as an {@link MmView} sees them: slab caches (their
 * counters and each slab page's objects) and vmalloc areas (their addresses and pages).
 */
public final class KmemView {

    private final Kernel k;

    KmemView(Kernel k) {
        this.k = k;
    }

    public boolean cacheInUse(int cache) {
        return k.slab().cacheInUse(cache);
    }

    public int objsPerSlab(int cache) {
        return k.slab().objsPerSlab(cache);
    }

    public int activeObjs(int cache) {
        return k.slab().activeObjs(cache);
    }

    public int nrSlabs(int cache) {
        return k.slab().nrSlabs(cache);
    }

    /** The cache of a slab page, or -1. */
    public int cacheOfPage(int pfn) {
        return k.slab().cacheOfPage(pfn);
    }

    public int slabInUseMask(int pfn) {
        return k.slab().inUseMask(pfn);
    }

    public boolean vmAreaInUse(int area) {
        return k.vmalloc().areaInUse(area);
    }

    public int vmAreaAddr(int area) {
        return k.vmalloc().areaAddr(area);
    }

    public int vmAreaPages(int area) {
        return k.vmalloc().areaPages(area);
    }

    public int vmAreaPage(int area, int i) {
        return k.vmalloc().areaPage(area, i);
    }
}
