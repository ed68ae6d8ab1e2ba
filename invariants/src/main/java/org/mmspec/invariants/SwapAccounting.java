package org.mmspec.invariants;

import java.util.Arrays;
import java.util.List;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.view.KernelConstants;
import org.mmspec.ref.view.MmView;
import org.mmspec.spec.semantics.Witness;

/**
 * The reference counts of swap slots, part of {@code refcount_sane}: {@code swap_map[offset]} counts the
 * swap PTEs that refer to the slot, plus {@code SWAP_HAS_CACHE} exactly when a swap-cache page caches it;
 * that page is {@code PG_swapcache} with the slot in {@code page_private}, and every {@code PG_swapcache}
 * page caches the slot it names. (mm/swapfile.c {@code swap_duplicate()}, {@code swap_free()},
 * {@code swapcache_prepare()}, {@code swapcache_free()}; mm/swap_state.c {@code add_to_swap_cache()}.)
 *
 * <p>The swap PTEs are counted only when no PTE lock is held: under one, a PTE may be between two actions
 * of a critical section ({@code do_swap_page} maps the page, then {@code swap_free}s the slot; {@code
 * zap_pte_range} frees the slot, then clears the PTE).
 *
 * <p>A slot is in transit — claimed for the swap cache but its page not yet inserted, or its page deleted
 * but the claim not yet dropped — while a thread stands between those actions with the slot in its frame
 * ({@link #TRANSIT}); its cache claim and its page's {@code PG_swapcache} need not agree then.
 */
final class SwapAccounting {

    /**
     * Where a thread holds a slot in transit: procedure, the point its frame resumes at, the local holding
     * the slot (or the swap PTE, {@code pte}).
     */
    private static final List<Transit> TRANSIT = List.of(
            new Transit("shrink_page_list", "add_to_swap_cache", 4, false),
            new Transit("shrink_page_list", "add_to_swap_cache:radix_tree_insert", 4, false),
            new Transit("shrink_page_list", "swapcache_free", 4, false),
            new Transit("delete_from_swap_cache", "swapcache_free", 1, false),
            new Transit("do_swap_page", "__add_to_swap_cache", 4, true),
            // issue 10: shmem writeout and swapoff's read_swap_cache_async claim a slot before inserting the page
            new Transit("shrink_page_list", "shmem_writepage:add_to_swap_cache", 4, false),
            new Transit("shrink_page_list", "shmem_writepage:radix_tree_insert", 4, false),
            new Transit("swapoff", "__add_to_swap_cache", 2, false),
            new Transit("filemap_fault", "shmem_swapin:__add_to_swap_cache", 3, false));

    /**
     * Where a thread holds a slot whose count includes a reference not (or no longer) installed: {@code
     * shmem_writepage()}'s {@code swap_shmem_alloc()}, before {@code shmem_delete_from_page_cache()} puts
     * the entry in the page cache; {@code shmem_getpage()}'s swap-in, from replacing the entry by the page
     * to {@code swap_free()} (issue 10).
     */
    private static final List<Transit> COUNT_TRANSIT = List.of(
            new Transit("shrink_page_list", "shmem_delete_from_page_cache", 4, false),
            new Transit("filemap_fault", "shmem_getpage:delete_from_swap_cache", 3, false),
            new Transit("filemap_fault", "delete_from_swap_cache:done", 3, false),
            new Transit("filemap_fault", "set_page_dirty", 3, false),
            new Transit("filemap_fault", "swap_free", 3, false));

    private record Transit(String procedure, String point, int local, boolean pte) {
    }

    private int[] ptes = new int[0];

    /** The first slot or swap-cache page whose accounting is off, or null. */
    Witness check(MmView v) {
        int slots = v.config().nrSwapSlots();
        Witness w = checkSwapCachePages(v);
        if (w != null || slots == 0) {
            return w;
        }
        boolean quiescent = !v.anyPtlHeld();
        if (quiescent) {
            countSwapPtes(v, slots);
        }
        for (int offset = 1; offset <= slots; offset++) {
            String problem = problem(v, offset, quiescent ? ptes[offset] : -1);
            if (problem != null) {
                return Witness.of(Names.swapSlot(offset) + ": " + problem, Names.swapSlot(offset));
            }
        }
        return null;
    }

