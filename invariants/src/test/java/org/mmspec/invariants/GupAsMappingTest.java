package org.mmspec.invariants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmspec.invariants.Machines.assertHolds;
import static org.mmspec.invariants.Machines.assertViolated;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.bio.Bios;
import org.mmspec.ref.fork.Fork;
import org.mmspec.ref.io.DirectIo;
import org.mmspec.ref.io.IoCompletion;
import org.mmspec.ref.io.Vmsplice;
import org.mmspec.ref.pin.GupPins;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.unmap.MadviseFree;
import org.mmspec.ref.unmap.Munmap;
import org.mmspec.ref.vma.Mms;
import org.mmspec.spec.semantics.Witness;

/**
 * A {@code get_user_pages()} reference is a user-visible mapping: {@code cow_isolation} counts other
 * processes' references to a page as sharers of it, and {@code dirty_not_lost} counts what a device writes
 * through a reference as the pinning process's data at that address, however the page left its page
 * tables — unless the process discarded the range.
 */
class GupAsMappingTest {

    private static final int DIO = 0;
    private static final int FORK = 1;
    private static final int IO = 2;

    private final CowIsolation cow = new CowIsolation();
    private final DirtyNotLost dirty = new DirtyNotLost();
    private final Kernel k = Machines.boot();
    private final int mm = k.mms().mmAlloc();
    private final int a = Machines.anon(k, mm, 1);

    /** A direct-I/O read into the page at {@code a}, in flight while fork runs; then the device writes. */
    private int dioReadAcrossFork(int mode) {
        Machines.store(k, mm, a, 5);
        int page = Machines.pfnAt(k, mm, a);
        int f = Machines.file(k, 42);
        k.spawn(DIO, DirectIo.class, mm, a, Bios.fileBlock(f, 0), mode);
        Machines.stepUntilStuck(k, DIO);
        k.spawn(FORK, Fork.class, mm, 0, 0, 0);
        Machines.stepUntilStuck(k, FORK);
        k.spawn(IO, IoCompletion.class, 0, 0, 0, 0);
        for (int i = 0; i < 10 && k.pages().data(page) != 42; i++) {
            k.executor().step(IO);
        }
        assertEquals(42, k.pages().data(page), "the device wrote the page");
        return page;
    }

    @Test
    void catchesAFollGetDirectIoReadLandingInAPageForkSharedWithTheChild() {
        int page = dioReadAcrossFork(0);
        assertEquals(page, Machines.pfnAt(k, 2, a), "fork did not see the FOLL_GET reference and shared the page");
        Machines.assertViolated(cow, k, Names.pfn(page));
    }

    @Test
    void holdsForAFollPinDirectIoReadAcrossFork() {
        int page = dioReadAcrossFork(DirectIo.PIN);
        assertNotEquals(page, Machines.pfnAt(k, 2, a), "fork copied the pinned page for the child");
        assertHolds(cow, k);
        assertHolds(dirty, k);
    }

    @Test
    void catchesAWriteToAPageAnotherProcessStillReadsThroughAPipe() {
        Machines.store(k, mm, a, 7);
        int child = Machines.fork(k, mm);
        int page = Machines.pfnAt(k, mm, a);
        assertEquals(0, Machines.returned(k.run(Vmsplice.class, child, a, 0)));
        assertEquals(0, Machines.returned(k.run(Munmap.class, child, a, Machines.PAGE)));
        Machines.store(k, mm, a, 8);
        assertEquals(page, Machines.pfnAt(k, mm, a), "4.x do_wp_page reused the page: only one PTE maps it");
        Witness w = assertViolated(cow, k, Names.pfn(page));
        assertTrue(w.summary().contains("get_user_pages() reference of mm2"), w.summary());
    }

    @Test
    void holdsForAWriteToAPageOnlyTheWritersOwnPipeBufferHolds() {
        Machines.store(k, mm, a, 7);
        assertEquals(0, Machines.returned(k.run(Vmsplice.class, mm, a, 0)));
        Machines.store(k, mm, a, 8);
        assertHolds(cow, k);
    }

    @Test
    void catchesDataADeviceWroteThroughAReferenceToAPageTheAddressNoLongerReaches() {
        Machines.store(k, mm, a, 5);
        int page = Machines.pfnAt(k, mm, a);
        k.gupPins().grab(page, false);
        k.gupPins().hold(0, page, GupPins.DIO | GupPins.WRITES_PAGE, mm, a);
        Machines.setPte(k, mm, a, 0);
        k.rmap().pageRemoveRmap(page);
        k.gupPins().wroteThrough(0, 42, 0);
        assertHolds(cow, k);
        Witness w = assertViolated(dirty, k, Names.pte(mm, a));
        assertTrue(w.summary().contains("last stored 42"), w.summary());
    }

    @Test
    void holdsForAWriteThroughAReferenceToARangeTheProcessDiscarded() {
        Machines.store(k, mm, a, 5);
        int page = Machines.pfnAt(k, mm, a);
        k.gupPins().grab(page, false);
        k.gupPins().hold(0, page, GupPins.DIO | GupPins.WRITES_PAGE, mm, a);
        assertEquals(0, Machines.returned(k.run(Munmap.class, mm, a, Machines.PAGE)));
        k.gupPins().wroteThrough(0, 42, 0);
        assertEquals(Mms.FOLLOWS_BACKING, k.mms().logical(mm, a), "the write is ordered before the munmap");
        assertHolds(dirty, k);
    }

    @Test
    void lazilyFreedContentsMayReadBackAsWrittenOrAsZeroesButNothingElse() {
        Machines.store(k, mm, a, 5);
        int page = Machines.pfnAt(k, mm, a);
        assertEquals(0, Machines.returned(k.run(MadviseFree.class, mm, a, Machines.PAGE)));
        assertHolds(dirty, k);
        Machines.setPage(k, page, Layout.PG_DATA, 0);
        assertHolds(dirty, k);
        Machines.setPage(k, page, Layout.PG_DATA, 9);
        assertViolated(dirty, k, Names.pte(mm, a));
    }
}
