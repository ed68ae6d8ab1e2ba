package org.mmspec.ref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.bio.Bios;
import org.mmspec.ref.filemap.FileKind;
import org.mmspec.ref.io.FilemapWriteAndWait;
import org.mmspec.ref.io.IoCompletion;
import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.proc.FileWrite;
import org.mmspec.ref.reclaim.ShrinkActiveList;
import org.mmspec.ref.reclaim.ShrinkZone;
import org.mmspec.ref.sched.ThreadStatus;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.sync.KernelBlock;
import org.mmspec.ref.threads.Executor;
import org.mmspec.ref.unmap.TruncateRange;

/**
 * I/O as its own context: requests queue in submission order and complete only when the completion
 * context runs; write completion ends write-back, rotates {@code PG_reclaim} pages and wakes waiters;
 * read completion sets {@code PG_uptodate} and unlocks; waits for write-back name who will end it.
 */
class IoCompletionTest {

    private static final int T0 = 0;
    private static final int T1 = 1;
    private static final int IO = 2;

    /** Steps {@code tid} until it sleeps, blocks or finishes; returns its status. */
    private static ThreadStatus run(Kernel k, int tid) {
        for (int i = 0; i < 10_000; i++) {
            var before = k.state();
            if (k.executor().step(tid) == Executor.Result.DISABLED) {
                k.load(before);
                return k.threads().status(tid);
            }
            ThreadStatus s = k.threads().status(tid);
            if (s != ThreadStatus.RUNNING) {
                return s;
            }
        }
        throw new AssertionError("thread " + tid + " never stopped");
    }

    private static Machine dirtyFilePage() {
        Machine m = new Machine();
        int f = m.k.pageCache().createFile(FileKind.REGULAR_RW, new int[] {10});
        assertEquals(new Outcome.Returned(0), m.k.run(FileWrite.class, f, 0, 11));
        return m;
    }

    @Test
    void aWriteSubmittedByFsyncCompletesOnlyInTheCompletionContextAndWakesTheWaiter() {
        Machine m = dirtyFilePage();
        Kernel k = m.k;
        int page = k.pageCache().lookup(0, 0);
        k.spawn(T0, FilemapWriteAndWait.class, 0, 0, 0, 0);
        assertEquals(ThreadStatus.SLEEPING, run(k, T0), "fsync sleeps in wait_on_page_writeback");
        assertTrue(k.pages().pageFlag(page, PageFlag.WRITEBACK));
        assertEquals(1, k.bios().count());
        assertEquals(Bios.FILE_WRITE, k.bios().headOp());
        assertEquals(10, k.pageCache().disk(0, 0), "nothing reached the disk yet");
        KernelBlock reason = k.blockReasons().describe(T0, t -> "T" + t);
        assertTrue(reason.describe().contains("ended by the completion of the write queued for it"), reason.describe());

        k.spawn(IO, IoCompletion.class, 0, 0, 0, 0);
        assertEquals(ThreadStatus.IDLE, run(k, IO), "the completion context sleeps once the queue is empty");
        assertEquals(11, k.pageCache().disk(0, 0));
        assertFalse(k.pages().pageFlag(page, PageFlag.WRITEBACK));
        assertEquals(ThreadStatus.RUNNING, k.threads().status(T0), "end_page_writeback woke fsync");
        assertEquals(ThreadStatus.FINISHED, run(k, T0));
    }

    @Test
    void truncationWaitsForTheWriteInFlightWithThePageLocked() {
        Machine m = dirtyFilePage();
        Kernel k = m.k;
        int page = k.pageCache().lookup(0, 0);
        k.spawn(T0, FilemapWriteAndWait.class, 0, 0, 0, 0);
        run(k, T0);
        k.spawn(T1, TruncateRange.class, 0, 0, 1, 0);
        assertEquals(ThreadStatus.SLEEPING, run(k, T1));
        assertTrue(k.pages().pageFlag(page, PageFlag.LOCKED), "truncate holds the page lock while it waits");
        assertEquals(T1, k.pageLock().holder(page));
        assertTrue(k.blockReasons().describe(T1, t -> "T" + t).describe().contains("PG_writeback"));
        assertEquals(new Outcome.Returned(0), k.completeIo());
        assertEquals(ThreadStatus.FINISHED, run(k, T1));
        assertEquals(-1, k.pageCache().lookup(0, 0), "truncated after the write completed");
    }

    @Test
    void aPageWrittenForReclaimIsRotatedToTheInactiveTailWhenItsWriteCompletes() {
        Machine m = new Machine();
        int mm = m.mm();
        int a = m.mmapAnon(mm, 2);
        m.store(mm, a, 1);
        m.store(mm, a + Machine.PAGE, 2);
        Kernel k = m.k;
        k.run(ShrinkActiveList.class, 0, 1);
        k.run(ShrinkActiveList.class, 0, 1);
        k.spawn(T0, ShrinkZone.class, 0, 0, 0, 0);
        assertEquals(ThreadStatus.FINISHED, run(k, T0));
        int written = k.bios().headPfn();
        assertTrue(k.pages().pageFlag(written, PageFlag.RECLAIM), "pageout() sets PG_reclaim before writing");
        assertTrue(k.pages().pageFlag(written, PageFlag.WRITEBACK));
        int inactive = k.lru().head(0, Lru.LRU_INACTIVE_ANON);
        assertTrue(k.lists().count(inactive) >= 2, "both pages are inactive");
        assertEquals(written, k.lists().first(inactive), "kept while in flight: put back at the head");
        assertEquals(new Outcome.Returned(0), k.completeIo());
        assertFalse(k.pages().pageFlag(written, PageFlag.RECLAIM));
        assertFalse(k.pages().pageFlag(written, PageFlag.WRITEBACK));
        assertEquals(written, k.lru().lruToPage(inactive), "end_page_writeback rotated it to the tail");
    }

    @Test
    void aFullRequestQueueMakesTheSubmitterWait() {
        Machine m = new Machine(Config.defaults().toBuilder().nrBios(1).build());
        Kernel k = m.k;
        int f = k.pageCache().createFile(FileKind.REGULAR_RW, new int[] {1, 2});
        assertEquals(new Outcome.Returned(0), k.run(FileWrite.class, f, 0, 5));
        assertEquals(new Outcome.Returned(0), k.run(FileWrite.class, f, 1, 6));
        k.spawn(T0, FilemapWriteAndWait.class, f, 0, 0, 0);
        k.spawn(T1, FilemapWriteAndWait.class, f, 1, 0, 0);
        run(k, T0);
        assertEquals(ThreadStatus.RUNNING, run(k, T1), "T1 cannot submit: the one request is in flight");
        KernelBlock reason = k.blockReasons().describe(T1, t -> "T" + t);
        assertInstanceOf(KernelBlock.OnRequestQueue.class, reason);
        assertEquals(new Outcome.Returned(0), k.completeIo());
        assertEquals(ThreadStatus.SLEEPING, run(k, T1), "now it submits and waits for its own write");
    }

    @Test
    void sequentialCallsCompleteTheirOwnIoBeforeTheyReturn() {
        Machine m = dirtyFilePage();
        assertEquals(new Outcome.Returned(0), m.k.run(FilemapWriteAndWait.class, 0, 0));
        assertEquals(11, m.k.pageCache().disk(0, 0));
        assertEquals(0, m.k.bios().count());
    }
}
