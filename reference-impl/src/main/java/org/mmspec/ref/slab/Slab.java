package org.mmspec.ref.slab;

import static org.mmspec.ref.state.Layout.KC_ACTIVE_OBJS;
import static org.mmspec.ref.state.Layout.KC_NR_SLABS;
import static org.mmspec.ref.state.Layout.KC_OBJS_PER_SLAB;
import static org.mmspec.ref.state.Layout.KC_SIZE;

import org.mmspec.ref.mem.FreePath;
import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.mem.PageAllocator;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;

/**
 * A slab allocator in the manner of SLUB (mm/slub.c, mm/slab_common.c): caches of equal-sized objects
 * carved out of order-0 slab pages ({@code PG_slab}). A slab page records its cache in
 * {@code page_private} and which objects are in use as a bitmask in {@code page->index} (the kernel
 * keeps a freelist there); a cache counts its active objects and slabs. Objects are addressed in the
 * linear map: {@code __va(pfn) + i * size}. A slab holds at most 16 objects in the model.
 * {@code kmalloc} serves sizes up to 2048 bytes from the {@code kmalloc-N} caches and larger ones
 * straight from the page allocator ({@code kmalloc_large}).
 */
public final class Slab {

    /** Objects per slab at most (the bitmask width). */
    public static final int MAX_OBJS_PER_SLAB = 16;
    /** Largest size served from a kmalloc cache ({@code KMALLOC_MAX_CACHE_SIZE} of the model). */
    public static final int KMALLOC_MAX_CACHE_SIZE = 2048;
    /** Marks a {@code kmalloc_large} page in {@code page_private}: order + this. */
    private static final int LARGE_MARK = 0x100;

    private final Config c;
    private final Layout l;
    private final Mem m;
    private final Geometry geometry;
    private final Pages pages;
    private final PageAllocator pageAllocator;
    private final FreePath freePath;

    public Slab(Config c, Layout l, Mem m, Geometry geometry, Pages pages,
            PageAllocator pageAllocator,
            FreePath freePath) {
        this.c = c;
        this.l = l;
        this.m = m;
        this.geometry = geometry;
        this.pages = pages;
        this.pageAllocator = pageAllocator;
        this.freePath = freePath;
    }

    /** Creates the {@code kmalloc-N} caches at boot ({@code create_kmalloc_caches}). */
    public void createKmallocCaches() {
        for (int i = 0; i < c.nrKmallocCaches(); i++) {
            initCache(i, Config.kmallocSize(i));
        }
    }

    private void initCache(int cache, int size) {
        m.set(l.cache(cache, KC_SIZE), size);
        m.set(l.cache(cache, KC_OBJS_PER_SLAB), Math.min(Geometry.PAGE_SIZE / size, MAX_OBJS_PER_SLAB));
        m.set(l.cache(cache, KC_ACTIVE_OBJS), 0);
        m.set(l.cache(cache, KC_NR_SLABS), 0);
    }

    public boolean cacheInUse(int cache) {
        return cache >= 0 && cache < c.nrCacheSlots() && m.get(l.cache(cache, KC_SIZE)) != 0;
    }

    public int objectSize(int cache) {
        return m.get(l.cache(cache, KC_SIZE));
    }

    public int objsPerSlab(int cache) {
        return m.get(l.cache(cache, KC_OBJS_PER_SLAB));
    }

    /** Active objects counted by the cache. */
    public int activeObjs(int cache) {
        return m.get(l.cache(cache, KC_ACTIVE_OBJS));
    }

    /** Slabs counted by the cache. */
    public int nrSlabs(int cache) {
        return m.get(l.cache(cache, KC_NR_SLABS));
    }

    /** The cache a slab page belongs to ({@code page->slab_cache}), or -1 for a non-slab page. */
    public int cacheOfPage(int pfn) {
        Pages p = pages;
        return p.pageFlag(pfn, PageFlag.SLAB) ? p.pagePrivate(pfn) - 1 : -1;
    }

    /** The in-use bitmask of a slab page. */
    public int inUseMask(int pfn) {
        return pages.index(pfn);
    }

    /**
     * {@code kmem_cache_create(name, size, align, flags, ctor)}: a new cache of {@code size}-byte
     * objects. Returns its id, or -1 when size is out of range. Context: process, may sleep.
     */
    public int kmemCacheCreate(int size) {
        if (size <= 0 || size > Geometry.PAGE_SIZE) {
            return -1;
        }
        for (int cache = c.nrKmallocCaches(); cache < c.nrCacheSlots(); cache++) {
            if (!cacheInUse(cache)) {
                initCache(cache, size);
                return cache;
            }
        }
        throw new Oops(OopsKind.MODEL_CAPACITY, 7, c.nrSlabCaches());
    }

    /**
     * {@code kmem_cache_destroy(s)}: frees the cache's empty slabs and the cache. Destroying a cache that
     * still has objects is a kernel BUG ("Slab cache still has objects").
     *
     * @throws Oops when objects are still allocated
     */
    public void kmemCacheDestroy(int cache) {
        checkCache(cache);
        if (activeObjs(cache) > 0) {
            throw new Oops(OopsKind.SLAB_CACHE_BUSY, cache, activeObjs(cache));
        }
        for (int pfn = 0; pfn < c.nrPages(); pfn++) {
            if (cacheOfPage(pfn) == cache) {
                discardSlab(cache, pfn);
            }
        }
        for (int f = 0; f < Layout.KC_FIELDS; f++) {
            m.set(l.cache(cache, f), 0);
        }
    }

