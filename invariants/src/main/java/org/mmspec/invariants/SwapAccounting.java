package org.mmspec.invariants;

import java.util.Arrays;
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
 */
final class SwapAccounting {

    private int[] ptes = new int[0];

    /** The first slot or swap-cache page whose accounting is off, or null. */
    Witness check(MmView v) {
        int slots = v.config().nrSwapSlots();
        Witness w = checkSwapCachePages(v);
        if (w != null || slots == 0) {
            return w;
        }
        countSwapPtes(v, slots);
        for (int offset = 1; offset <= slots; offset++) {
            String problem = problem(v, offset, ptes[offset]);
            if (problem != null) {
                return Witness.of(Names.swapSlot(offset) + ": " + problem, Names.swapSlot(offset));
            }
        }
        return null;
    }

    /** What is wrong with one slot's accounting, or null. */
    private static String problem(MmView v, int offset, int swapPtes) {
        int map = v.swapMap(offset);
        int page = v.swapCachePage(offset);
        if ((map & ~KernelConstants.SWAP_HAS_CACHE) != swapPtes) {
            return "swap_map counts " + (map & ~KernelConstants.SWAP_HAS_CACHE) + " references, " + swapPtes
                    + " swap PTEs and shmem page-cache entries hold it";
        }
        boolean hasCache = (map & KernelConstants.SWAP_HAS_CACHE) != 0;
        if (hasCache != page >= 0) {
            return hasCache ? "SWAP_HAS_CACHE but no swap-cache page"
                    : "swap-cache " + Names.pfn(page) + " caches it without SWAP_HAS_CACHE";
        }
        if (page >= 0 && (!Scan.validPfn(v, page) || !v.pageFlag(page, PageFlag.SWAPCACHE)
                || v.pagePrivate(page) != offset)) {
            return "its swap-cache page " + page + " is not PG_swapcache for this slot";
        }
        return null;
    }

    private static Witness checkSwapCachePages(MmView v) {
        int pages = v.config().nrPages();
        for (int pfn = 0; pfn < pages; pfn++) {
            if (!v.pageFlag(pfn, PageFlag.SWAPCACHE)) {
                continue;
            }
            int offset = v.pagePrivate(pfn);
            if (!Scan.validSwapOffset(v, offset) || v.swapCachePage(offset) != pfn) {
                return Witness.of(Names.pfn(pfn) + ": PG_swapcache for slot " + offset + ", which it does not cache",
                        Names.pfn(pfn));
            }
        }
        return null;
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
