package org.mmspec.invariants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mmspec.invariants.Machines.assertHolds;
import static org.mmspec.invariants.Machines.assertViolated;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.alloc.AllocPages;
import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.state.Layout;

class BuddyWellFormedTest {

    private final BuddyWellFormed inv = new BuddyWellFormed();

    private static int alloc(Kernel k, int order) {
        return Machines.returned(k.run(AllocPages.class, Gfp.GFP_KERNEL, order));
    }

    /** The head of a free block of {@code order}. */
    private static int freeBlock(Kernel k, int order) {
        int pfn = k.lists().first(k.buddy().freeArea(0, order));
        assertEquals(true, pfn >= 0, "no free block of order " + order);
        return pfn;
    }

    @Test
    void holdsAfterSplitsAndMerges() {
        Kernel k = Machines.boot();
        assertHolds(inv, k);
        int a = alloc(k, 0);
        int b = alloc(k, 2);
        int c = alloc(k, 1);
        assertHolds(inv, k);
        k.freePath().freePagesBlock(b, 2);
        k.freePath().freePagesBlock(a, 0);
        assertHolds(inv, k);
        k.freePath().freePagesBlock(c, 1);
        assertHolds(inv, k);
    }

    @Test
    void catchesBuddiesLeftUnmerged() {
        Kernel k = Machines.boot();
        int block = freeBlock(k, 1);
        k.lists().remove(k.buddy().freeArea(0, 1), block);
        for (int pfn = block; pfn < block + 2; pfn++) {
            Machines.setPage(k, pfn, Layout.PG_PRIVATE, 0);
            Machines.setPage(k, pfn, Layout.PG_MAPCOUNT, Pages.PAGE_BUDDY_MAPCOUNT_VALUE);
            k.lists().addTail(k.buddy().freeArea(0, 0), pfn);
        }
        assertViolated(inv, k, Names.pfn(block + 1));
    }

    @Test
    void catchesAListedHeadThatIsNotPageBuddy() {
        Kernel k = Machines.boot();
        int block = freeBlock(k, 2);
        Machines.setPage(k, block, Layout.PG_MAPCOUNT, -1);
        assertViolated(inv, k, Names.pfn(block));
    }

    @Test
    void catchesAHeadWhoseOrderIsNotItsLists() {
        Kernel k = Machines.boot();
        int block = freeBlock(k, 2);
        Machines.setPage(k, block, Layout.PG_PRIVATE, 1);
        assertViolated(inv, k, Names.freeArea(0, 2));
    }

    @Test
    void catchesAFreePageStillInUse() {
        Kernel k = Machines.boot();
        int block = freeBlock(k, 2);
        Machines.setPage(k, block + 3, Layout.PG_FLAGS, PageFlag.LRU.mask());
        assertViolated(inv, k, Names.pfn(block + 3));
    }

    @Test
    void catchesOverlappingFreeBlocks() {
        Kernel k = Machines.boot();
        int block = freeBlock(k, 2);
        Machines.setPage(k, block + 2, Layout.PG_MAPCOUNT, Pages.PAGE_BUDDY_MAPCOUNT_VALUE);
        assertViolated(inv, k, Names.pfn(block + 2));
    }

    @Test
    void catchesAWrongNrFree() {
        Kernel k = Machines.boot();
        k.mem().add(k.layout().freeArea(0, 3, Layout.LIST_COUNT), 1);
        assertViolated(inv, k, Names.freeArea(0, 3));
    }

    @Test
    void catchesAPageBuddyOnNoFreeList() {
        Kernel k = Machines.boot();
        int pfn = alloc(k, 0);
        Machines.setPage(k, pfn, Layout.PG_REFCOUNT, 0);
        Machines.setPage(k, pfn, Layout.PG_MAPCOUNT, Pages.PAGE_BUDDY_MAPCOUNT_VALUE);
        assertViolated(inv, k, Names.pfn(pfn));
    }
}
