package org.mmspec.ref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.bio.Bios;
import org.mmspec.ref.filemap.FileKind;
import org.mmspec.ref.gup.Foll;
import org.mmspec.ref.gup.GupFast;
import org.mmspec.ref.io.DirectIo;
import org.mmspec.ref.io.PipeRead;
import org.mmspec.ref.io.Vmsplice;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.pgtable.Pte;
import org.mmspec.ref.pin.GupPins;
import org.mmspec.ref.sched.ThreadStatus;
import org.mmspec.ref.sync.KernelBlock;
import org.mmspec.ref.threads.Executor;
import org.mmspec.ref.unmap.Munmap;

/**
 * References that outlive {@code mmap_sem}: the lockless {@code get_user_pages_fast()} with its
 * {@code FOLL_PIN} accounting, pipe buffers and direct-I/O requests that keep pages after the system call
 * returned, fork's copy of pinned pages, and the IPI that holds off page-table freeing while a fast walk
 * runs with interrupts off.
 */
class GupReferencesTest {

    private static final int T0 = 0;
    private static final int T1 = 1;

    private final Machine m = new Machine();
    private final Kernel k = m.k;
    private final int mm = m.mm();
    private final int a = m.mmapAnon(mm, 1);

    @Test
    void theFastPathTakesAReferenceWithoutMmapSemAndAPinAddsTheBias() {
        m.store(mm, a, 5);
        int page = m.pfn(mm, a);
        int count = k.pages().pageCount(page);
        assertEquals(new Outcome.Returned(page), k.run(GupFast.class, mm, a, Foll.FOLL_GET | Foll.FOLL_WRITE));
        assertEquals(count + 1, k.pages().pageCount(page));
        assertFalse(k.gupPins().pageMaybeDmaPinned(page));
        assertFalse(k.mms().hasPinned(mm));

        assertEquals(new Outcome.Returned(page), k.run(GupFast.class, mm, a, Foll.FOLL_PIN | Foll.FOLL_WRITE));
        assertEquals(count + 1 + GupPins.GUP_PIN_COUNTING_BIAS, k.pages().pageCount(page));
        assertTrue(k.gupPins().pageMaybeDmaPinned(page));
        assertTrue(k.mms().hasPinned(mm), "pin_user_pages_fast sets mm->has_pinned (5.9)");
        k.gupPins().release(page, true);
        k.gupPins().release(page, false);
        assertEquals(count, k.pages().pageCount(page));
    }

    @Test
    void aMissingPageFallsBackToTheSlowPathWhichFaultsItIn() {
        assertFalse(Pte.ptePresent(m.pte(mm, a)));
        Outcome o = k.run(GupFast.class, mm, a, Foll.FOLL_GET | Foll.FOLL_WRITE);
        assertEquals(m.pfn(mm, a), o.value(), "get_user_pages_unlocked faulted the page in");
        assertEquals(Foll.EFAULT, k.run(GupFast.class, mm, 0x7000, Foll.FOLL_GET).value(), "no VMA there");
    }

    @Test
    void whileTheFastWalkRunsWithInterruptsOffMunmapCannotFreeThePageTable() {
        m.store(mm, a, 5);
        k.spawn(T0, GupFast.class, mm, a, Foll.FOLL_GET, 0);
        k.executor().step(T0);
        assertTrue(k.irqs().disabledBy(T0), "the walk disabled interrupts and read the pmd");
        k.spawn(T1, Munmap.class, mm, a, Machine.PAGE, 0);
        ThreadStatus s = ThreadStatus.RUNNING;
        for (int i = 0; i < 50 && s == ThreadStatus.RUNNING; i++) {
            var before = k.state();
            if (k.executor().step(T1) == Executor.Result.DISABLED) {
                k.load(before);
                break;
            }
            s = k.threads().status(T1);
        }
        assertEquals(ThreadStatus.RUNNING, k.threads().status(T1), "munmap waits");
        KernelBlock why = k.blockReasons().describe(T1, t -> "T" + t);
        assertInstanceOf(KernelBlock.OnIpi.class, why, why.describe());
        // munmap waits for the IPI before the page table can be freed: here already at its zap's TLB flush
        // (the model's mmu_gather flushes at the end of each VMA's zap, before free_pgtables; 4.9 flushes in
        // tlb_finish_mmu after it, where h10's wait for the table's freeing stands)
        stepUntilStuck(T0);
        assertFalse(k.irqs().disabledBy(T0), "the walk found the PTE gone and enabled interrupts for the slow path");
        assertEquals(ThreadStatus.RUNNING, k.threads().status(T0), "whose mmap_sem munmap still holds");
        stepUntilStuck(T1);
        assertEquals(ThreadStatus.FINISHED, k.threads().status(T1), "the IPI went through: munmap finished");
        stepUntilStuck(T0);
        assertEquals(Foll.EFAULT, k.threads().returnValue(T0), "the slow path finds no VMA");
    }

