package org.mmspec.invariants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.mmspec.ref.Kernel;
import org.mmspec.ref.Outcome;
import org.mmspec.ref.filemap.FileKind;
import org.mmspec.ref.fork.Fork;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.proc.UserAccess;
import org.mmspec.ref.reclaim.ShrinkZone;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.view.MmView;
import org.mmspec.ref.vma.VmFlags;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.Witness;

/** Legal machines built with real kernel operations, and the means to corrupt them, for the invariant tests. */
final class Machines {

    static final int PAGE = 4096;
    static final int RW = VmFlags.PROT_READ | VmFlags.PROT_WRITE;
    static final int PRIVATE_ANON = VmFlags.MAP_PRIVATE | VmFlags.MAP_ANONYMOUS;

    private Machines() {
    }

    static Kernel boot() {
        return Kernel.boot(Config.defaults());
    }

    /** Checks {@code inv} on the machine's current state. */
    static Witness check(Invariant<MmView> inv, Kernel k) {
        return inv.check(new MmView(k.config()).reset(k.state()));
    }

    static void assertHolds(Invariant<MmView> inv, Kernel k) {
        Witness w = check(inv, k);
        assertNull(w, () -> inv.id() + " fails on a legal state: " + w);
    }

    /** Asserts a violation whose witness names {@code object}. */
    static Witness assertViolated(Invariant<MmView> inv, Kernel k, String object) {
        Witness w = check(inv, k);
        assertNotNull(w, inv.id() + " misses the corruption");
        assertTrue(w.objects().contains(object), () -> "witness " + w + " does not name " + object);
        return w;
    }

    static int anon(Kernel k, int mm, int pages) {
        int addr = k.mmap().doMmapPgoff(mm, -1, 0, pages * PAGE, RW, PRIVATE_ANON, 0);
        assertTrue(addr > 0, "mmap failed: " + addr);
        return addr;
    }

    static int fileMap(Kernel k, int mm, int file, int pages, int prot, int flags, int pgoff) {
        int addr = k.mmap().doMmapPgoff(mm, file, 0, pages * PAGE, prot, flags, pgoff);
        assertTrue(addr > 0, "mmap failed: " + addr);
        return addr;
    }

    static int file(Kernel k, int... contents) {
        return k.pageCache().createFile(FileKind.REGULAR_RW, contents);
    }

    static void store(Kernel k, int mm, int addr, int value) {
        assertEquals(0, returned(k.run(UserAccess.class, mm, addr, 1, value)));
    }

    static int load(Kernel k, int mm, int addr) {
        return returned(k.run(UserAccess.class, mm, addr, 0, 0));
    }

    static int fork(Kernel k, int mm) {
        return returned(k.run(Fork.class, mm));
    }

    /** Runs {@code passes} kswapd passes of {@code shrink_zone} over zone 0. */
    static void reclaim(Kernel k, int passes) {
        for (int i = 0; i < passes; i++) {
            returned(k.run(ShrinkZone.class, 0, 1));
        }
    }

    static int returned(Outcome o) {
        return assertInstanceOf(Outcome.Returned.class, o, () -> "call did not return: " + o).value();
    }

    static int pte(Kernel k, int mm, int addr) {
        return k.pageTables().pteValue(mm, addr);
    }

    static int pfnAt(Kernel k, int mm, int addr) {
        int pte = pte(k, mm, addr);
        assertTrue(Pte.ptePresent(pte), "no page mapped at " + Integer.toHexString(addr));
        return Pte.ptePfn(pte);
    }

    /** Overwrites one field of a {@code struct page} ({@link Layout} {@code PG_*}). */
    static void setPage(Kernel k, int pfn, int field, int value) {
        k.mem().set(k.layout().page(pfn, field), value);
    }

    static int getPage(Kernel k, int pfn, int field) {
        return k.mem().get(k.layout().page(pfn, field));
    }

    /** Overwrites the PTE of {@code addr} in {@code mm} (its table must exist). */
    static void setPte(Kernel k, int mm, int addr, int value) {
        int ptep = k.pageTables().walk(mm, addr);
        assertTrue(ptep >= 0, "no PTE table for " + Integer.toHexString(addr));
        k.mem().set(ptep, value);
    }

    /** Steps thread {@code tid} until it finishes or cannot move (a blocked step is undone). */
    static void stepUntilStuck(Kernel k, int tid) {
        for (int i = 0; i < 10_000 && k.threads().status(tid) != org.mmspec.ref.sched.ThreadStatus.FINISHED; i++) {
            var before = k.state();
            if (k.executor().step(tid) == org.mmspec.ref.threads.Executor.Result.DISABLED) {
                k.load(before);
                return;
            }
            if (k.threads().status(tid) != org.mmspec.ref.sched.ThreadStatus.RUNNING) {
                return;
            }
        }
    }

    /** The lowest free frame. */
    static int freePfn(Kernel k) {
        for (int pfn = 1; pfn < k.config().nrPages(); pfn++) {
            if (k.buddy().isFree(pfn)) {
                return pfn;
            }
        }
        throw new AssertionError("no free frame");
    }
}
