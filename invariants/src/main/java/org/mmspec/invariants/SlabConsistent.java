package org.mmspec.invariants;

import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.view.MmView;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.Witness;

/**
 * {@code slab_consistent}: every slab page ({@code PG_slab}) belongs to a cache in use, is allocated
 * ({@code page_count >= 1}, not in a buddy free block) and marks in use only objects the slab has (the
 * low {@code objs_per_slab} bits of its in-use mask: each object is either free or allocated, never
 * both, never outside the slab); and per cache, the active-object count equals the objects in use on its
 * slab pages and the slab count equals its slab pages.
 *
 * <p>Kernel: mm/slub.c {@code check_slab()}, {@code on_freelist()}, {@code validate_slab()} and
 * {@code free_debug_processing()} (SLUB debugging: "Freepointer corrupt", "objects in use
 * mismatch"); mm/slab_common.c {@code kmem_cache_destroy()} ("Slab cache still has objects") relies on
 * the counts.
 */
public final class SlabConsistent implements Invariant<MmView> {

    public static final String ID = "slab_consistent";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "every slab object is either free or allocated, never both; slab pages are allocated and belong to a"
                + " live cache; per-cache object and slab counts match the slab pages";
    }

    @Override
    public Witness check(MmView v) {
        int pages = v.config().nrPages();
        for (int pfn = 0; pfn < pages; pfn++) {
            if (v.pageFlag(pfn, PageFlag.SLAB)) {
                Witness w = checkSlabPage(v, pfn);
                if (w != null) {
                    return w;
                }
            }
        }
        for (int cache = 0; cache < v.config().nrCacheSlots(); cache++) {
            if (!v.kmem().cacheInUse(cache)) {
                continue;
            }
            int objects = 0;
            int slabs = 0;
            for (int pfn = 0; pfn < pages; pfn++) {
                if (v.kmem().cacheOfPage(pfn) == cache) {
                    slabs++;
                    objects += Integer.bitCount(v.kmem().slabInUseMask(pfn));
                }
            }
            if (v.kmem().activeObjs(cache) != objects) {
                return Witness.of(Names.cache(cache) + " counts " + v.kmem().activeObjs(cache) + " active objects, its slabs hold "
                        + objects, Names.cache(cache));
            }
            if (v.kmem().nrSlabs(cache) != slabs) {
                return Witness.of(Names.cache(cache) + " counts " + v.kmem().nrSlabs(cache) + " slabs, " + slabs
                        + " pages are its slabs", Names.cache(cache));
            }
        }
        return null;
    }

    private static Witness checkSlabPage(MmView v, int pfn) {
        int cache = v.kmem().cacheOfPage(pfn);
        if (!v.kmem().cacheInUse(cache)) {
            return Witness.of("slab " + Names.pfn(pfn) + " belongs to " + Names.cache(cache) + ", which is not in use",
                    Names.pfn(pfn));
        }
        String problem = null;
        int per = v.kmem().objsPerSlab(cache);
        int allowed = per >= Integer.SIZE ? -1 : (1 << per) - 1;
        int mask = v.kmem().slabInUseMask(pfn);
        if (v.isFree(pfn)) {
            problem = "is in a buddy free block";
        } else if (v.pageCount(pfn) < 1) {
            problem = "is unreferenced (page_count " + v.pageCount(pfn) + ")";
        } else if ((mask & ~allowed) != 0) {
            problem = "marks objects in use beyond its " + per + " (mask " + Names.hex(mask) + ")";
        }
        return problem == null ? null : Witness.of("slab " + Names.pfn(pfn) + " of " + Names.cache(cache) + " " + problem,
                Names.pfn(pfn), Names.cache(cache));
    }
}
