package org.mmspec.invariants;

import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.view.KernelConstants;
import org.mmspec.ref.view.MmView;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.Witness;

/**
 * {@code lru_consistent}: {@code PG_lru} is set exactly on the pages that are on one of their zone's LRU
 * lists, each on exactly one; a listed page is on the list {@code page_lru()} names for it
 * ({@code PG_unevictable} iff the unevictable list; otherwise {@code PG_active} iff an active list,
 * {@code PG_swapbacked} iff an anon list); each list's links are well formed (back links, last element)
 * and its length matches the count in its head. An mlocked page may be on an evictable list for a while:
 * 4.9 culls lazily ({@code mlock_vma_page()} sets {@code PG_mlocked} before it isolates the page, and a
 * page another isolator holds goes back where that isolator puts it; {@code shrink_page_list()} moves an
 * unevictable page it meets to the unevictable list — Documentation/vm/unevictable-lru.txt).
 *
 * <p>Kernel: include/linux/mm_inline.h {@code page_lru()}, {@code add_page_to_lru_list()},
 * {@code del_page_from_lru_list()} (which finds the list through {@code page_lru()}: a page on another
 * list corrupts both); mm/vmscan.c {@code __isolate_lru_page()} and {@code isolate_lru_page()}
 * ({@code PageLRU} says the page may be taken off a list), mm/swap.c {@code __page_cache_release()}.
 * Isolated pages have {@code PG_lru} clear and are on no list.
 */
public final class LruConsistent implements Invariant<MmView> {

    public static final String ID = "lru_consistent";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "PG_lru iff the page is on exactly one LRU list; that list is the one page_lru() names (PG_unevictable"
                + " iff the unevictable list, PG_active iff an active list); list links and counts agree";
    }

    @Override
    public Witness check(MmView v) {
        for (int zone = 0; zone < v.config().nrZones(); zone++) {
            int listed = 0;
            for (int lru = KernelConstants.LRU_INACTIVE_ANON; lru <= KernelConstants.LRU_UNEVICTABLE; lru++) {
                Witness w = checkList(v, zone, lru);
                if (w != null) {
                    return w;
                }
                listed += v.lruCount(zone, lru);
            }
            int flagged = 0;
            for (int pfn = v.zoneStartPfn(zone); pfn < v.zoneEndPfn(zone); pfn++) {
                if (v.pageFlag(pfn, PageFlag.LRU)) {
                    flagged++;
                }
            }
            if (flagged != listed) {
                return membershipWitness(v, zone);
            }
        }
        return null;
    }

    /** Walks one list and checks every page on it; null when the list is well formed. */
    private static Witness checkList(MmView v, int zone, int lru) {
        int limit = v.zoneEndPfn(zone) - v.zoneStartPfn(zone);
        boolean active = lru == KernelConstants.LRU_ACTIVE_ANON || lru == KernelConstants.LRU_ACTIVE_FILE;
        boolean anon = lru == KernelConstants.LRU_INACTIVE_ANON || lru == KernelConstants.LRU_ACTIVE_ANON;
        int prev = -1;
        int n = 0;
        for (int pfn = v.lruFirst(zone, lru); pfn >= 0; pfn = v.listNext(pfn)) {
            if (n >= limit) {
                return listWitness(zone, lru, ": the links do not end (a cycle) after " + n + " pages");
            }
            if (!Scan.validPfn(v, pfn) || v.zoneOf(pfn) != zone) {
                return listWitness(zone, lru, " links to pfn " + pfn + ", outside the zone");
            }
            Witness w = checkPage(v, zone, lru, pfn, prev, active, anon);
            if (w != null) {
                return w;
            }
            prev = pfn;
            n++;
        }
        if (v.lruLast(zone, lru) != prev) {
            return listWitness(zone, lru, ": its head's last page is " + v.lruLast(zone, lru)
                    + ", the links end at " + prev);
        }
        if (n != v.lruCount(zone, lru)) {
            return listWitness(zone, lru, " counts " + v.lruCount(zone, lru) + " pages, its links hold " + n);
        }
        return null;
    }

    private static Witness checkPage(MmView v, int zone, int lru, int pfn, int prev, boolean active, boolean anon) {
        String problem = null;
        if (v.listPrev(pfn) != prev) {
            problem = "page->lru.prev is " + v.listPrev(pfn) + ", not " + prev;
        } else if (!v.pageFlag(pfn, PageFlag.LRU)) {
            problem = "is there without PG_lru";
        } else if (v.pageFlag(pfn, PageFlag.UNEVICTABLE) != (lru == KernelConstants.LRU_UNEVICTABLE)) {
            problem = lru == KernelConstants.LRU_UNEVICTABLE ? "is there without PG_unevictable"
                    : "is there with PG_unevictable";
        } else if (v.pageFlag(pfn, PageFlag.ACTIVE) != active) {
            problem = active ? "is there without PG_active" : "is there with PG_active";
        } else if (lru != KernelConstants.LRU_UNEVICTABLE && v.pageFlag(pfn, PageFlag.SWAPBACKED) != anon) {
            problem = (anon ? "is there without PG_swapbacked" : "is there with PG_swapbacked")
                    + ", so page_lru() names another list";
        }
        if (problem == null) {
            return null;
        }
        String list = Names.lruList(zone, lru);
        return Witness.of(Names.pfn(pfn) + " on " + list + ": " + problem, Names.pfn(pfn), list);
    }

    private static Witness listWitness(int zone, int lru, String problem) {
        String list = Names.lruList(zone, lru);
        return Witness.of(list + problem, list);
    }

    /**
     * Every list is well formed and every listed page is PG_lru (so no page is on two lists: each list
     * wants a different PG_active/PG_swapbacked), yet more pages carry PG_lru than the lists hold.
     */
    private static Witness membershipWitness(MmView v, int zone) {
        int start = v.zoneStartPfn(zone);
        boolean[] listed = new boolean[v.zoneEndPfn(zone) - start];
        for (int lru = KernelConstants.LRU_INACTIVE_ANON; lru <= KernelConstants.LRU_UNEVICTABLE; lru++) {
            for (int pfn = v.lruFirst(zone, lru); pfn >= 0; pfn = v.listNext(pfn)) {
                listed[pfn - start] = true;
            }
        }
        for (int pfn = start; pfn < v.zoneEndPfn(zone); pfn++) {
            if (v.pageFlag(pfn, PageFlag.LRU) && !listed[pfn - start]) {
                return Witness.of(Names.pfn(pfn) + " has PG_lru but is on no LRU list of " + Names.zone(zone),
                        Names.pfn(pfn));
            }
        }
        throw new IllegalStateException("lru_consistent: counts differ but no page explains it in zone " + zone);
    }
}
