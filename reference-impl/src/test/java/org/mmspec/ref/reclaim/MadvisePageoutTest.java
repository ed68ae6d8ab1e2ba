package org.mmspec.ref.reclaim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.Outcome;
import org.mmspec.ref.filemap.FileKind;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pgtable.Geometry;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.proc.FileWrite;
import org.mmspec.ref.proc.UserAccess;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.vma.VmFlags;
import org.mmspec.ref.vma.Vmas;

/** {@code madvise(MADV_PAGEOUT)} and {@code madvise(MADV_COLD)} on the reference implementation. */
class MadvisePageoutTest {

    private static final int PAGE = Geometry.PAGE_SIZE;
    private static final int RW = VmFlags.PROT_READ | VmFlags.PROT_WRITE;

    private Kernel k = Kernel.boot(Config.defaults());
    private int mm = k.mms().mmAlloc();

    private void reboot(Config c) {
        k = Kernel.boot(c);
        mm = k.mms().mmAlloc();
    }

    private int anon(int addr) {
        return k.mmap().doMmapPgoff(mm, -1, addr, PAGE, RW,
                VmFlags.MAP_PRIVATE | VmFlags.MAP_ANONYMOUS | VmFlags.MAP_FIXED, 0);
    }

    /** A one-page file in the page cache, clean. */
    private int cachedFile() {
        int f = k.pageCache().createFile(FileKind.REGULAR_RW, new int[] {'A'});
        assertEquals(0, k.run(FileWrite.class, f, 0, 'A').value());
        k.pages().clearPageFlag(k.pageCache().lookup(f, 0), PageFlag.DIRTY);
        return f;
    }

    private Outcome advise(int addr, int len, int advice) {
        return k.run(MadvisePageout.class, mm, addr, len, advice);
    }

    private int pte(int addr) {
        return k.pageTables().pteValue(mm, addr);
    }

    @Test
    void aCleanFilePageMappedOnceIsUnmappedAndFreed() {
        int f = cachedFile();
        int a = k.mmap().doMmapPgoff(mm, f, 8 * PAGE, PAGE, VmFlags.PROT_READ, VmFlags.MAP_PRIVATE | VmFlags.MAP_FIXED, 0);
        k.run(UserAccess.class, mm, a, 0, 0);
        int page = Pte.ptePfn(pte(a));
        assertEquals(new Outcome.Returned(0), advise(a, PAGE, MadvisePageout.MADV_PAGEOUT));
        assertTrue(Pte.pteNone(pte(a)));
        assertEquals(-1, k.pageCache().lookup(f, 0));
        assertTrue(k.buddy().isFree(page));
        assertEquals('A', k.run(UserAccess.class, mm, a, 0, 0).value());
    }

    @Test
    void aPageMappedTwiceIsLeftAlone() {
        int f = cachedFile();
        int other = k.mms().mmAlloc();
        int a = k.mmap().doMmapPgoff(mm, f, 8 * PAGE, PAGE, VmFlags.PROT_READ, VmFlags.MAP_PRIVATE | VmFlags.MAP_FIXED, 0);
        k.mmap().doMmapPgoff(other, f, 8 * PAGE, PAGE, VmFlags.PROT_READ, VmFlags.MAP_PRIVATE | VmFlags.MAP_FIXED, 0);
        k.run(UserAccess.class, mm, a, 0, 0);
        k.run(UserAccess.class, other, a, 0, 0);
        advise(a, PAGE, MadvisePageout.MADV_PAGEOUT);
        assertTrue(Pte.ptePresent(pte(a)));
        assertEquals(2, k.pages().pageMapcount(Pte.ptePfn(pte(a))));
        assertTrue(k.pages().pageFlag(Pte.ptePfn(pte(a)), PageFlag.LRU));
    }

    @Test
    void anAnonymousPageGoesToSwapAndComesBack() {
        int a = anon(8 * PAGE);
        k.run(UserAccess.class, mm, a, 1, 42);
        advise(a, PAGE, MadvisePageout.MADV_PAGEOUT);
        assertTrue(Pte.isSwapPte(pte(a)));
        assertEquals(42, k.run(UserAccess.class, mm, a, 0, 0).value());
    }

    @Test
    void withoutSwapAnAnonymousPageStaysMappedAndIsActivated() {
        reboot(Config.defaults().toBuilder().nrSwapSlots(0).build());
        int a = anon(8 * PAGE);
        k.run(UserAccess.class, mm, a, 1, 42);
        int page = Pte.ptePfn(pte(a));
        k.lru().moves().deactivatePage(page);
        advise(a, PAGE, MadvisePageout.MADV_PAGEOUT);
        assertEquals(page, Pte.ptePfn(pte(a)));
        Pages p = k.pages();
        assertTrue(p.pageFlag(page, PageFlag.ACTIVE));
        assertTrue(p.pageFlag(page, PageFlag.LRU));
        assertFalse(Pte.pteYoung(pte(a)), "the walk made the PTE old");
    }

    @Test
    void aDirtySharedFilePageIsUnmappedButStaysCachedForWriteback() {
        int f = cachedFile();
        int a = k.mmap().doMmapPgoff(mm, f, 8 * PAGE, PAGE, RW, VmFlags.MAP_SHARED | VmFlags.MAP_FIXED, 0);
        k.run(UserAccess.class, mm, a, 1, 'a');
        int page = Pte.ptePfn(pte(a));
        advise(a, PAGE, MadvisePageout.MADV_PAGEOUT);
        assertTrue(Pte.pteNone(pte(a)));
        assertEquals(page, k.pageCache().lookup(f, 0));
        assertTrue(k.pages().pageFlag(page, PageFlag.DIRTY));
        assertTrue(k.pages().pageFlag(page, PageFlag.RECLAIM));
        assertEquals('A', k.pageCache().disk(f, 0));
    }

    @Test
    void coldDeactivatesAndKeepsTheMapping() {
        int a = anon(8 * PAGE);
        k.run(UserAccess.class, mm, a, 1, 42);
        int page = Pte.ptePfn(pte(a));
        k.pages().setPageFlag(page, PageFlag.REFERENCED);
        assertTrue(k.pages().pageFlag(page, PageFlag.ACTIVE));
        assertEquals(new Outcome.Returned(0), advise(a, PAGE, MadvisePageout.MADV_COLD));
        assertFalse(k.pages().pageFlag(page, PageFlag.ACTIVE));
        assertFalse(k.pages().pageFlag(page, PageFlag.REFERENCED));
        assertTrue(k.pages().pageFlag(page, PageFlag.LRU));
        assertEquals(page, Pte.ptePfn(pte(a)));
    }

    @Test
    void badArgumentsAndHolesAreErrors() {
        int a = anon(8 * PAGE);
        assertEquals(new Outcome.Returned(-22), advise(a + 1, PAGE, MadvisePageout.MADV_COLD));
        assertEquals(new Outcome.Returned(-22), advise(a, PAGE, 4));
        assertEquals(new Outcome.Returned(Vmas.ENOMEM), advise(a, 2 * PAGE, MadvisePageout.MADV_COLD));
        assertEquals(new Outcome.Returned(Vmas.ENOMEM), advise(a - PAGE, 2 * PAGE, MadvisePageout.MADV_PAGEOUT));
    }
}
