package org.mmspec.ref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.api.KernelApi;
import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.Gfp;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.sync.KernelBlock;

/** Page flags, reference counts and the page lock, with their misuse reported as kernel BUGs. */
class PageApiTest {

    private final Kernel k = Kernel.boot(Config.defaults());
    private final Pages p = k.pages();
    private final Lru lru = k.lru();
    private final int pfn = KernelApi.allocPages(k, Gfp.GFP_KERNEL, 0).value();

    @Test
    void flagOperationsBehaveAsTheKernelsBitops() {
        assertFalse(p.pageFlag(pfn, PageFlag.DIRTY));
        assertFalse(p.testSetPageFlag(pfn, PageFlag.DIRTY));
        assertTrue(p.testSetPageFlag(pfn, PageFlag.DIRTY));
        assertTrue(p.pageFlag(pfn, PageFlag.DIRTY));
        assertTrue(p.testClearPageFlag(pfn, PageFlag.DIRTY));
        assertFalse(p.testClearPageFlag(pfn, PageFlag.DIRTY));
        p.setPageFlag(pfn, PageFlag.REFERENCED);
        p.clearPageFlag(pfn, PageFlag.REFERENCED);
        assertFalse(p.pageFlag(pfn, PageFlag.REFERENCED));
    }

    @Test
    void referenceCountsFreeThePageOnTheLastPut() {
        assertEquals(1, p.pageCount(pfn));
        assertEquals(0, p.pageMapcount(pfn));
        assertFalse(p.pageMapped(pfn));
        p.refs().getPage(pfn);
        p.refs().pageCacheGet(pfn);
        assertEquals(3, p.pageCount(pfn));
        assertFalse(p.refs().putPageTestzero(pfn));
        lru.pageCacheRelease(pfn);
        assertTrue(p.refs().getPageUnlessZero(pfn));
        lru.putPage(pfn);
        int free = k.buddy().freePagesInLists(0);
        lru.putPage(pfn);
        assertEquals(free + 1, k.buddy().freePagesInLists(0));
        assertTrue(k.buddy().isFree(pfn));
        assertFalse(p.refs().getPageUnlessZero(pfn), "a free page cannot be taken speculatively");
    }

    @Test
    void putPageOnAFreePageIsAKernelBugNamingThePage() {
        lru.putPage(pfn);
        Outcome o = k.attempt(() -> {
            lru.putPage(pfn);
            return 0;
        });
        Outcome.KernelBug bug = assertInstanceOf(Outcome.KernelBug.class, o);
        assertTrue(bug.fault().message().contains("put_page on pfn " + pfn), bug.fault().message());
        Outcome get = k.attempt(() -> {
            p.refs().getPage(pfn);
            return 0;
        });
        assertInstanceOf(Outcome.KernelBug.class, get);
    }

    @Test
    void lockPageOnALockedPageWouldBlockAndUnlockWakes() {
        assertEquals(new Outcome.Returned(0), KernelApi.lockPage(k, pfn));
        assertTrue(p.pageFlag(pfn, PageFlag.LOCKED));
        assertFalse(k.pageLock().trylockPage(pfn));
        Outcome again = KernelApi.lockPage(k, pfn);
        Outcome.WouldBlock wb = assertInstanceOf(Outcome.WouldBlock.class, again);
        assertInstanceOf(KernelBlock.OnPageLock.class, wb.reason());
        assertTrue(p.pageFlag(pfn, PageFlag.LOCKED), "the would-block attempt changed nothing");
        assertFalse(p.pageFlag(pfn, PageFlag.WAITERS));
        assertInstanceOf(Outcome.WouldBlock.class, KernelApi.waitOnPageLocked(k, pfn));
        assertEquals(new Outcome.Returned(0), KernelApi.unlockPage(k, pfn));
        assertFalse(p.pageFlag(pfn, PageFlag.LOCKED));
        assertEquals(new Outcome.Returned(0), KernelApi.waitOnPageLocked(k, pfn));
    }

    @Test
    void unlockingAnUnlockedPageIsAKernelBug() {
        Outcome o = KernelApi.unlockPage(k, pfn);
        Outcome.KernelBug bug = assertInstanceOf(Outcome.KernelBug.class, o);
        assertTrue(bug.fault().message().contains("VM_BUG_ON_PAGE(!PageLocked(page))"), bug.fault().message());
    }

    @Test
    void writebackWaitsAndEndPageWriteback() {
        assertEquals(new Outcome.Returned(0), KernelApi.waitOnPageWriteback(k, pfn));
        p.setPageFlag(pfn, PageFlag.WRITEBACK);
        assertInstanceOf(Outcome.WouldBlock.class, KernelApi.waitOnPageWriteback(k, pfn));
        assertEquals(new Outcome.Returned(0), KernelApi.endPageWriteback(k, pfn));
        assertFalse(p.pageFlag(pfn, PageFlag.WRITEBACK));
        assertInstanceOf(Outcome.KernelBug.class, KernelApi.endPageWriteback(k, pfn));
    }

    @Test
    void pageToPfnAndBackAreInverseAndCheckTheRange() {
        assertEquals(pfn, p.pfnToPage(p.pageToPfn(pfn)));
        assertInstanceOf(Outcome.KernelBug.class, k.attempt(() -> p.pfnToPage(k.config().nrPages())));
    }

    @Test
    void mappingAFreePageIsAKernelBug() {
        int mm = k.mms().mmAlloc();
        int a = k.mmap().doMmapPgoff(mm, -1, 0, 4096, org.mmspec.ref.vma.VmFlags.PROT_READ,
                org.mmspec.ref.vma.VmFlags.MAP_PRIVATE | org.mmspec.ref.vma.VmFlags.MAP_ANONYMOUS, 0);
        lru.putPage(pfn);
        var pt = k.pageTables();
        int pmd = pt.pmdOffset(pt.pgdOffset(mm, a), a);
        pt.pteAlloc(pmd);
        Outcome o = k.attempt(() -> {
            pt.setPteAt(mm, a, pt.pteOffsetMap(pmd, a), org.mmspec.ref.pgtable.Pte.mkPte(pfn, 0x3));
            return 0;
        });
        Outcome.KernelBug bug = assertInstanceOf(Outcome.KernelBug.class, o);
        assertTrue(bug.fault().message().contains("maps pfn " + pfn + ", which is free"), bug.fault().message());
    }
}
