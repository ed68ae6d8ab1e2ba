package org.mmspec.invariants;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmspec.invariants.Machines.assertHolds;
import static org.mmspec.invariants.Machines.assertViolated;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.proc.FileWrite;
import org.mmspec.ref.state.Layout;

class LruConsistentTest {

    private final LruConsistent inv = new LruConsistent();

    /** Anon and page-cache pages, after a reclaim pass that deactivated, swapped and wrote back some. */
    private static Kernel machine(boolean reclaim) {
        Kernel k = Machines.boot();
        int file = Machines.file(k, 10, 11);
        int mm = k.mms().mmAlloc();
        int addr = Machines.anon(k, mm, 3);
        for (int i = 0; i < 3; i++) {
            Machines.store(k, mm, addr + i * Machines.PAGE, 7 + i);
        }
        Machines.returned(k.run(FileWrite.class, file, 0, 99));
        Machines.returned(k.run(FileWrite.class, file, 1, 98));
        if (reclaim) {
            Machines.reclaim(k, 1);
        }
        return k;
    }

    private static int firstOn(Kernel k, int lru) {
        return k.lists().first(k.lru().head(0, lru));
    }

    private static void flip(Kernel k, int pfn, PageFlag f) {
        k.mem().set(k.layout().page(pfn, Layout.PG_FLAGS), k.pages().flags(pfn) ^ f.mask());
    }

    @Test
    void holdsOnFreshAndReclaimedLists() {
        assertHolds(inv, machine(false));
        assertHolds(inv, machine(true));
    }

    @Test
    void catchesAListedPageWithoutPgLru() {
        Kernel k = machine(false);
        int pfn = firstOn(k, Lru.LRU_ACTIVE_ANON);
        flip(k, pfn, PageFlag.LRU);
        assertViolated(inv, k, Names.pfn(pfn));
    }

    @Test
    void catchesPgActiveOnAnInactiveList() {
        Kernel k = machine(false);
        int pfn = firstOn(k, Lru.LRU_INACTIVE_FILE);
        flip(k, pfn, PageFlag.ACTIVE);
        assertViolated(inv, k, Names.pfn(pfn));
    }

    @Test
    void catchesAPageOnTheListPageLruDoesNotName() {
        Kernel k = machine(false);
        int pfn = firstOn(k, Lru.LRU_INACTIVE_FILE);
        flip(k, pfn, PageFlag.SWAPBACKED);
        assertViolated(inv, k, Names.pfn(pfn));
    }

    @Test
    void catchesPgLruOffEveryList() {
        Kernel k = machine(false);
        int pfn = Machines.freePfn(k);
        flip(k, pfn, PageFlag.LRU);
        assertViolated(inv, k, Names.pfn(pfn));
    }

    @Test
    void catchesACountThatDisagreesWithTheLinks() {
        Kernel k = machine(false);
        k.mem().add(k.layout().lru(0, Lru.LRU_ACTIVE_ANON, Layout.LIST_COUNT), 1);
        assertViolated(inv, k, Names.lruList(0, Lru.LRU_ACTIVE_ANON));
    }

    @Test
    void catchesABrokenBackLink() {
        Kernel k = machine(false);
        int first = firstOn(k, Lru.LRU_ACTIVE_ANON);
        int second = k.lists().next(first);
        Machines.setPage(k, second, Layout.PG_LRU_PREV, 0);
        assertViolated(inv, k, Names.pfn(second));
    }

    @Test
    void holdsWithAnMlockedPageOnAnEvictableList() {
        // 4.9 culls lazily: mlock_vma_page sets PG_mlocked before it isolates the page, and a page another
        // isolator holds (shrink_active_list past its page_evictable check) goes back to an evictable list;
        // reclaim moves it to the unevictable list when it finds it.
        Kernel k = machine(false);
        int pfn = firstOn(k, Lru.LRU_INACTIVE_FILE);
        flip(k, pfn, PageFlag.MLOCKED);
        assertHolds(inv, k);
    }

    @Test
    void catchesPgUnevictableOffTheUnevictableList() {
        Kernel k = machine(false);
        int pfn = firstOn(k, Lru.LRU_ACTIVE_ANON);
        flip(k, pfn, PageFlag.UNEVICTABLE);
        assertViolated(inv, k, Names.pfn(pfn));
    }

    @Test
    void holdsWithMlockedPagesOnTheUnevictableList() {
        Kernel k = machine(false);
        int mm = k.mms().mmAlloc();
        int addr = Machines.anon(k, mm, 2);
        Machines.returned(k.run(org.mmspec.ref.mlock.Mlock.class, mm, addr, 2 * Machines.PAGE));
        assertTrue(k.lists().count(k.lru().head(0, Lru.LRU_UNEVICTABLE)) == 2);
        Machines.reclaim(k, 2);
        assertHolds(inv, k);
    }
}
