package org.mmspec.ref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.mmspec.ref.fork.Fork;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.proc.UserAccess;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.vma.VmFlags;

/** Test helpers: sequential user-level operations on a booted machine that must succeed. */
final class Machine {

    static final int PAGE = 4096;

    final Kernel k;

    Machine(Config config) {
        this.k = Kernel.boot(config);
    }

    Machine() {
        this(Config.defaults());
    }

    int mm() {
        return k.mms().mmAlloc();
    }

    int mmapAnon(int mm, int pages) {
        int a = k.mmap().doMmapPgoff(mm, -1, 0, pages * PAGE, VmFlags.PROT_READ | VmFlags.PROT_WRITE,
                VmFlags.MAP_PRIVATE | VmFlags.MAP_ANONYMOUS, 0);
        assertTrue(a > 0, "mmap failed: " + a);
        return a;
    }

    int mmapFile(int mm, int file, int pages, int prot, int flags) {
        int a = k.mmap().doMmapPgoff(mm, file, 0, pages * PAGE, prot, flags, 0);
        assertTrue(a > 0, "mmap failed: " + a);
        return a;
    }

    void store(int mm, int addr, int value) {
        Outcome o = k.run(UserAccess.class, mm, addr, 1, value);
        assertEquals(new Outcome.Returned(0), o, "store at 0x" + Integer.toHexString(addr));
    }

    int load(int mm, int addr) {
        Outcome o = k.run(UserAccess.class, mm, addr, 0, 0);
        assertInstanceOf(Outcome.Returned.class, o);
        return o.value();
    }

    int fork(int mm) {
        return k.run(Fork.class, mm).value();
    }

    int pte(int mm, int addr) {
        return k.pageTables().pteValue(mm, addr);
    }

    int pfn(int mm, int addr) {
        int pte = pte(mm, addr);
        assertTrue(Pte.ptePresent(pte), "nothing mapped at 0x" + Integer.toHexString(addr) + ": " + Pte.describe(pte));
        return Pte.ptePfn(pte);
    }

    int freePages() {
        return k.buddy().freePagesInLists(0);
    }
}
