package org.mmspec.ref.pagelock;

import org.mmspec.ref.filemap.PageWaitQueue;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.sched.Threads;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code wake_up_page_bit(page, bit_nr)} (mm/filemap.c, Linux 4.14, without the 4.14.y bookmarks):
 * under {@code q->lock}, {@code __wake_up_common(q, TASK_NORMAL, 1, 0, &key)} walks the queue in order
 * with {@code wake_page_function}: an entry for another page or bit is passed over ({@code page_match}
 * remembers that the page had an entry); for a matching entry {@code test_bit} — if the bit is set again
 * the task is left asleep — else {@code autoremove_wake_function}: {@code try_to_wake_up()}, and only if
 * that woke the task (it was not already running) the entry is removed and, for an exclusive waiter,
 * the walk stops (one exclusive wakeup). Then {@code ClearPageWaiters} unless the queue still holds
 * entries and the page had one, and the lock is released. Each {@code test_bit} and
 * {@code try_to_wake_up} is an action of its own; the lock is held across them. The caller need not hold a
 * reference: the page may have been freed since its bit was cleared (a read completion's {@code
 * unlock_page()} holds none); the wait queue's lock, not a reference, serialises this with anyone who
 * starts waiting on the page anew (so {@code page_ref_held} does not count these accesses). Context: any
 * (unlock_page, end_page_writeback); takes {@code q->lock} and each woken task's runqueue lock.
 *
 * <p>Arguments: pfn, bit number.
 */
public final class WakeUpPageBit extends Procedure {

    private static final int PFN = 0;
    private static final int BIT = 1;
    /** The next entry to look at. */
    private static final int CURSOR = 2;
    /** 1 once an entry for the page was seen ({@code key.page_match}). */
    private static final int MATCH = 3;

    private static final int LOCK = 0;
    private static final int WALK = 1;
    private static final int WAKE = 2;

    private final Threads threads;
    private final Pages pages;
    private final PageWaitQueue q;

    public WakeUpPageBit(Threads threads, Pages pages, PageWaitQueue q) {
        super("wake_up_page_bit", "spin_lock(q->lock)", "wake_page_function:test_bit", "try_to_wake_up");
        this.threads = threads;
        this.pages = pages;
        this.q = q;
    }

    private static PageFlag bit(Ctx c) {
        return c.local(BIT) == PageFlag.WRITEBACK.bit() ? PageFlag.WRITEBACK : PageFlag.LOCKED;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        switch (pc) {
            case LOCK -> {
                if (!q.lock()) {
                    return Flow.BLOCK;
                }
                return walk(c);
            }
            case WALK -> {
                return walk(c);
            }
            case WAKE -> {
                int e = c.local(CURSOR);
                boolean exclusive = q.entryExclusive(e);
                if (threads.tryToWakeUp(q.entryTid(e), Threads.WAKE_NORMAL)) {
                    q.removeAt(e);
                    if (exclusive) {
                        return end(c);
                    }
                } else {
                    c.set(CURSOR, e + 1);
                }
                return c.yieldTo(WALK);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 30, pc);
        }
    }

    /** Passes over other pages' and bits' entries; at a matching one, {@code test_bit} ends the step. */
    private Flow walk(Ctx c) {
        int pfn = c.local(PFN);
        for (int e = c.local(CURSOR); e < q.size(); e++) {
            if (q.entryPfn(e) != pfn) {
                continue;
            }
            c.set(MATCH, 1);
            if (q.entryBit(e) != c.local(BIT)) {
                continue;
            }
            if (pages.pageFlagUnderWaitQueueLock(pfn, bit(c))) {
                c.set(CURSOR, e + 1);
                return c.yieldTo(WALK);
            }
            c.set(CURSOR, e);
            return c.yieldTo(WAKE);
        }
        return end(c);
    }

    /** {@code ClearPageWaiters} unless other entries remain and the page had one; {@code spin_unlock}. */
    private Flow end(Ctx c) {
        q.clearWaitersUnlessActive(c.local(PFN), c.local(MATCH) != 0);
        q.unlock();
        return c.ret(0);
    }

    @Override
    protected String detail(FrameView f) {
        return "pfn=" + f.local(PFN) + (f.local(BIT) == PageFlag.WRITEBACK.bit() ? " PG_writeback" : " PG_locked");
    }
}
