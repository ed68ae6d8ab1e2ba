package org.mmspec.ref.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.mmspec.ref.filemap.PageLock;
import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.FreePath;
import org.mmspec.ref.mem.PageRefs;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.mem.Zones;
import org.mmspec.ref.mmap.Memory;
import org.mmspec.ref.mmap.Mmap;
import org.mmspec.ref.pgtable.PageTables;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.rmap.Rmap;
import org.mmspec.ref.slab.Slab;
import org.mmspec.ref.tlb.Tlb;
import org.mmspec.ref.vma.Vmas;
import org.mmspec.ref.vmalloc.Vmalloc;

/**
 * Where each kernel API name of the seed list lives in the reference implementation: one Java method
 * per name, kept in this one place (a test checks every seed name resolves to an existing method).
 * Families such as {@code PageXXX} map to the method that takes the flag as an argument.
 */
public final class SeedApi {

    /** A seed name's Java home. */
    public record Binding(String kernelName, Class<?> owner, String method) {
        @Override
        public String toString() {
            return kernelName + " -> " + owner.getSimpleName() + "#" + method;
        }
    }

    private static final Map<String, Binding> BINDINGS = build();

    private SeedApi() {
    }

    /** The Java method of a seed name. */
    public static Optional<Binding> lookup(String kernelName) {
        return Optional.ofNullable(BINDINGS.get(kernelName));
    }

    /** Every binding, in seed-list order. */
    public static Map<String, Binding> all() {
        return BINDINGS;
    }

    private static Map<String, Binding> build() {
        Map<String, Binding> m = new LinkedHashMap<>();
        // page tables: query
        bind(m, PageTables.class, "pgd_offset_k", "pgdOffsetK", "pgd_index", "pgdIndex", "pgd_offset", "pgdOffset",
                "pte_index", "pteIndex", "pte_offset_kernel", "pteOffsetKernel", "pte_offset_map", "pteOffsetMap",
                "pte_unmap", "pteUnmap", "pte_offset_map_lock", "pteOffsetMapLock", "pte_unmap_unlock", "pteUnmapUnlock");
        // page tables: PTE bits, modify, pfn
        bind(m, Pte.class, "pte_none", "pteNone", "pte_present", "ptePresent", "pte_valid", "pteValid");
        // pte_accessible(mm, pte) consults mm_tlb_flush_pending(mm): it lives with the TLBs
        bind(m, Tlb.class, "pte_accessible", "pteAccessible");
        bind(m, Pte.class, "pte_write", "pteWrite", "pte_dirty", "pteDirty", "pte_young", "pteYoung",
                "pte_exec", "pteExec", "mk_pte", "mkPte", "pte_mkdirty", "pteMkdirty", "pte_mkold", "pteMkold",
                "pte_mkclean", "pteMkclean", "pte_mkwrite", "pteMkwrite", "pte_wrprotect", "pteWrprotect",
                "pte_mkyoung", "pteMkyoung", "pte_pfn", "ptePfn", "pfn_pte", "pfnPte");
        bind(m, PageTables.class, "set_pte_at", "setPteAt", "ptep_set_access_flags", "ptepSetAccessFlags");
        bind(m, Pages.class, "page_to_pfn", "pageToPfn", "pfn_to_page", "pfnToPage");
        // page allocation
        bind(m, KernelApi.class, "alloc_pages", "allocPages", "__get_free_pages", "getFreePages",
                "__alloc_pages_nodemask", "allocPagesNodemask");
        bind(m, KernelApi.class, "free_pages", "freePages");
        bind(m, FreePath.class, "__free_pages", "freePagesBlock");
        bind(m, Slab.class, "kmem_cache_create", "kmemCacheCreate", "kmem_cache_destroy", "kmemCacheDestroy",
                "kmem_cache_alloc", "kmemCacheAlloc", "kmem_cache_free", "kmemCacheFree", "kmalloc", "kmalloc",
                "kfree", "kfree");
        bind(m, Vmalloc.class, "vmalloc", "vmalloc", "vfree", "vfree");
        // VMAs
        bind(m, Vmas.class, "find_vma", "findVma", "find_vma_prev", "findVmaPrev", "find_vma_intersection",
                "findVmaIntersection", "find_vma_links", "findVmaLinks", "insert_vm_struct", "insertVmStruct");
        // page flags
        bind(m, Pages.class, "PageXXX", "pageFlag", "SetPageXXX", "setPageFlag", "ClearPageXXX", "clearPageFlag",
                "TestSetPageXXX", "testSetPageFlag", "TestClearPageXXX", "testClearPageFlag");
        // page lock and bit waits
        bind(m, KernelApi.class, "lock_page", "lockPage");
        bind(m, PageLock.class, "trylock_page", "trylockPage");
        bind(m, KernelApi.class, "unlock_page", "unlockPage");
        bind(m, KernelApi.class, "wait_on_page_bit", "waitOnPageBit", "wait_on_page_locked", "waitOnPageLocked",
                "wait_on_page_writeback", "waitOnPageWriteback");
        bind(m, KernelApi.class, "wake_up_page", "wakeUpPage");
        // reference counts
        bind(m, PageRefs.class, "get_page", "getPage", "page_cache_get", "pageCacheGet",
                "put_page_testzero", "putPageTestzero");
        bind(m, Pages.class, "page_count", "pageCount", "page_mapcount", "pageMapcount",
                "page_mapped", "pageMapped");
        // anon and KSM
        bind(m, Pages.class, "PageAnon", "pageAnon", "PageKsm", "pageKsm", "page_mapping", "pageMapping");
        bind(m, Lru.class, "put_page", "putPage", "page_cache_release", "pageCacheRelease");
        bind(m, Rmap.class, "page_add_new_anon_rmap", "pageAddNewAnonRmap");
        // page operations
        bind(m, KernelApi.class, "follow_page", "followPage");
        bind(m, Memory.class, "vm_normal_page", "vmNormalPage");
        bind(m, KernelApi.class, "get_user_pages", "getUserPages");
        // mappings
        bind(m, Mmap.class, "create_mapping_late", "createMappingLate", "do_mmap_pgoff", "doMmapPgoff",
                "remap_pfn_range", "remapPfnRange");
        // faults
        bind(m, KernelApi.class, "do_page_fault", "doPageFault");
        bind(m, KernelApi.class, "handle_pte_fault", "handlePteFault");
        bind(m, KernelApi.class, "do_anonymous_page", "doAnonymousPage");
        bind(m, KernelApi.class, "do_wp_page", "doWpPage");
        // LRU and reclaim
        bind(m, Lru.class, "lru_cache_add", "lruCacheAdd", "lru_to_page", "lruToPage");
        bind(m, Zones.class, "zone_watermark_ok", "zoneWatermarkOk");
        return java.util.Collections.unmodifiableMap(m);
    }

    private static void bind(Map<String, Binding> m, Class<?> owner, String... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (m.put(pairs[i], new Binding(pairs[i], owner, pairs[i + 1])) != null) {
                throw new IllegalStateException("seed name bound twice: " + pairs[i]);
            }
        }
    }
}
