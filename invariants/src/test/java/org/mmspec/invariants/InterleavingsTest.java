package org.mmspec.invariants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmspec.invariants.Machines.assertHolds;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.Outcome;
import org.mmspec.ref.gup.AccessRemoteVm;
import org.mmspec.ref.proc.FileWrite;
import org.mmspec.ref.proc.UserAccess;
import org.mmspec.ref.sched.ThreadStatus;
import org.mmspec.ref.state.KernelState;
import org.mmspec.ref.threads.Executor;
import org.mmspec.ref.unmap.MadviseDontneed;
import org.mmspec.ref.unmap.MadviseRemove;
import org.mmspec.ref.view.MmView;
import org.mmspec.ref.view.MmView.FrameInfo;
import org.mmspec.ref.vma.VmFlags;
import org.mmspec.spec.semantics.Invariant;

/**
 * Legal interleavings where a sequential call runs between two steps of a thread: every invariant of the
 * catalog must hold at every state. (They found two ghost-bookkeeping gaps and a truncate race in the
 * model.)
 */
class InterleavingsTest {

    private static final int T = 0;

    private final List<Invariant<MmView>> catalog = Catalog.all();

    private void assertAllHold(Kernel k) {
        for (Invariant<MmView> inv : catalog) {
            assertHolds(inv, k);
        }
    }

    /** Steps thread T, checking the invariant after each step, until its top frame is {@code procedure} at {@code point}. */
    private void stepTo(Kernel k, String procedure, String point) {
        for (int i = 0; i < 100; i++) {
            List<FrameInfo> frames = new MmView(k.config()).reset(k.state()).frames(T);
            FrameInfo top = frames.get(frames.size() - 1);
            if (top.procedure().equals(procedure) && top.point().equals(point)) {
                return;
            }
            stepOrCompleteIo(k);
            assertAllHold(k);
        }
        throw new AssertionError("thread never reached " + procedure + ":" + point);
    }

    /** One step of T; if T cannot move while I/O is in flight, the I/O completes instead. */
    private void stepOrCompleteIo(Kernel k) {
        KernelState before = k.state();
        if (k.executor().step(T) == Executor.Result.DISABLED || k.threads().status(T) == ThreadStatus.SLEEPING) {
            if (k.bios().count() > 0) {
                if (k.threads().status(T) != ThreadStatus.SLEEPING) {
                    k.load(before);
                }
                assertEquals(new Outcome.Returned(0), k.completeIo());
            }
        }
    }

    private void finish(Kernel k) {
        while (k.threads().status(T) != ThreadStatus.FINISHED) {
            stepOrCompleteIo(k);
            assertAllHold(k);
        }
    }

    /** A COW copy of a private file page is a snapshot: write() to the file before the faulting store does not change it. */
    @Test
    void holdsWhenWriteChangesTheFileBetweenACowFaultAndTheStore() {
        Kernel k = Machines.boot();
        int file = Machines.file(k, 10);
        int mm = k.mms().mmAlloc();
        int priv = Machines.fileMap(k, mm, file, 1, Machines.RW, VmFlags.MAP_PRIVATE, 0);
        k.spawn(T, UserAccess.class, mm, priv, 1, 7);
        k.executor().step(T);
        stepTo(k, "user_access", "mmu_access");
        assertTrue(k.pages().pageAnon(Machines.pfnAt(k, mm, priv)), "the COW copy is mapped, the store still to come");
        Machines.returned(k.run(FileWrite.class, file, 0, 99));
        assertAllHold(k);
        finish(k);
        assertEquals(7, Machines.load(k, mm, priv));
        assertEquals(99, k.pages().data(k.pageCache().lookup(file, 0)));
    }

    /** The same through do_wp_page: the page-cache page changes after wp_page_copy copied it. */
    @Test
    void holdsWhenWriteChangesTheFileDuringWpPageCopy() {
        Kernel k = Machines.boot();
        int file = Machines.file(k, 10);
        int mm = k.mms().mmAlloc();
        int priv = Machines.fileMap(k, mm, file, 1, Machines.RW, VmFlags.MAP_PRIVATE, 0);
        assertEquals(10, Machines.load(k, mm, priv));
        k.spawn(T, UserAccess.class, mm, priv, 1, 7);
        k.executor().step(T);
        stepTo(k, "wp_page_copy", "set_pte_at_notify");
        Machines.returned(k.run(FileWrite.class, file, 0, 99));
        assertAllHold(k);
        finish(k);
        assertEquals(7, Machines.load(k, mm, priv));
    }

    /** A /proc/pid/mem write that lands after MADV_DONTNEED unmapped its page is ordered before the zap. */
    @Test
    void holdsWhenMadviseDontneedRacesAProcPidMemWrite() {
        Kernel k = Machines.boot();
        int mm = k.mms().mmAlloc();
        int addr = Machines.anon(k, mm, 1);
        Machines.store(k, mm, addr, 5);
        k.spawn(T, AccessRemoteVm.class, mm, addr, 66, 1);
        k.executor().step(T);
        stepTo(k, "__access_remote_vm", "copy_to_user_page");
        Machines.returned(k.run(MadviseDontneed.class, mm, addr, Machines.PAGE));
        assertAllHold(k);
        finish(k);
        assertEquals(0, Machines.load(k, mm, addr));
    }

    /**
     * MADV_REMOVE on shmem: a read fault maps the page again between unmap_mapping_range() and the
     * truncation; truncate_inode_page() must unmap it again before it leaves the page cache.
     */
    @Test
    void holdsWhenAFaultRemapsAPageMadviseRemoveIsTruncating() {
        Kernel k = Machines.boot();
        int mm = k.mms().mmAlloc();
        int addr = k.mmap().doMmapPgoff(mm, -1, 0, Machines.PAGE, Machines.RW, VmFlags.MAP_SHARED | VmFlags.MAP_ANONYMOUS, 0);
        Machines.store(k, mm, addr, 5);
        k.spawn(T, MadviseRemove.class, mm, addr, Machines.PAGE, 0);
        for (int i = 0; i < 100 && (Machines.pte(k, mm, addr) != 0
                || new MmView(k.config()).reset(k.state()).anyPtlHeld()); i++) {
            k.executor().step(T);
            assertAllHold(k);
        }
        assertEquals(0, Machines.pte(k, mm, addr), "unmapped, not yet truncated");
        assertEquals(5, k.mem().get(k.layout().page(k.pageCache().lookup(0, 0), org.mmspec.ref.state.Layout.PG_DATA)),
                "the page is still in the page cache");
        assertEquals(5, Machines.load(k, mm, addr), "the fault maps the page again");
        assertAllHold(k);
        finish(k);
        assertEquals(0, Machines.pte(k, mm, addr), "truncation unmapped it");
        assertEquals(0, Machines.load(k, mm, addr), "the hole reads zeroes");
    }
}
