package org.mmspec.ref.pagelock;

import static org.mmspec.ref.sched.Threads.TASK_KILLABLE;
import static org.mmspec.ref.sched.Threads.TASK_UNINTERRUPTIBLE;

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
 * {@code wait_on_page_bit_common(q, page, bit_nr, state, lock)} (mm/filemap.c, Linux 4.14), action by
 * action: under {@code q->lock}, queue (exclusively when {@code lock}) unless still queued, set
 * {@code PG_waiters} and announce the sleep ({@code set_current_state}); then {@code test_bit} — if the
 * bit is set, {@code io_schedule()}, which sleeps only if no wakeup came since the announcement; then
 * {@code test_and_set_bit_lock} ({@code lock}) or {@code test_bit}, and done if that succeeded; then, if
 * a fatal signal is pending (killable), give up with {@code -EINTR}; else round again. At the end,
 * {@code finish_wait()} ({@link FinishWait}). A wakeup removes the entry only when it woke the task
 * ({@link WakeUpPageBit}).
 *
 * <p>Fixed (a8b169afbf06): the bit is tried before the signal is looked at, so a woken exclusive waiter
 * takes the lock rather than dropping the wakeup. With {@link BugId#LOCK_PAGE_KILLABLE_WAKEUP}: the
 * signal is looked at right after {@code io_schedule()} (Linux 4.10–4.13), and a woken waiter with a
 * fatal signal returns without taking the lock or waking the next waiter. Context: may sleep; the
 * caller holds a reference.
 *
 * <p>Arguments: pfn, bit, killable (0/1), lock (0/1). Returns 0 or {@code -EINTR}.
 */
public final class WaitOnPageBit extends Procedure {

    public static final int EINTR = 4;

    private static final int PFN = 0;
    private static final int BIT = 1;
    private static final int KILLABLE = 2;
    private static final int LOCK = 3;
    private static final int RESULT = 4;

    private static final int PREPARE = 0;
    private static final int TEST_BIT = 1;
    private static final int SCHEDULE = 2;
    private static final int AFTER_SCHEDULE = 3;
    private static final int TRY = 4;
    private static final int SIGNAL = 5;
    private static final int FINISH = 6;
    private static final int DONE = 7;

    private final Threads threads;
    private final Pages pages;
    private final PageLock pageLock;
    private final PageWaitQueue pageWaitQueue;
    private final FinishWait finishWait;

    public WaitOnPageBit(Threads threads, Pages pages, PageLock pageLock, PageWaitQueue pageWaitQueue,
            FinishWait finishWait) {
        super("wait_on_page_bit_common", "prepare_to_wait", "test_bit", "io_schedule", "signal_pending_state(buggy)",
                "test_and_set_bit_lock", "signal_pending_state", "finish_wait", "done");
        this.threads = threads;
        this.pages = pages;
        this.pageLock = pageLock;
        this.pageWaitQueue = pageWaitQueue;
        this.finishWait = finishWait;
    }

    private static PageFlag bit(Ctx c) {
        return c.local(BIT) == PageFlag.WRITEBACK.bit() ? PageFlag.WRITEBACK : PageFlag.LOCKED;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int pfn = c.local(PFN);
        boolean lock = c.local(LOCK) != 0;
        return switch (pc) {
            case PREPARE -> prepare(c, pfn, lock);
            case TEST_BIT -> c.yieldTo(pages.pageFlag(pfn, bit(c)) ? SCHEDULE : TRY);
            case SCHEDULE -> {
                threads.schedule(c.tid());
                yield c.yieldTo(c.bug(BugId.LOCK_PAGE_KILLABLE_WAKEUP) ? AFTER_SCHEDULE : TRY);
            }
            case AFTER_SCHEDULE -> c.yieldTo(signalled(c) ? finish(c, -EINTR) : TRY);
            case TRY -> {
                if (lock ? pageLock.trylockPage(pfn) : !pages.pageFlag(pfn, bit(c))) {
                    c.set(RESULT, 0);
                    yield lock ? c.next(FINISH) : c.yieldTo(FINISH);
                }
                yield c.yieldTo(SIGNAL);
            }
            case SIGNAL -> c.yieldTo(signalled(c) ? finish(c, -EINTR) : PREPARE);
            case FINISH -> c.call(finishWait, DONE, 0);
            case DONE -> c.ret(c.local(RESULT));
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 2, pc);
        };
    }

    /** Under {@code q->lock}: queue unless queued, {@code SetPageWaiters}, {@code set_current_state}. */
    private Flow prepare(Ctx c, int pfn, boolean lock) {
        if (lock) {
            c.acquiring(LockClass.PAGE_LOCK);
        } else if (bit(c) == PageFlag.WRITEBACK) {
            c.acquiring(LockClass.WRITEBACK);
        }
        if (!pageWaitQueue.lock()) {
            return Flow.BLOCK;
        }
        boolean killable = c.local(KILLABLE) != 0;
        if (!pageWaitQueue.queued(c.tid())) {
            int flags = (lock ? PageWaitQueue.EXCLUSIVE : 0) | (killable ? PageWaitQueue.KILLABLE : 0);
            pageWaitQueue.add(c.tid(), pfn, bit(c), flags);
        }
        threads.setCurrentState(c.tid(), killable ? TASK_KILLABLE : TASK_UNINTERRUPTIBLE);
        pageWaitQueue.unlock();
        return c.yieldTo(TEST_BIT);
    }

    /** {@code signal_pending_state(state, current)}: only a killable sleep minds a (fatal) signal. */
    private boolean signalled(Ctx c) {
        return c.local(KILLABLE) != 0 && threads.fatalSignalPending(c.tid());
    }

    /** Leaves the loop with {@code ret}: the next program point is {@code finish_wait}. */
    private static int finish(Ctx c, int ret) {
        c.set(RESULT, ret);
        return FINISH;
    }

    @Override
    protected String detail(FrameView f) {
        return "pfn=" + f.local(PFN) + (f.local(BIT) == PageFlag.WRITEBACK.bit() ? " PG_writeback" : " PG_locked");
    }
}