    /**
     * What is wrong with one slot's accounting, or null; {@code swapPtes} is -1 when the PTEs were not
     * counted. Whether a thread holds the slot in transit (which reads every thread's stack) is asked only
     * when a check fails: a slot in transit for counting is not counted, one in transit for the cache is
     * exempt from the cache checks.
     */
    private static String problem(MmView v, int offset, int swapPtes) {
        int map = v.swapMap(offset);
        int page = v.swapCachePage(offset);
        if (swapPtes >= 0 && (map & ~KernelConstants.SWAP_HAS_CACHE) != swapPtes
                && !inTransit(v, offset, COUNT_TRANSIT)) {
            return "swap_map counts " + (map & ~KernelConstants.SWAP_HAS_CACHE) + " references, " + swapPtes
                    + " swap PTEs and shmem page-cache entries hold it";
        }
        boolean hasCache = (map & KernelConstants.SWAP_HAS_CACHE) != 0;
        boolean cacheOff = hasCache != page >= 0 || page >= 0 && (!Scan.validPfn(v, page)
                || !v.pageFlag(page, PageFlag.SWAPCACHE) || v.pagePrivate(page) != offset);
        if (!cacheOff || inTransit(v, offset)) {
            return null;
        }
        if (hasCache != page >= 0) {
            return hasCache ? "SWAP_HAS_CACHE but no swap-cache page"
                    : "swap-cache " + Names.pfn(page) + " caches it without SWAP_HAS_CACHE";
        }
        return "its swap-cache page " + page + " is not PG_swapcache for this slot";
    }

    private static Witness checkSwapCachePages(MmView v) {
        int pages = v.config().nrPages();
        for (int pfn = 0; pfn < pages; pfn++) {
            if (!v.pageFlag(pfn, PageFlag.SWAPCACHE)) {
                continue;
            }
            int offset = v.pagePrivate(pfn);
            if (!Scan.validSwapOffset(v, offset) || v.swapCachePage(offset) != pfn && !inTransit(v, offset)) {
                return Witness.of(Names.pfn(pfn) + ": PG_swapcache for slot " + offset + ", which it does not cache",
                        Names.pfn(pfn));
            }
        }
        return null;
    }

    /** Whether some thread holds slot {@code offset} in transit. */
    private static boolean inTransit(MmView v, int offset) {
        return inTransit(v, offset, TRANSIT);
    }

    private static boolean inTransit(MmView v, int offset, List<Transit> points) {
        for (int tid = 0; tid < v.config().nrThreads(); tid++) {
            for (MmView.FrameInfo f : v.frames(tid)) {
                for (Transit t : points) {
                    if (t.procedure().equals(f.procedure()) && t.point().equals(f.point())
                            && (t.pte() ? Pte.swpOffset(f.locals()[t.local()]) : f.locals()[t.local()]) == offset) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void countSwapPtes(MmView v, int slots) {
        if (ptes.length < slots + 1) {
            ptes = new int[slots + 1];
        } else {
            Arrays.fill(ptes, 0, slots + 1, 0);
        }
        for (int file = 0; file < v.config().nrFiles(); file++) {
            if (!v.fileExists(file)) {
                continue;
            }
            for (int index = 0; index < v.config().filePages(); index++) {
                int entry = v.pageCacheSwapEntry(file, index);
                if (Scan.validSwapOffset(v, entry)) {
                    ptes[entry]++;
                }
            }
        }
        int taskSize = v.geometry().taskSize;
        for (int mm = 1; mm <= v.config().nrUserMms(); mm++) {
            if (!v.mmInUse(mm)) {
                continue;
            }
            for (int addr = 0; addr < taskSize; addr += Geometry.PAGE_SIZE) {
                int pte = v.pte(mm, addr);
                if (Pte.isSwapPte(pte) && Scan.validSwapOffset(v, Pte.swpOffset(pte))) {
                    ptes[Pte.swpOffset(pte)]++;
                }
            }
        }
    }
}
