package org.mmspec.ref.pagelock;

import org.mmspec.ref.bugs.BugId;
import org.mmspec.ref.filemap.PageLock;
import org.mmspec.ref.filemap.PageWaitQueue;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.sched.Threads;
import org.mmspec.ref.sync.LockClass;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code wait_on_page_bit_common(q, page, bit_nr, state, lock)} (mm/filemap.c, Linux 4.10+): queue on
 * the page's wait queue (exclusively when {@code lock}) and set {@code PG_waiters}; sleep while the bit
 * is set; once woken, either take the bit ({@code lock}) or see it clear, else queue again. A killable
 * waiter gives up on a fatal signal with {@code -EINTR}.
 *
 * <p>Fixed (a8b169afbf06): after a wakeup the bit is tried before the signal is looked at, so a woken
 * exclusive waiter takes the lock rather than dropping the wakeup. With
 * {@link BugId#LOCK_PAGE_KILLABLE_WAKEUP}: the signal is checked first (Linux 4.10–4.13), and a woken
 * waiter with a fatal signal returns without taking the lock or waking the next waiter.
 *
 * <p>Arguments: pfn, bit, killable (0/1), lock (0/1). Returns 0 or {@code -EINTR}.
 */
public final class WaitOnPageBit extends Procedure {

    public static final int EINTR = 4;

    private static final int PFN = 0;
    private static final int BIT = 1;
    private static final int KILLABLE = 2;
    private static final int LOCK = 3;

    private static final int PREPARE = 0;
    private static final int TEST_BIT = 1;
    private static final int AFTER_SCHEDULE = 2;
    private static final int TRY = 3;

    private final Threads threads;
    private final Pages pages;
    private final PageLock pageLock;
    private final PageWaitQueue pageWaitQueue;

    public WaitOnPageBit(Threads threads, Pages pages, PageLock pageLock, PageWaitQueue pageWaitQueue) {
        super("wait_on_page_bit_common", "prepare_to_wait", "test_bit", "io_schedule", "test_and_set_bit");
        this.threads = threads;
        this.pages = pages;
        this.pageLock = pageLock;
        this.pageWaitQueue = pageWaitQueue;
    }

    private PageFlag bit(Ctx c) {
        return c.local(BIT) == PageFlag.WRITEBACK.bit() ? PageFlag.WRITEBACK : PageFlag.LOCKED;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int pfn = c.local(PFN);
        boolean killable = c.local(KILLABLE) != 0;
        boolean lock = c.local(LOCK) != 0;
        boolean signalled = killable && threads.fatalSignalPending(c.tid());
        switch (pc) {
            case PREPARE -> {
                PageWaitQueue q = pageWaitQueue;
                if (!q.queued(c.tid())) {
                    if (lock) {
                        c.acquiring(LockClass.PAGE_LOCK);
                    } else if (bit(c) == PageFlag.WRITEBACK) {
                        c.acquiring(LockClass.WRITEBACK);
                    }
                    int flags = (lock ? PageWaitQueue.EXCLUSIVE : 0) | (killable ? PageWaitQueue.KILLABLE : 0);
                    q.add(c.tid(), pfn, bit(c), flags);
                }
                return c.yieldTo(TEST_BIT);
            }
            case TEST_BIT -> {
                if (!pages.pageFlag(pfn, bit(c))) {
                    return c.next(TRY);
                }
                if (pageWaitQueue.queued(c.tid()) && !signalled) {
                    return c.sleep(AFTER_SCHEDULE);
                }
                return c.next(AFTER_SCHEDULE);
            }
            case AFTER_SCHEDULE -> {
                if (c.bug(BugId.LOCK_PAGE_KILLABLE_WAKEUP) && signalled) {
                    return finish(c, -EINTR);
                }
                return c.next(TRY);
            }
            case TRY -> {
                if (lock ? pageLock.trylockPage(pfn) : !pages.pageFlag(pfn, bit(c))) {
                    return finish(c, 0);
                }
                if (signalled) {
                    return finish(c, -EINTR);
                }
                return c.yieldTo(PREPARE);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 2, pc);
        }
    }

    /** {@code finish_wait()}: off the queue (if a waker has not already taken it off), and return. */
    private Flow finish(Ctx c, int ret) {
        pageWaitQueue.remove(c.tid());
        return c.ret(ret);
    }

    @Override
    protected String detail(FrameView f) {
        return "pfn=" + f.local(PFN) + (f.local(BIT) == PageFlag.WRITEBACK.bit() ? " PG_writeback" : " PG_locked");
    }
}
