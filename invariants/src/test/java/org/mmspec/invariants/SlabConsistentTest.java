package org.mmspec.invariants;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmspec.invariants.Machines.assertHolds;
import static org.mmspec.invariants.Machines.assertViolated;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.state.Layout;

class SlabConsistentTest {

    private final SlabConsistent inv = new SlabConsistent();

    /** kmalloc objects of three size classes, a large kmalloc, and a created cache of 4-object slabs: 9 objects, the last freed (its slab goes). */
    private static Kernel machine() {
        Kernel k = Machines.boot();
        k.slab().kmalloc(16, Gfp.GFP_KERNEL);
        int b = k.slab().kmalloc(100, Gfp.GFP_KERNEL);
        k.slab().kmalloc(100, Gfp.GFP_KERNEL);
        k.slab().kmalloc(2000, Gfp.GFP_KERNEL);
        int large = k.slab().kmalloc(9000, Gfp.GFP_KERNEL);
        assertTrue(large != 0);
        k.slab().kfree(b);
        int cache = k.slab().kmemCacheCreate(1000);
        int last = 0;
        for (int i = 0; i < 9; i++) {
            last = k.slab().kmemCacheAlloc(cache, Gfp.GFP_KERNEL);
        }
        k.slab().kmemCacheFree(cache, last);
        return k;
    }

    /** The first slab page of {@code cache}. */
    private static int slabOf(Kernel k, int cache) {
        for (int pfn = 0; pfn < k.config().nrPages(); pfn++) {
            if (k.slab().cacheOfPage(pfn) == cache) {
                return pfn;
            }
        }
        throw new AssertionError("no slab of cache " + cache);
    }

    private static int createdCache(Kernel k) {
        return k.config().nrKmallocCaches();
    }

    @Test
    void holdsForKmallocCachesAndACreatedCache() {
        Kernel k = machine();
        assertTrue(k.slab().nrSlabs(createdCache(k)) == 2);
        assertHolds(inv, k);
    }

    @Test
    void catchesAnActiveCountTheSlabsDoNotHold() {
        Kernel k = machine();
        k.mem().add(k.layout().cache(createdCache(k), Layout.KC_ACTIVE_OBJS), 1);
        assertViolated(inv, k, Names.cache(createdCache(k)));
    }

    @Test
    void catchesASlabCountTheSlabsDoNotHold() {
        Kernel k = machine();
        k.mem().add(k.layout().cache(createdCache(k), Layout.KC_NR_SLABS), -1);
        assertViolated(inv, k, Names.cache(createdCache(k)));
    }

    @Test
    void catchesAnObjectBeyondTheSlab() {
        Kernel k = machine();
        int pfn = slabOf(k, createdCache(k));
        Machines.setPage(k, pfn, Layout.PG_INDEX, k.slab().inUseMask(pfn) | 1 << k.slab().objsPerSlab(createdCache(k)));
        assertViolated(inv, k, Names.pfn(pfn));
    }

    @Test
    void catchesAnUnreferencedSlabPage() {
        Kernel k = machine();
        int pfn = slabOf(k, 0);
        Machines.setPage(k, pfn, Layout.PG_REFCOUNT, 0);
        assertViolated(inv, k, Names.pfn(pfn));
    }

    @Test
    void catchesASlabOfACacheNotInUse() {
        Kernel k = machine();
        int pfn = slabOf(k, 0);
        Machines.setPage(k, pfn, Layout.PG_PRIVATE, k.config().nrCacheSlots());
        assertViolated(inv, k, Names.pfn(pfn));
    }
}
