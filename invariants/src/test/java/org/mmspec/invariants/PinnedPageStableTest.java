package org.mmspec.invariants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mmspec.invariants.Machines.assertHolds;
import static org.mmspec.invariants.Machines.assertViolated;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.gup.AccessRemoteVm;
import org.mmspec.ref.gup.Foll;
import org.mmspec.ref.gup.GetUserPages;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.unmap.Munmap;

class PinnedPageStableTest {

    private final PinnedPageStable inv = new PinnedPageStable();

    private int mm;
    private int addr;

    /** get_user_pages(FOLL_GET) holds an anon page; then the mapping is unmapped under it. */
    private Kernel pinnedAndUnmapped() {
        Kernel k = Machines.boot();
        mm = k.mms().mmAlloc();
        addr = Machines.anon(k, mm, 1);
        Machines.store(k, mm, addr, 7);
        int pfn = Machines.returned(k.run(GetUserPages.class, mm, addr, Foll.FOLL_GET | Foll.FOLL_TOUCH));
        assertEquals(Machines.pfnAt(k, mm, addr), pfn);
        assertHolds(inv, k);
        Machines.returned(k.run(Munmap.class, mm, addr, Machines.PAGE));
        return k;
    }

    private static int pinned(Kernel k) {
        for (int pfn = 0; pfn < k.config().nrPages(); pfn++) {
            if (k.mem().get(k.layout().page(pfn, Layout.PG_PINS)) > 0) {
                return pfn;
            }
        }
        throw new AssertionError("no pinned page");
    }

    @Test
    void holdsWhileAPinnedPageOutlivesItsMapping() {
        Kernel k = pinnedAndUnmapped();
        int pfn = pinned(k);
        assertEquals(1, k.pages().pageCount(pfn));
        assertHolds(inv, k);
    }

    @Test
    void holdsAcrossProcPidMemAccesses() {
        Kernel k = Machines.boot();
        int m = k.mms().mmAlloc();
        int a = Machines.anon(k, m, 1);
        Machines.returned(k.run(AccessRemoteVm.class, m, a, 5, 1));
        assertEquals(5, Machines.returned(k.run(AccessRemoteVm.class, m, a, 0, 0)));
        assertHolds(inv, k);
    }

    @Test
    void catchesAPinnedPageFreedByAnotherPutPage() {
        Kernel k = pinnedAndUnmapped();
        int pfn = pinned(k);
        k.lru().putPage(pfn);
        assertViolated(inv, k, Names.pfn(pfn));
    }

    @Test
    void catchesFewerReferencesThanPins() {
        Kernel k = pinnedAndUnmapped();
        int pfn = pinned(k);
        Machines.setPage(k, pfn, Layout.PG_PINS, 2);
        assertViolated(inv, k, Names.pfn(pfn));
    }
}
