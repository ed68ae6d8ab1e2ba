package org.mmspec.invariants;

import java.util.List;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.sched.ThreadStatus;
import org.mmspec.ref.view.MmView.FrameInfo;
import org.mmspec.ref.view.MmView.WaitEntry;
import org.mmspec.ref.view.MmView;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.Witness;

/**
 * {@code page_lock_sane}: (a) {@code PG_locked} is set iff exactly one thread holds the page lock (the
 * ghost holder); (b) every sleeping thread is on the page wait queue, and the page it waits on has
 * {@code PG_waiters} (else {@code unlock_page()} skips the wakeup); (c) no lost wakeup: when a page is
 * unlocked while a thread sleeps on its {@code PG_locked}, some runnable thread is about to take the
 * lock or pass the wakeup on — one inside {@code wait_on_page_bit_common()} for that page's
 * {@code PG_locked}, or one in {@code unlock_page()} at its {@code wake_up_page_bit()} step. Condition (c)
 * is what bug A13 ({@code lock-page-killable-wakeup}) breaks.
 *
 * <p>Kernel: include/linux/pagemap.h {@code trylock_page()}/{@code lock_page()}, mm/filemap.c
 * {@code unlock_page()} ({@code clear_bit_unlock_is_negative_byte()} then {@code wake_up_page_bit()} when
 * {@code PG_waiters} was set), {@code wait_on_page_bit_common()} (62906027091f added {@code PG_waiters};
 * a8b169afbf06 and 777c6c5f1f6e fixed woken exclusive waiters that dropped the wakeup).
 */
public final class PageLockSane implements Invariant<MmView> {

    public static final String ID = "page_lock_sane";

    private static final String WAIT_ON_PAGE_BIT = "wait_on_page_bit_common";
    private static final String UNLOCK_PAGE = "unlock_page";
    private static final String WAKE_UP_PAGE_BIT = "wake_up_page_bit";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "PG_locked iff exactly one holder; a sleeping task is queued on a page with PG_waiters; an unlocked"
                + " page with a sleeping PG_locked waiter has a runnable task about to take or pass on the lock"
                + " (no lost wakeup)";
    }

    @Override
    public Witness check(MmView v) {
        Witness w = checkHolders(v);
        if (w != null) {
            return w;
        }
        int threads = v.config().threadSlots();
        for (int tid = 0; tid < threads; tid++) {
            if (v.threadStatus(tid) == ThreadStatus.SLEEPING) {
                return checkSleepers(v);
            }
        }
        return null;
    }

    private static Witness checkHolders(MmView v) {
        int pages = v.config().nrPages();
        int threads = v.config().threadSlots();
        for (int pfn = 0; pfn < pages; pfn++) {
            boolean locked = v.pageFlag(pfn, PageFlag.LOCKED);
            int holder = v.lockHolder(pfn);
            if (holder >= threads) {
                return Witness.of(Names.pfn(pfn) + ": lock holder " + holder + " is no thread", Names.pfn(pfn));
            }
            if (locked && holder < 0) {
                return Witness.of(Names.pfn(pfn) + ": PG_locked set but no thread holds the page lock", Names.pfn(pfn));
            }
            if (!locked && holder >= 0) {
                return Witness.of(Names.pfn(pfn) + ": " + Names.thread(holder)
                        + " holds the page lock but PG_locked is clear", Names.pfn(pfn), Names.thread(holder));
            }
        }
        return null;
    }

    /** (b) and (c); some thread sleeps, so the lists are worth building. */
    private static Witness checkSleepers(MmView v) {
        List<WaitEntry> queue = v.waitQueue();
        int threads = v.config().threadSlots();
        for (int tid = 0; tid < threads; tid++) {
            if (v.threadStatus(tid) != ThreadStatus.SLEEPING) {
                continue;
            }
            WaitEntry entry = entryOf(queue, tid);
            String t = Names.thread(tid);
            if (entry == null) {
                return Witness.of(t + " sleeps but is on no page wait queue: nothing will wake it", t);
            }
            int pfn = entry.pfn();
            String page = Names.pfn(pfn);
            if (!Scan.validPfn(v, pfn)) {
                return Witness.of(t + " waits on pfn " + pfn + ", which has no struct page", t);
            }
            if (!v.pageFlag(pfn, PageFlag.WAITERS)) {
                return Witness.of(t + " sleeps on " + page + ", which lacks PG_waiters: unlock_page() will not wake it",
                        page, t);
            }
            if (entry.bit() == PageFlag.LOCKED.bit() && !v.pageFlag(pfn, PageFlag.LOCKED) && !wakerFor(v, pfn)) {
                return Witness.of("lost wakeup: " + page + " is unlocked, " + t + " sleeps on its PG_locked and no"
                        + " runnable task will take the lock or wake it", page, t);
            }
        }
        return null;
    }

    private static WaitEntry entryOf(List<WaitEntry> queue, int tid) {
        for (WaitEntry e : queue) {
            if (e.tid() == tid) {
                return e;
            }
        }
        return null;
    }

    /**
     * A runnable thread waiting for the page's PG_locked itself, or about to wake its waiters ({@code
     * unlock_page} before, or {@code wake_up_page_bit} in, its walk of the wait queue).
     */
    private static boolean wakerFor(MmView v, int pfn) {
        int threads = v.config().threadSlots();
        for (int tid = 0; tid < threads; tid++) {
            ThreadStatus s = v.threadStatus(tid);
            if (s != ThreadStatus.RUNNING && s != ThreadStatus.READY) {
                continue;
            }
            for (FrameInfo f : v.frames(tid)) {
                boolean waiter = f.procedure().equals(WAIT_ON_PAGE_BIT) && f.locals()[0] == pfn
                        && f.locals()[1] == PageFlag.LOCKED.bit();
                boolean waker = f.procedure().equals(UNLOCK_PAGE) && f.point().equals(WAKE_UP_PAGE_BIT)
                        && f.locals()[0] == pfn
                        || f.procedure().equals(WAKE_UP_PAGE_BIT) && f.locals()[0] == pfn
                        && f.locals()[1] == PageFlag.LOCKED.bit();
                if (waiter || waker) {
                    return true;
                }
            }
        }
        return false;
    }
}
