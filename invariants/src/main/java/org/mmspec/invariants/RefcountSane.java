package org.mmspec.invariants;

import java.util.List;
import org.mmspec.ref.mem.Mapping;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.view.KernelConstants;
import org.mmspec.ref.view.MmView;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.Witness;

/**
 * {@code refcount_sane}: no {@code _refcount} below zero; {@code _mapcount} never below its -1 bias
 * except {@code PAGE_BUDDY_MAPCOUNT_VALUE} on the head of a free buddy block; and {@code page_count} is 0
 * exactly for the frames in buddy free blocks, and for a page its last holder is freeing: between {@code
 * put_page_testzero} (or reclaim's {@code page_ref_freeze}) and the buddy insertion, that thread stands at
 * one of the freeing points of {@link #FREEING} with the page in its frame.
 *
 * <p>One exception the kernel itself makes: a non-compound block of order &gt; 0 from
 * {@code alloc_pages()} ({@code kmalloc_large}, {@code __get_free_pages(order)}) has a reference on its
 * first page only; its tail pages keep {@code page_count} 0 while allocated ({@code prep_new_page()} sets
 * the head's count; {@code __free_pages()} frees the block through the head). A zero-count page that is
 * not free is accepted when it is such a tail: an allocated head with a reference lies at an aligned
 * position below it within {@code MAX_ORDER}, and the page itself carries no mapping or map count.
 *
 * <p>Swap slots are reference counted too: {@code swap_map[offset]} counts the swap PTEs that hold the
 * slot, plus {@code SWAP_HAS_CACHE} exactly while a swap-cache page caches it ({@link SwapAccounting}).
 * A slot freed while the swap cache still names it is reused under the cached page's feet.
 *
 * <p>Kernel: include/linux/page_ref.h, include/linux/mm.h ({@code put_page_testzero()}:
 * {@code VM_BUG_ON_PAGE(page_ref_count(page) == 0)}; {@code get_page()}: {@code VM_BUG_ON_PAGE(page_ref_count(page) <= 0)}),
 * mm/page_alloc.c {@code free_pages_check()} ("nonzero _refcount", "nonzero mapcount"),
 * mm/rmap.c {@code page_remove_rmap()} (mapcount underflow is "Bad page map").
 */
public final class RefcountSane implements Invariant<MmView> {

    public static final String ID = "refcount_sane";

    /** Flags no head of a plain {@code alloc_pages()} block carries. */
    private static final int NOT_A_BLOCK_HEAD = PageFlag.RESERVED.mask() | PageFlag.SLAB.mask() | PageFlag.LRU.mask()
            | PageFlag.SWAPCACHE.mask();

    /**
     * The freeing points: procedure, the point its frame resumes at, and the local holding the pfn. A
     * frame there has dropped (or frozen) the page's last reference and frees it in a later step.
     */
    private static final List<FreeingPoint> FREEING = List.of(
            new FreeingPoint("put_page", "__page_cache_release", 0),
            new FreeingPoint("put_page", "free_hot_cold_page", 0),
            new FreeingPoint("shrink_page_list", "swapcache_free", 0),
            new FreeingPoint("shrink_page_list", "try_to_unmap_flush", 0),
            new FreeingPoint("shrink_page_list", "try_to_unmap_flush:done", 0),
            new FreeingPoint("shrink_page_list", "free_it", 0),
            new FreeingPoint("shrink_inactive_list", "free_hot_cold_page_list", 3),
            new FreeingPoint("shrink_active_list", "free_hot_cold_page_list", 2),
            new FreeingPoint("__free_pages", "__free_pages_ok", 0)); // issue 10: __free_pages of a block

    private record FreeingPoint(String procedure, String point, int local) {
    }

    private final SwapAccounting swap = new SwapAccounting();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "no refcount or mapcount underflow (_mapcount >= -1 except PageBuddy on a free block head);"
                + " page_count is 0 iff the frame is free (or a tail of an allocated high-order block); swap_map"
                + " counts the swap PTEs and the swap cache holding each slot";
    }

    @Override
    public Witness check(MmView v) {
        int pages = v.config().nrPages();
        for (int pfn = 0; pfn < pages; pfn++) {
            String problem = problem(v, pfn);
            if (problem != null) {
                return Witness.of(Names.pfn(pfn) + ": " + problem, Names.pfn(pfn));
            }
        }
        return swap.check(v);
    }

    /** What is wrong with the counts of one page, or null. */
    private static String problem(MmView v, int pfn) {
        int count = v.pageCount(pfn);
        int raw = v.rawMapcount(pfn);
        if (count < 0) {
            return "page_count " + count + " < 0 (refcount underflow)";
        }
        if (raw < -1 && raw != KernelConstants.PAGE_BUDDY_MAPCOUNT_VALUE) {
            return "_mapcount " + raw + " < -1 (mapcount underflow)";
        }
        boolean free = v.isFree(pfn);
        if (raw == KernelConstants.PAGE_BUDDY_MAPCOUNT_VALUE && !free) {
            return "PageBuddy (_mapcount " + raw + ") but heads no free block of its order " + v.pagePrivate(pfn);
        }
        if (free && count != 0) {
            return "in a free buddy block but page_count " + count;
        }
        if (!free && count == 0 && !isAllocatedTail(v, pfn) && !beingFreed(v, v.compoundHead(pfn))) {
            return "page_count 0 but not in a buddy free block, and no thread is freeing it (leaked or freed twice)";
        }
        return null;
    }

    /** Whether some thread stands at a freeing point with this page (a compound page's head, for its tails). */
    private static boolean beingFreed(MmView v, int pfn) {
        for (int tid = 0; tid < v.config().nrThreads(); tid++) {
            for (MmView.FrameInfo f : v.frames(tid)) {
                for (FreeingPoint p : FREEING) {
                    if (p.procedure().equals(f.procedure()) && p.point().equals(f.point()) && f.locals()[p.local()] == pfn) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * A clean tail page of an allocated non-compound block: an aligned head below it within
     * {@code MAX_ORDER} holds a reference and is a plain allocator block (not reserved, not a slab,
     * page-cache, anonymous or LRU page).
     */
    private static boolean isAllocatedTail(MmView v, int pfn) {
        if (v.rawMapcount(pfn) != -1 || v.mapping(pfn) != Mapping.NULL) {
            return false;
        }
        int zone = v.zoneOf(pfn);
        for (int order = 1; order < v.config().maxOrder(); order++) {
            int head = pfn & ~((1 << order) - 1);
            if (head != pfn && v.zoneOf(head) == zone && v.pageCount(head) > 0 && !v.isFree(head)
                    && v.mapping(head) == Mapping.NULL && (v.flags(head) & NOT_A_BLOCK_HEAD) == 0) {
                return true;
            }
        }
        return false;
    }
}
