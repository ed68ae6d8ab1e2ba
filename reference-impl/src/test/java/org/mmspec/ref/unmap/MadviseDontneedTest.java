package org.mmspec.ref.unmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.Outcome;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.proc.UserAccess;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.vma.VmFlags;
import org.mmspec.ref.vma.Vmas;

class MadviseDontneedTest {

    private static final int PAGE = Geometry.PAGE_SIZE;

    @Test
    void aRangeEndingInsideAVmaZapsOnlyTheRangeAndReturns() {
        Kernel k = Kernel.boot(Config.defaults());
        int mm = k.mms().mmAlloc();
        int a = k.mmap().doMmapPgoff(mm, -1, 8 * PAGE, 2 * PAGE, VmFlags.PROT_READ | VmFlags.PROT_WRITE,
                VmFlags.MAP_PRIVATE | VmFlags.MAP_ANONYMOUS | VmFlags.MAP_FIXED, 0);
        k.run(UserAccess.class, mm, a, 1, 7);
        k.run(UserAccess.class, mm, a + PAGE, 1, 8);
        assertEquals(new Outcome.Returned(0), k.run(MadviseDontneed.class, mm, a, PAGE));
        assertFalse(Pte.ptePresent(k.pageTables().pteValue(mm, a)));
        assertTrue(Pte.ptePresent(k.pageTables().pteValue(mm, a + PAGE)));
        assertEquals(0, k.run(UserAccess.class, mm, a, 0, 0).value());
        assertEquals(8, k.run(UserAccess.class, mm, a + PAGE, 0, 0).value());
    }

    @Test
    void aRangeWithAHoleIsZappedWhereMappedAndFailsWithEnomem() {
        Kernel k = Kernel.boot(Config.defaults());
        int mm = k.mms().mmAlloc();
        int a = k.mmap().doMmapPgoff(mm, -1, 8 * PAGE, 3 * PAGE, VmFlags.PROT_READ | VmFlags.PROT_WRITE,
                VmFlags.MAP_PRIVATE | VmFlags.MAP_ANONYMOUS | VmFlags.MAP_FIXED, 0);
        k.run(UserAccess.class, mm, a, 1, 7);
        k.run(UserAccess.class, mm, a + 2 * PAGE, 1, 9);
        assertEquals(new Outcome.Returned(0), k.run(Munmap.class, mm, a + PAGE, PAGE));
        assertEquals(new Outcome.Returned(Vmas.ENOMEM), k.run(MadviseDontneed.class, mm, a, 3 * PAGE));
        assertFalse(Pte.ptePresent(k.pageTables().pteValue(mm, a)));
        assertFalse(Pte.ptePresent(k.pageTables().pteValue(mm, a + 2 * PAGE)));
        assertEquals(new Outcome.Returned(Vmas.ENOMEM), k.run(MadviseDontneed.class, mm, a + 2 * PAGE, 2 * PAGE),
                "a hole after the last VMA");
        assertEquals(new Outcome.Returned(0), k.run(MadviseDontneed.class, mm, a, PAGE));
    }
}
