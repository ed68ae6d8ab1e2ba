package org.mmspec.invariants;

import org.mmspec.ref.mem.Mapping;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.view.MmView;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.Witness;

/**
 * {@code buddy_well_formed}: every block on {@code free_area[order]} of a zone is headed by a
 * {@code PageBuddy} page whose {@code page_private} is that order, is aligned to its order and lies inside
 * the zone, has {@code page_count} 0, and none of its pages is otherwise in use (no map count, mapping,
 * or flag that {@code free_pages_check()} forbids; no other block's head inside it, so blocks are
 * disjoint); every {@code PageBuddy} page is on a free list; list links and {@code nr_free} agree; and no
 * two free buddies of the same order are left unmerged.
 *
 * <p>Kernel: mm/page_alloc.c {@code __free_one_page()} (merges while {@code page_is_buddy()}),
 * {@code expand()}, {@code __rmqueue_smallest()}, {@code free_pages_check()}/{@code bad_page()};
 * include/linux/mmzone.h {@code struct free_area}; include/linux/page-flags.h {@code PageBuddy}
 * ({@code PAGE_BUDDY_MAPCOUNT_VALUE} in {@code _mapcount}, Linux 4.x).
 */
public final class BuddyWellFormed implements Invariant<MmView> {

    public static final String ID = "buddy_well_formed";

    /** Flags a free page must not carry ({@code PAGE_FLAGS_CHECK_AT_FREE} and the wait bit). */
    private static final int IN_USE_FLAGS = PageFlag.CHECK_AT_FREE | PageFlag.WAITERS.mask();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "free blocks are PageBuddy heads of their list's order, aligned, inside their zone, disjoint and not"
                + " in use; nr_free matches the lists; no two free buddies of equal order are left unmerged";
    }

    @Override
    public Witness check(MmView v) {
        for (int zone = 0; zone < v.config().nrZones(); zone++) {
            int heads = 0;
            for (int order = 0; order < v.config().maxOrder(); order++) {
                Witness w = checkList(v, zone, order);
                if (w != null) {
                    return w;
                }
                heads += v.nrFree(zone, order);
            }
            int buddies = 0;
            for (int pfn = v.zoneStartPfn(zone); pfn < v.zoneEndPfn(zone); pfn++) {
                if (v.pageBuddy(pfn)) {
                    buddies++;
                }
            }
            if (buddies != heads) {
                return strayBuddy(v, zone);
            }
        }
        return null;
    }

    private static Witness checkList(MmView v, int zone, int order) {
        int start = v.zoneStartPfn(zone);
        int end = v.zoneEndPfn(zone);
        int prev = -1;
        int n = 0;
        for (int pfn = v.freeListFirst(zone, order); pfn >= 0; pfn = v.listNext(pfn)) {
            if (n >= end - start) {
                return listWitness(zone, order, ": the links do not end (a cycle) after " + n + " blocks");
            }
            if (pfn < start || pfn >= end) {
                return listWitness(zone, order, " links to pfn " + pfn + ", outside the zone");
            }
            if (v.listPrev(pfn) != prev) {
                return blockWitness(zone, order, pfn, "page->lru.prev is " + v.listPrev(pfn) + ", not " + prev);
            }
            Witness w = checkBlock(v, zone, order, pfn);
            if (w != null) {
                return w;
            }
            prev = pfn;
            n++;
        }
        if (v.freeListLast(zone, order) != prev) {
            return listWitness(zone, order, ": its head's last block is " + v.freeListLast(zone, order)
                    + ", the links end at " + prev);
        }
        if (n != v.nrFree(zone, order)) {
            return listWitness(zone, order, ": nr_free " + v.nrFree(zone, order) + ", its list holds " + n + " blocks");
        }
        return null;
    }

    /** One block on {@code free_area[order]}: the head, every page in it, and its buddy. */
    private static Witness checkBlock(MmView v, int zone, int order, int pfn) {
        int size = 1 << order;
        if (!v.pageBuddy(pfn)) {
            return blockWitness(zone, order, pfn, "not PageBuddy (_mapcount " + v.rawMapcount(pfn) + ")");
        }
        if (v.pagePrivate(pfn) != order) {
            return blockWitness(zone, order, pfn, "page_private says order " + v.pagePrivate(pfn));
        }
        if ((pfn & (size - 1)) != 0) {
            return blockWitness(zone, order, pfn, "not aligned to order " + order);
        }
        if (pfn + size > v.zoneEndPfn(zone)) {
            return blockWitness(zone, order, pfn, "the block runs past the end of " + Names.zone(zone));
        }
        for (int page = pfn; page < pfn + size; page++) {
            String problem = inUse(v, page, page == pfn);
            if (problem != null) {
                String what = page == pfn ? problem : Names.pfn(page) + " inside the block " + problem;
                return Witness.of(Names.pfn(pfn) + " on " + Names.freeArea(zone, order) + ": " + what,
                        Names.pfn(pfn), Names.pfn(page));
            }
        }
        int buddy = pfn ^ size;
        if (order < v.config().maxOrder() - 1 && buddy < v.zoneEndPfn(zone) && buddy >= v.zoneStartPfn(zone)
                && v.pageBuddy(buddy) && v.pagePrivate(buddy) == order) {
            return Witness.of(Names.pfn(pfn) + " and " + Names.pfn(buddy) + ": free buddies of order " + order
                    + " left unmerged", Names.pfn(Math.min(pfn, buddy)), Names.pfn(Math.max(pfn, buddy)));
        }
        return null;
    }

    /** Why a page of a free block is in use, or null. */
    private static String inUse(MmView v, int page, boolean head) {
        if (!head && v.rawMapcount(page) != -1) {
            return v.pageBuddy(page) ? "heads another free block (free blocks overlap)"
                    : "has _mapcount " + v.rawMapcount(page);
        }
        if (v.pageCount(page) != 0) {
            return "has page_count " + v.pageCount(page);
        }
        if (v.mapping(page) != Mapping.NULL) {
            return "has mapping " + Mapping.describe(v.mapping(page));
        }
        if ((v.flags(page) & IN_USE_FLAGS) != 0) {
            return "has flags " + PageFlag.describe(v.flags(page) & IN_USE_FLAGS);
        }
        return null;
    }

    /** The lists are well formed but a PageBuddy page is on none of them. */
    private static Witness strayBuddy(MmView v, int zone) {
        for (int pfn = v.zoneStartPfn(zone); pfn < v.zoneEndPfn(zone); pfn++) {
            if (v.pageBuddy(pfn) && !onList(v, zone, v.pagePrivate(pfn), pfn)) {
                return Witness.of(Names.pfn(pfn) + " is PageBuddy (order " + v.pagePrivate(pfn)
                        + ") but on no free list of " + Names.zone(zone), Names.pfn(pfn));
            }
        }
        throw new IllegalStateException("buddy_well_formed: counts differ but no page explains it in zone " + zone);
    }

    private static boolean onList(MmView v, int zone, int order, int pfn) {
        if (order < 0 || order >= v.config().maxOrder()) {
            return false;
        }
        for (int p = v.freeListFirst(zone, order); p >= 0; p = v.listNext(p)) {
            if (p == pfn) {
                return true;
            }
        }
        return false;
    }

    private static Witness listWitness(int zone, int order, String problem) {
        String list = Names.freeArea(zone, order);
        return Witness.of(list + problem, list);
    }

    private static Witness blockWitness(int zone, int order, int pfn, String problem) {
        String list = Names.freeArea(zone, order);
        return Witness.of(Names.pfn(pfn) + " on " + list + ": " + problem, Names.pfn(pfn), list);
    }
}
