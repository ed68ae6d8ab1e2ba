package org.mmspec.ref.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.filemap.FileKind;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.proc.FileWrite;
import org.mmspec.ref.proc.UserAccess;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.vma.VmFlags;

/** {@code do_fault_around()}: a read fault on a file mapping maps the ready page-cache pages around it. */
class DoFaultAroundTest {

    private static final int PAGE = Geometry.PAGE_SIZE;

    /** 8-entry PTE tables; user space of 32 pages; 4-page files. */
    private static Kernel boot(int faultAroundPages) {
        return Kernel.boot(Config.defaults().toBuilder().faultAroundPages(faultAroundPages).build());
    }

    /** A 4-page file whose pages {@code cached} are in the page cache, clean or not. */
    private static int file(Kernel k, int... cached) {
        int f = k.pageCache().createFile(FileKind.REGULAR_RW, new int[] {'A', 'B', 'C', 'D'});
        for (int i : cached) {
            assertEquals(0, k.run(FileWrite.class, f, i, 'A' + i).value());
        }
        return f;
    }

    private static int map(Kernel k, int mm, int file, int addr, int pages, int pgoff) {
        int a = k.mmap().doMmapPgoff(mm, file, addr, pages * PAGE, VmFlags.PROT_READ,
                VmFlags.MAP_PRIVATE | VmFlags.MAP_FIXED, pgoff);
        assertEquals(addr, a);
        return a;
    }

    private static boolean mapped(Kernel k, int mm, int addr) {
        return Pte.ptePresent(k.pageTables().pteValue(mm, addr));
    }

    @Test
    void aReadFaultMapsTheCachedUptodateUnlockedNeighboursReadOnly() {
        Kernel k = boot(16);
        int f = file(k, 0, 1, 3);
        int mm = k.mms().mmAlloc();
        int a = map(k, mm, f, 8 * PAGE, 4, 0);
        assertEquals('A', k.run(UserAccess.class, mm, a, 0, 0).value());
        assertTrue(mapped(k, mm, a + PAGE), "cached neighbour mapped");
        assertFalse(mapped(k, mm, a + 2 * PAGE), "an uncached page is not read in");
        assertEquals(-1, k.pageCache().lookup(f, 2));
        int pte = k.pageTables().pteValue(mm, a + 3 * PAGE);
        assertTrue(Pte.ptePresent(pte));
        assertFalse(Pte.pteWrite(pte));
        int page = Pte.ptePfn(pte);
        assertEquals(1, k.pages().pageMapcount(page));
        assertEquals(2, k.pages().pageCount(page), "the page cache's reference and the mapping's");
        assertFalse(k.pages().pageFlag(page, PageFlag.LOCKED));
    }

    @Test
    void aLockedPageIsSkipped() {
        Kernel k = boot(16);
        int f = file(k, 0, 1);
        int mm = k.mms().mmAlloc();
        int a = map(k, mm, f, 8 * PAGE, 4, 0);
        int locked = k.pageCache().lookup(f, 1);
        k.pages().setPageFlag(locked, PageFlag.LOCKED);
        assertEquals('A', k.run(UserAccess.class, mm, a, 0, 0).value());
        assertFalse(mapped(k, mm, a + PAGE));
    }

    @Test
    void theWindowStopsAtTheEndOfThePteTable() {
        Kernel k = boot(16);
        int f = file(k, 0, 1, 2, 3);
        int mm = k.mms().mmAlloc();
        // four pages across the boundary of the first two PTE tables (8 entries each)
        int a = map(k, mm, f, 6 * PAGE, 4, 0);
        assertEquals('A', k.run(UserAccess.class, mm, a, 0, 0).value());
        assertTrue(mapped(k, mm, a + PAGE));
        assertFalse(mapped(k, mm, a + 2 * PAGE), "the next PTE table is left alone");
        assertFalse(mapped(k, mm, a + 3 * PAGE));
    }

    @Test
    void theWindowStopsAtTheVma() {
        Kernel k = boot(16);
        int f = file(k, 0, 1, 2, 3);
        int mm = k.mms().mmAlloc();
        int a = map(k, mm, f, 8 * PAGE, 2, 1);
        int b = map(k, mm, f, 10 * PAGE, 1, 3);
        assertEquals('B', k.run(UserAccess.class, mm, a, 0, 0).value());
        assertTrue(mapped(k, mm, a + PAGE));
        assertFalse(mapped(k, mm, b), "the next VMA is left alone");
    }

    @Test
    void withFaultAroundOffOnlyTheFaultingPageIsMapped() {
        Kernel k = boot(1);
        int f = file(k, 0, 1);
        int mm = k.mms().mmAlloc();
        int a = map(k, mm, f, 8 * PAGE, 4, 0);
        assertEquals('A', k.run(UserAccess.class, mm, a, 0, 0).value());
        assertTrue(mapped(k, mm, a));
        assertFalse(mapped(k, mm, a + PAGE));
    }

    @Test
    void anUncachedFaultingPageIsReadByTheFaultAfterwards() {
        Kernel k = boot(16);
        int f = file(k, 1);
        int mm = k.mms().mmAlloc();
        int a = map(k, mm, f, 8 * PAGE, 4, 0);
        assertEquals('A', k.run(UserAccess.class, mm, a, 0, 0).value());
        assertTrue(mapped(k, mm, a));
        assertTrue(mapped(k, mm, a + PAGE));
    }

    @Test
    void theWindowStopsAtTheEndOfThePteTableOfTheFaultingAddress() {
        Kernel k = boot(16);
        int f = file(k, 0, 1, 2, 3);
        int mm = k.mms().mmAlloc();
        int a = map(k, mm, f, 6 * PAGE, 4, 0);
        assertEquals('A', k.run(UserAccess.class, mm, a, 0, 0).value());
        assertTrue(mapped(k, mm, a + PAGE), "same table: mapped");
        assertFalse(mapped(k, mm, a + 2 * PAGE), "the next PTE table is not touched");
        for (int addr = 0; addr < 6 * PAGE; addr += PAGE) {
            assertFalse(mapped(k, mm, addr), "nothing mapped below the VMA at 0x" + Integer.toHexString(addr));
        }
    }
}
