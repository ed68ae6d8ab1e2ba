package org.mmspec.invariants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmspec.invariants.Machines.assertHolds;
import static org.mmspec.invariants.Machines.assertViolated;

import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.mmspec.ref.Kernel;
import org.mmspec.ref.bugs.BugId;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.proc.PageLockUser;
import org.mmspec.ref.sched.ThreadStatus;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.Layout;

/** Page-lock states need threads that sleep: these tests step them one atomic step at a time. */
class PageLockSaneTest {

    private static final int HOLDER = 1;
    private static final int WAITER = 0;
    private static final int SECOND_WAITER = 2;

    private final PageLockSane inv = new PageLockSane();

    /** A mapped anon page: its pfn. */
    private static int page(Kernel k) {
        int mm = k.mms().mmAlloc();
        int addr = Machines.anon(k, mm, 1);
        Machines.store(k, mm, addr, 7);
        return Machines.pfnAt(k, mm, addr);
    }

    /** Steps {@code tid} once, then checks the invariant holds. */
    private void step(Kernel k, int tid) {
        k.executor().step(tid);
        assertHolds(inv, k);
    }

    /** Steps {@code tid} until {@code done} (a few steps at most), checking the invariant after each. */
    private void stepUntil(Kernel k, int tid, BooleanSupplier done) {
        for (int i = 0; i < 12 && !done.getAsBoolean(); i++) {
            step(k, tid);
        }
        assertTrue(done.getAsBoolean(), "T" + tid + " did not get there");
    }

    /** HOLDER takes the page lock (it stops in its critical section); WAITER queues and sleeps. */
    private int lockedWithSleepingWaiter(Kernel k, boolean killable) {
        int pfn = page(k);
        k.spawn(HOLDER, PageLockUser.class, pfn, 0, 0, 0);
        step(k, HOLDER);
        assertEquals(HOLDER, k.pageLock().holder(pfn));
        k.spawn(WAITER, PageLockUser.class, pfn, killable ? 1 : 0, 0, 0);
        stepUntil(k, WAITER, () -> k.threads().status(WAITER) == ThreadStatus.SLEEPING);
        return pfn;
    }

    @Test
    void holdsThroughLockSleepUnlockAndWakeup() {
        Kernel k = Machines.boot();
        int pfn = lockedWithSleepingWaiter(k, false);
        step(k, HOLDER);
        assertFalse(k.pages().pageFlag(pfn, PageFlag.LOCKED), "unlocked, the wakeup still to come");
        assertEquals(ThreadStatus.SLEEPING, k.threads().status(WAITER));
        stepUntil(k, HOLDER, () -> k.threads().status(WAITER) != ThreadStatus.SLEEPING);
        while (k.threads().status(WAITER) != ThreadStatus.FINISHED) {
            step(k, WAITER);
        }
    }

    @Test
    void holdsWhenASequentialCallerKeepsThePageLocked() {
        Kernel k = Machines.boot();
        int pfn = page(k);
        Machines.returned(k.run(org.mmspec.ref.pagelock.LockPage.class, pfn, 0));
        assertHolds(inv, k);
    }

    /**
     * A13: HOLDER unlocks and wakes WAITER (killable, exclusive, first in line); WAITER then sees a fatal
     * signal and, with the bug, returns without the lock and without passing the wakeup to SECOND_WAITER.
     */
    private Kernel a13(Config config) {
        Kernel k = Kernel.boot(config);
        int pfn = lockedWithSleepingWaiter(k, true);
        k.spawn(SECOND_WAITER, PageLockUser.class, pfn, 0, 0, 0);
        stepUntil(k, SECOND_WAITER, () -> k.threads().status(SECOND_WAITER) == ThreadStatus.SLEEPING);
        step(k, HOLDER);
        stepUntil(k, HOLDER, () -> k.threads().status(WAITER) != ThreadStatus.SLEEPING);
        stepUntil(k, HOLDER, () -> k.threads().status(HOLDER) == ThreadStatus.FINISHED);
        k.threads().setFatalSignal(WAITER);
        for (int i = 0; i < 12 && k.threads().status(WAITER) != ThreadStatus.FINISHED
                && k.pageLock().holder(pfn) != WAITER; i++) {
            k.executor().step(WAITER);
        }
        return k;
    }

    @Test
    void catchesTheLostWakeupOfBugA13() {
        Kernel k = a13(Config.defaults().withBugs(Set.of(BugId.LOCK_PAGE_KILLABLE_WAKEUP)));
        assertEquals(ThreadStatus.FINISHED, k.threads().status(WAITER));
        assertViolated(inv, k, Names.thread(SECOND_WAITER));
    }

    @Test
    void holdsOnTheSameScheduleWithTheFix() {
        Kernel k = a13(Config.defaults());
        assertHolds(inv, k);
        assertTrue(k.pageLock().holder(Machines.pfnAt(k, 1, 0x1000)) == WAITER, "the woken waiter took the lock");
    }

    @Test
    void catchesPgLockedWithoutAHolder() {
        Kernel k = Machines.boot();
        int pfn = page(k);
        Machines.setPage(k, pfn, Layout.PG_FLAGS, k.pages().flags(pfn) | PageFlag.LOCKED.mask());
        assertViolated(inv, k, Names.pfn(pfn));
    }

    @Test
    void catchesAHolderWithoutPgLocked() {
        Kernel k = Machines.boot();
        int pfn = page(k);
        Machines.setPage(k, pfn, Layout.PG_LOCKER, HOLDER + 1);
        assertViolated(inv, k, Names.thread(HOLDER));
    }

    @Test
    void catchesASleeperOnAPageWithoutPgWaiters() {
        Kernel k = Machines.boot();
        int pfn = lockedWithSleepingWaiter(k, false);
        Machines.setPage(k, pfn, Layout.PG_FLAGS, k.pages().flags(pfn) & ~PageFlag.WAITERS.mask());
        assertViolated(inv, k, Names.thread(WAITER));
    }

    @Test
    void catchesASleeperOnNoWaitQueue() {
        Kernel k = Machines.boot();
        lockedWithSleepingWaiter(k, false);
        for (int f = 0; f < Layout.WQ_FIELDS; f++) {
            k.mem().set(k.layout().waitQueue(0, f), 0);
        }
        assertViolated(inv, k, Names.thread(WAITER));
    }

    @Test
    void catchesAnUnlockThatForgotTheWakeup() {
        Kernel k = Machines.boot();
        lockedWithSleepingWaiter(k, false);
        step(k, HOLDER);
        k.threads().setStatus(HOLDER, ThreadStatus.FINISHED);
        assertViolated(inv, k, Names.thread(WAITER));
    }
}