    /**
     * {@code kmem_cache_alloc(s, gfpflags)}: an object from a partial slab, or from a new slab page
     * taken from the page allocator. Returns the object's address, or 0 when no page could be had.
     * Context: may sleep with {@code GFP_KERNEL} (the model does not reclaim here).
     */
    public int kmemCacheAlloc(int cache, int gfp) {
        checkCache(cache);
        int per = objsPerSlab(cache);
        int full = per == 32 ? -1 : (1 << per) - 1;
        int slab = -1;
        for (int pfn = 0; pfn < c.nrPages() && slab < 0; pfn++) {
            if (cacheOfPage(pfn) == cache && inUseMask(pfn) != full) {
                slab = pfn;
            }
        }
        if (slab < 0) {
            slab = newSlab(cache, gfp);
            if (slab < 0) {
                return 0;
            }
        }
        int mask = inUseMask(slab);
        int obj = Integer.numberOfTrailingZeros(~mask);
        pages.setIndex(slab, mask | (1 << obj));
        m.add(l.cache(cache, KC_ACTIVE_OBJS), 1);
        return geometry.pfnToVirt(slab) + obj * objectSize(cache);
    }

    private int newSlab(int cache, int gfp) {
        int pfn = pageAllocator.allocPagesNoReclaim(gfp & ~Gfp.__GFP_ZERO, 0);
        if (pfn < 0) {
            return -1;
        }
        Pages p = pages;
        p.setPageFlag(pfn, PageFlag.SLAB);
        p.setPagePrivate(pfn, cache + 1);
        p.setIndex(pfn, 0);
        m.add(l.cache(cache, KC_NR_SLABS), 1);
        return pfn;
    }

    private void discardSlab(int cache, int pfn) {
        Pages p = pages;
        p.clearPageFlag(pfn, PageFlag.SLAB);
        p.setPagePrivate(pfn, 0);
        p.setIndex(pfn, 0);
        m.add(l.cache(cache, KC_NR_SLABS), -1);
        freePath.freePagesBlock(pfn, 0);
    }

    /**
     * {@code kmem_cache_free(s, x)}: returns an object; an empty slab goes back to the page allocator.
     * Freeing an object twice, or an address that is not an object of the cache, is a kernel BUG.
     *
     * @throws Oops on a double or bad free
     */
    public void kmemCacheFree(int cache, int addr) {
        checkCache(cache);
        int pfn = geometry.virtToPfn(addr);
        if (pfn < 0 || cacheOfPage(pfn) != cache) {
            throw new Oops(OopsKind.SLAB_BAD_FREE, addr, cache);
        }
        int offset = addr - geometry.pfnToVirt(pfn);
        int size = objectSize(cache);
        int obj = offset / size;
        if (offset % size != 0 || obj >= objsPerSlab(cache)) {
            throw new Oops(OopsKind.SLAB_BAD_FREE, addr, cache);
        }
        int mask = inUseMask(pfn);
        if ((mask & (1 << obj)) == 0) {
            throw new Oops(OopsKind.SLAB_DOUBLE_FREE, addr, cache);
        }
        pages.setIndex(pfn, mask & ~(1 << obj));
        m.add(l.cache(cache, KC_ACTIVE_OBJS), -1);
        if ((mask & ~(1 << obj)) == 0) {
            discardSlab(cache, pfn);
        }
    }

    /**
     * {@code kmalloc(size, flags)}: from the smallest {@code kmalloc-N} cache that fits, or for larger
     * sizes a block of pages ({@code kmalloc_large}). Returns the address, or 0.
     */
    public int kmalloc(int size, int gfp) {
        if (size <= 0 || c.nrKmallocCaches() == 0) {
            return 0;
        }
        if (size > KMALLOC_MAX_CACHE_SIZE) {
            int order = 0;
            while ((Geometry.PAGE_SIZE << order) < size) {
                order++;
            }
            if (order >= c.maxOrder()) {
                return 0;
            }
            int pfn = pageAllocator.allocPagesNoReclaim(gfp, order);
            if (pfn < 0) {
                return 0;
            }
            pages.setPagePrivate(pfn, LARGE_MARK + order);
            return geometry.pfnToVirt(pfn);
        }
        int cache = 0;
        while (Config.kmallocSize(cache) < size) {
            cache++;
        }
        return kmemCacheAlloc(cache, gfp);
    }

    /**
     * {@code kfree(x)}: frees a kmalloc object (or a {@code kmalloc_large} block); {@code kfree(NULL)}
     * does nothing. A bad or double free is a kernel BUG.
     *
     * @throws Oops on a double or bad free
     */
    public void kfree(int addr) {
        if (addr == 0) {
            return;
        }
        int pfn = geometry.virtToPfn(addr);
        if (pfn < 0) {
            throw new Oops(OopsKind.SLAB_BAD_FREE, addr, -1);
        }
        Pages p = pages;
        if (!p.pageFlag(pfn, PageFlag.SLAB)) {
            int mark = p.pagePrivate(pfn);
            if (mark < LARGE_MARK || addr != geometry.pfnToVirt(pfn) || p.pageCount(pfn) <= 0) {
                throw new Oops(OopsKind.SLAB_BAD_FREE, addr, -1);
            }
            p.setPagePrivate(pfn, 0);
            freePath.freePagesBlock(pfn, mark - LARGE_MARK);
            return;
        }
        kmemCacheFree(cacheOfPage(pfn), addr);
    }

    private void checkCache(int cache) {
        if (!cacheInUse(cache)) {
            throw new Oops(OopsKind.SLAB_BAD_FREE, cache, -2);
        }
    }
}
