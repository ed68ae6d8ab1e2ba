package org.mmspec.ref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.slab.Slab;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.vmalloc.Vmalloc;

/** The slab allocator, kmalloc and vmalloc. */
class SlabVmallocTest {

    private final Kernel k = Kernel.boot(Config.defaults());
    private final Slab slab = k.slab();

    @Test
    void kmemCacheObjectsShareASlabPageAndAnEmptySlabIsFreed() {
        int cache = slab.kmemCacheCreate(512);
        int free = k.buddy().freePagesInLists(0);
        int a = slab.kmemCacheAlloc(cache, Gfp.GFP_KERNEL);
        int b = slab.kmemCacheAlloc(cache, Gfp.GFP_KERNEL);
        int page = k.geometry().virtToPfn(a);
        assertEquals(page, k.geometry().virtToPfn(b));
        assertEquals(512, b - a);
        assertTrue(k.pages().pageFlag(page, PageFlag.SLAB));
        assertEquals(free - 1, k.buddy().freePagesInLists(0));
        assertEquals(2, slab.activeObjs(cache));
        slab.kmemCacheFree(cache, a);
        slab.kmemCacheFree(cache, b);
        assertEquals(0, slab.activeObjs(cache));
        assertEquals(free, k.buddy().freePagesInLists(0));
        slab.kmemCacheDestroy(cache);
    }

    @Test
    void destroyingACacheWithLiveObjectsIsAKernelBug() {
        int cache = slab.kmemCacheCreate(64);
        slab.kmemCacheAlloc(cache, Gfp.GFP_KERNEL);
        Outcome o = k.attempt(() -> {
            slab.kmemCacheDestroy(cache);
            return 0;
        });
        Outcome.KernelBug bug = assertInstanceOf(Outcome.KernelBug.class, o);
        assertTrue(bug.fault().message().contains("still has 1 objects"), bug.fault().message());
    }

    @Test
    void doubleFreeAndBadFreeAreKernelBugs() {
        int x = slab.kmalloc(100, Gfp.GFP_KERNEL);
        slab.kfree(x);
        assertInstanceOf(Outcome.KernelBug.class, k.attempt(() -> {
            slab.kfree(x);
            return 0;
        }));
        int y = slab.kmalloc(100, Gfp.GFP_KERNEL);
        assertInstanceOf(Outcome.KernelBug.class, k.attempt(() -> {
            slab.kfree(y + 1);
            return 0;
        }));
        slab.kfree(0);
    }

    @Test
    void kmallocUsesTheSmallestFittingSizeClassAndLargeSizesGoToThePageAllocator() {
        int small = slab.kmalloc(33, Gfp.GFP_KERNEL);
        int page = k.geometry().virtToPfn(small);
        assertEquals(64, slab.objectSize(slab.cacheOfPage(page)));
        int free = k.buddy().freePagesInLists(0);
        int large = slab.kmalloc(5000, Gfp.GFP_KERNEL);
        assertNotEquals(0, large);
        assertEquals(free - 2, k.buddy().freePagesInLists(0), "an order-1 block");
        slab.kfree(large);
        assertEquals(free, k.buddy().freePagesInLists(0));
    }

    @Test
    void vmallocMapsNonContiguousPagesThroughInitMmAndVfreeUnmapsThem() {
        Vmalloc v = k.vmalloc();
        int free = k.buddy().freePagesInLists(0);
        int addr = v.vmalloc(3 * 4096);
        assertTrue(k.geometry().isVmalloc(addr));
        assertEquals(free - 3, k.buddy().freePagesInLists(0));
        for (int i = 0; i < 3; i++) {
            int pte = k.pageTables().pteValue(0, addr + i * 4096);
            assertTrue(Pte.ptePresent(pte));
            assertEquals(v.areaPage(v.areaOf(addr), i), Pte.ptePfn(pte));
        }
        assertTrue(Pte.pteNone(k.pageTables().pteValue(0, addr + 3 * 4096)), "guard page");
        v.vfree(addr);
        assertEquals(free, k.buddy().freePagesInLists(0));
        assertTrue(Pte.pteNone(k.pageTables().pteValue(0, addr)));
        assertInstanceOf(Outcome.KernelBug.class, k.attempt(() -> {
            v.vfree(addr);
            return 0;
        }));
    }

    @Test
    void vmallocDoesNotReuseAddressesMappedByCreateMappingLate() {
        int virt = k.geometry().vmallocStart;
        k.mmap().createMappingLate(3, virt, 4096, Pte.PAGE_KERNEL);
        int addr = k.vmalloc().vmalloc(4096);
        assertNotEquals(virt, addr);
        assertEquals(3, Pte.ptePfn(k.pageTables().pteValue(0, virt)), "the late mapping is intact");
    }
}