    /** Steps {@code tid} until it finishes or cannot move. */
    private void stepUntilStuck(int tid) {
        for (int i = 0; i < 1000 && k.threads().status(tid) != ThreadStatus.FINISHED; i++) {
            var before = k.state();
            if (k.executor().step(tid) == Executor.Result.DISABLED) {
                k.load(before);
                return;
            }
        }
    }

    @Test
    void aPipeBufferKeepsThePageAfterMunmapAndTheReaderSeesItsContents() {
        m.store(mm, a, 42);
        int page = m.pfn(mm, a);
        assertEquals(new Outcome.Returned(0), k.run(Vmsplice.class, mm, a, 0));
        assertEquals(new Outcome.Returned(0), k.run(Munmap.class, mm, a, Machine.PAGE));
        assertFalse(k.buddy().isFree(page), "the pipe buffer's reference keeps the page");
        assertEquals(new Outcome.Returned(42), k.run(PipeRead.class, 0));
        assertTrue(k.buddy().isFree(page), "the last reference went with the buffer");
    }

    @Test
    void anEmptyPipeBufferMakesTheReaderWait() {
        Outcome o = k.run(PipeRead.class, 1);
        assertInstanceOf(KernelBlock.OnPipe.class, ((Outcome.WouldBlock) o).reason());
    }

    @Test
    void aDirectIoReadCompletesInTheIoContextAndTheUserReadsTheFileData() {
        m.store(mm, a, 5);
        int page = m.pfn(mm, a);
        int f = k.pageCache().createFile(FileKind.REGULAR_RW, new int[] {77});
        k.spawn(T0, DirectIo.class, mm, a, Bios.fileBlock(f, 0), DirectIo.PIN);
        stepUntilStuck(T0);
        assertEquals(DirectIo.EIOCBQUEUED, k.threads().returnValue(T0));
        assertTrue(k.gupPins().pageMaybeDmaPinned(page), "the request holds a FOLL_PIN pin while in flight");
        assertEquals(5, k.pages().data(page));
        assertEquals(new Outcome.Returned(0), k.completeIo());
        assertEquals(77, m.load(mm, a));
        assertTrue(k.pages().pageFlag(page, PageFlag.DIRTY), "the completion dirtied the page");
        assertFalse(k.gupPins().pageMaybeDmaPinned(page), "and unpinned it");
    }

    @Test
    void aDirectWriteDropsTheCachedPageAndTheFileReadsTheNewContents() {
        m.store(mm, a, 6);
        int f = k.pageCache().createFile(FileKind.REGULAR_RW, new int[] {77});
        int shared = m.mmapFile(mm, f, 1, org.mmspec.ref.vma.VmFlags.PROT_READ, org.mmspec.ref.vma.VmFlags.MAP_SHARED);
        assertEquals(77, m.load(mm, shared));
        int cached = k.pageCache().lookup(f, 0);
        assertEquals(new Outcome.Returned(DirectIo.EIOCBQUEUED),
                k.run(DirectIo.class, mm, a, Bios.fileBlock(f, 0), DirectIo.WRITE));
        assertEquals(-1, k.pageCache().lookup(f, 0), "invalidate_inode_pages2 unmapped and dropped the cached page");
        assertFalse(Pte.ptePresent(m.pte(mm, shared)));
        assertTrue(k.buddy().isFree(cached));
        assertEquals(6, k.pageCache().disk(f, 0));
        assertEquals(6, m.load(mm, shared), "a fault reads the new contents from disk");
    }

    @Test
    void forkCopiesAPinnedAnonymousPageForTheChildInsteadOfSharingIt() {
        m.store(mm, a, 5);
        int page = m.pfn(mm, a);
        assertEquals(new Outcome.Returned(page), k.run(GupFast.class, mm, a, Foll.FOLL_PIN | Foll.FOLL_WRITE));
        int child = m.fork(mm);
        assertNotEquals(page, m.pfn(child, a), "the child got a copy (copy_present_page, 5.9)");
        assertEquals(5, k.pages().data(m.pfn(child, a)));
        assertTrue(Pte.pteWrite(m.pte(mm, a)), "the parent's PTE stays writable: the pin keeps pointing at its page");
        assertEquals(page, m.pfn(mm, a));
    }

    @Test
    void forkSharesAPageThatOnlyHasAnOrdinaryGupReference() {
        m.store(mm, a, 5);
        int page = m.pfn(mm, a);
        assertEquals(new Outcome.Returned(page), k.run(GupFast.class, mm, a, Foll.FOLL_GET | Foll.FOLL_WRITE));
        int child = m.fork(mm);
        assertEquals(page, m.pfn(child, a), "FOLL_GET is not visible to fork: the page is shared, COW");
        assertFalse(Pte.pteWrite(m.pte(mm, a)));
    }
}
