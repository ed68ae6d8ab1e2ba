package org.mmspec.ref.filemap;

import static org.mmspec.ref.state.Layout.WQ_BIT;
import static org.mmspec.ref.state.Layout.WQ_FIELDS;
import static org.mmspec.ref.state.Layout.WQ_FLAGS;
import static org.mmspec.ref.state.Layout.WQ_PFN;
import static org.mmspec.ref.state.Layout.WQ_TID;

import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.sched.ThreadStatus;
import org.mmspec.ref.sched.Threads;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;

/**
 * The page wait queues (mm/filemap.c, Linux 4.10+ with {@code PG_waiters}): tasks waiting for a page
 * bit ({@code PG_locked}, {@code PG_writeback}) sit in FIFO order; non-exclusive waiters are added at
 * the head, exclusive ones ({@code lock_page}) at the tail. The kernel hashes pages onto a table of
 * queues; the model keeps one exact queue, so a wakeup never sees another page's waiters.
 * {@code q->lock} is taken inside single steps.
 */
public final class PageWaitQueue {

    public static final int EXCLUSIVE = 1;
    /** The waiter sleeps in {@code TASK_KILLABLE}: a fatal signal makes it runnable. */
    public static final int KILLABLE = 2;

    private final Config c;
    private final Layout l;
    private final Mem m;
    private final Pages pages;
    private final Threads threads;

    public PageWaitQueue(Config c, Layout l, Mem m, Pages pages, Threads threads) {
        this.c = c;
        this.l = l;
        this.m = m;
        this.pages = pages;
        this.threads = threads;
    }

    private int used() {
        int n = 0;
        while (n < c.waitQueueSlots() && m.get(l.waitQueue(n, WQ_TID)) != 0) {
            n++;
        }
        return n;
    }

    /** The entry index of {@code tid}'s wait entry, or -1 ({@code list_empty(&wait->entry)}). */
    public int find(int tid) {
        int n = used();
        for (int e = 0; e < n; e++) {
            if (m.get(l.waitQueue(e, WQ_TID)) == tid + 1) {
                return e;
            }
        }
        return -1;
    }

    public boolean queued(int tid) {
        return find(tid) >= 0;
    }

    /**
     * {@code __add_wait_queue} / {@code __add_wait_queue_entry_tail_exclusive} and
     * {@code SetPageWaiters(page)}: queues {@code tid} for {@code bit} of {@code pfn}.
     */
    public void add(int tid, int pfn, PageFlag bit, int flags) {
        int n = used();
        if (n >= c.waitQueueSlots()) {
            throw new Oops(OopsKind.MODEL_CAPACITY, 5, n);
        }
        int at = (flags & EXCLUSIVE) != 0 ? n : 0;
        for (int e = n; e > at; e--) {
            copy(e - 1, e);
        }
        m.set(l.waitQueue(at, WQ_TID), tid + 1);
        m.set(l.waitQueue(at, WQ_PFN), pfn);
        m.set(l.waitQueue(at, WQ_BIT), bit.bit());
        m.set(l.waitQueue(at, WQ_FLAGS), flags);
        pages.setPageFlag(pfn, PageFlag.WAITERS);
    }

    /** {@code finish_wait()}: removes {@code tid}'s entry if it is still queued. */
    public void remove(int tid) {
        int e = find(tid);
        if (e >= 0) {
            removeAt(e);
        }
    }

    private void removeAt(int e) {
        int n = used();
        for (int i = e; i < n - 1; i++) {
            copy(i + 1, i);
        }
        for (int f = 0; f < WQ_FIELDS; f++) {
            m.set(l.waitQueue(n - 1, f), 0);
        }
    }

    private void copy(int from, int to) {
        for (int f = 0; f < WQ_FIELDS; f++) {
            m.set(l.waitQueue(to, f), m.get(l.waitQueue(from, f)));
        }
    }

    /**
     * {@code wake_up_page_bit(page, bit)} (mm/filemap.c): walks the queue in order; a waiter for this
     * page and bit is woken (removed, made runnable) unless the bit is set again; the walk stops after
     * the first exclusive waiter woken. {@code PG_waiters} is cleared when no waiter for the page
     * remains. The caller need not hold a reference: the page may have been freed since its bit was
     * cleared (a read completion's {@code unlock_page()} holds none); the wait queue's lock, not a
     * reference, serializes this with anyone who starts waiting on the page anew.
     */
    public void wakeUpPageBit(int pfn, PageFlag bit) {
        int e = 0;
        boolean bitSet = pages.pageFlagUnderWaitQueueLock(pfn, bit);
        while (e < used()) {
            int w = l.waitQueue(e, 0);
            if (m.get(w + WQ_PFN) != pfn || m.get(w + WQ_BIT) != bit.bit() || bitSet) {
                e++;
                continue;
            }
            int tid = m.get(w + WQ_TID) - 1;
            boolean exclusive = (m.get(w + WQ_FLAGS) & EXCLUSIVE) != 0;
            removeAt(e);
            threads.wake(tid);
            if (exclusive) {
                break;
            }
        }
        if (!hasWaiters(pfn)) {
            pages.clearPageWaitersUnderWaitQueueLock(pfn);
        }
    }

    /** Whether any task waits on any bit of {@code pfn}. */
    public boolean hasWaiters(int pfn) {
        int n = used();
        for (int e = 0; e < n; e++) {
            if (m.get(l.waitQueue(e, WQ_PFN)) == pfn) {
                return true;
            }
        }
        return false;
    }

    /** {@code signal_wake_up()} for a killable sleeper: runnable again, its entry stays queued. */
    public void signalWake(int tid) {
        int e = find(tid);
        if (e >= 0 && (m.get(l.waitQueue(e, WQ_FLAGS)) & KILLABLE) != 0
                && threads.status(tid) == ThreadStatus.SLEEPING) {
            threads.wake(tid);
        }
    }

    /** The pfn {@code tid} waits on, or -1. */
    public int waitedPfn(int tid) {
        int e = find(tid);
        return e < 0 ? -1 : m.get(l.waitQueue(e, WQ_PFN));
    }

    /** The bit {@code tid} waits for, or -1. */
    public int waitedBit(int tid) {
        int e = find(tid);
        return e < 0 ? -1 : m.get(l.waitQueue(e, WQ_BIT));
    }
}
