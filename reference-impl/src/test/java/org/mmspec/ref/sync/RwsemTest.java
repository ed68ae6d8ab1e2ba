package org.mmspec.ref.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.vma.Mms;

/**
 * {@code mmap_sem} as Linux 4.9's generic rwsem behaves (kernel/locking/rwsem-spinlock.c): writer
 * preference, a FIFO wait list, readers handed the lock by the waker, writers woken to retry (and robbed by a
 * running writer).
 */
class RwsemTest {

    private final Kernel k = Kernel.boot(Config.defaults());
    private final Mms mms = k.mms();
    private final int mm = mms.mmAlloc();
    private final Locks.Rwsem sem = mms.mmapSem(mm);

    private boolean as(int tid, java.util.function.BooleanSupplier op) {
        k.current().enter(tid);
        return op.getAsBoolean();
    }

    private void as(int tid, Runnable op) {
        k.current().enter(tid);
        op.run();
    }

    private int waiters() {
        return k.mem().get(sem.waiters());
    }

    /** The thread's {@code rwsem_waiter} word: 0 none, > 0 queued, < 0 handed the lock. */
    private int waiter(int tid) {
        return k.mem().get(k.layout().thread(tid, Layout.TH_WAIT));
    }

    private boolean queued(int tid) {
        return waiter(tid) > 0 && (waiter(tid) & Locks.WAITER_WOKEN) == 0;
    }

    private boolean woken(int tid) {
        return (waiter(tid) & Locks.WAITER_WOKEN) != 0;
    }

    private String waitList() {
        int w = waiters();
        return Locks.waiters(w, 0, Locks.length(w), t -> "T" + t);
    }

    @Test
    void aReaderQueuesBehindAWaitingWriterAndIsHandedTheLockAfterIt() {
        assertTrue(as(0, () -> mms.downRead(mm)));
        assertFalse(as(1, () -> mms.downWrite(mm)), "a writer waits for the reader");
        assertTrue(queued(1));
        assertFalse(as(2, () -> mms.downRead(mm)), "writer preference: a new reader queues behind the writer");
        assertEquals("T1 (write), T2 (read)", waitList());
        as(0, () -> mms.upRead(mm));
        assertTrue(woken(1), "the last reader wakes the writer");
        assertTrue(queued(2));
        assertTrue(as(1, () -> mms.downWrite(mm)), "the woken writer retries and takes the lock");
        assertEquals("T2 (read)", waitList());
        as(1, () -> mms.upWrite(mm));
        assertEquals(1, Locks.readHolds(k.mem().get(sem.readers()), 2), "the waker handed the reader its hold");
        assertTrue(waiter(2) < 0, "the grant (waiter.task = NULL) waits to be consumed");
        assertTrue(as(2, () -> mms.downRead(mm)), "the reader resumes holding the lock");
        assertEquals(0, waiter(2));
        as(2, () -> mms.upRead(mm));
        assertTrue(k.locks().idle(sem));
    }

    @Test
    void readersAtTheHeadAreHandedTheLockUpToTheFirstWriter() {
        assertTrue(as(0, () -> mms.downWrite(mm)));
        assertFalse(as(1, () -> mms.downRead(mm)));
        assertFalse(as(2, () -> mms.downRead(mm)));
        assertFalse(as(3, () -> mms.downWrite(mm)));
        as(0, () -> mms.upWrite(mm));
        assertEquals("T3 (write)", waitList());
        assertEquals("T1,T2 (read)", Locks.holders(k.mem().get(sem.readers()), 0));
        assertTrue(queued(3));
    }

    @Test
    void aSpinningWriterStealsTheLockFromAWokenWaiter() {
        assertTrue(as(0, () -> mms.downWrite(mm)));
        assertFalse(as(1, () -> mms.downWrite(mm)));
        as(0, () -> mms.upWrite(mm));
        assertTrue(woken(1));
        assertTrue(as(2, () -> mms.downWrite(mm)), "the lock is free: a running writer takes it");
        assertFalse(as(1, () -> mms.downWrite(mm)), "the woken waiter finds it taken and sleeps again");
        assertTrue(queued(1));
        assertEquals("T1 (write)", waitList(), "without queueing twice");
        as(2, () -> mms.upWrite(mm));
        assertTrue(as(1, () -> mms.downWrite(mm)));
        assertEquals(0, waiters());
    }

    @Test
    void aRecursiveReadSucceedsUnlessAWriterWaits() {
        assertTrue(as(0, () -> mms.downRead(mm)));
        assertTrue(as(0, () -> mms.downRead(mm)), "no writer waits: the fast path");
        assertEquals("T0\u00d72 (read)", Locks.holders(k.mem().get(sem.readers()), 0));
        as(0, () -> mms.upRead(mm));
        assertFalse(as(1, () -> mms.downWrite(mm)));
        assertFalse(as(0, () -> mms.downRead(mm)), "behind the waiting writer: the reader waits for itself");
        assertEquals("T1 (write), T0 (read)", waitList());
    }

    @Test
    void releasingAnRwsemOneDoesNotHoldIsABug() {
        assertTrue(as(0, () -> mms.downRead(mm)));
        Oops o = assertThrows(Oops.class, () -> as(1, () -> mms.upRead(mm)));
        assertEquals(OopsKind.UNLOCK_NOT_HELD, o.kind());
        Oops w = assertThrows(Oops.class, () -> as(1, () -> mms.upWrite(mm)));
        assertEquals(OopsKind.UNLOCK_NOT_HELD, w.kind());
    }

    @Test
    void aQueuedThreadStopsItsStepAndTheQueueingCannotFollowAnotherAcquisition() {
        assertTrue(as(0, () -> mms.downWrite(mm)));
        k.current().enter(1);
        assertFalse(mms.downRead(mm));
        assertTrue(k.current().queued(), "the step ends kept: the wait-list entry is state");
        int other = mms.mmAlloc();
        k.current().enter(2);
        assertTrue(mms.downRead(other));
        Oops o = assertThrows(Oops.class, () -> mms.downRead(mm), "queueing after taking a lock in the same step");
        assertEquals(OopsKind.MODEL_MISUSE, o.kind());
    }
}
