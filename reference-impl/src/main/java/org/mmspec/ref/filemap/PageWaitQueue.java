package org.mmspec.ref.filemap;

import static org.mmspec.ref.state.Layout.WQ_BIT;
import static org.mmspec.ref.state.Layout.WQ_FIELDS;
import static org.mmspec.ref.state.Layout.WQ_FLAGS;
import static org.mmspec.ref.state.Layout.WQ_PFN;
import static org.mmspec.ref.state.Layout.WQ_TID;

import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.state.Config;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;
import org.mmspec.ref.sync.BlockKind;
import org.mmspec.ref.sync.LockClass;
import org.mmspec.ref.sync.Locks;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;

/**
 * The page wait queue (mm/filemap.c {@code page_waitqueue()}, kernel/sched/wait.c, Linux 4.10+ with
 * {@code PG_waiters}): tasks waiting for a page bit ({@code PG_locked}, {@code PG_writeback}) sit in FIFO
 * order; non-exclusive waiters are added at the head, exclusive ones ({@code lock_page}) at the tail.
 * The kernel hashes pages onto a table of queues; the model keeps one queue for every page (one hash
 * bucket), so a wakeup walks past other pages' waiters as it may in the kernel.
 *
 * <p>The head's spinlock {@code q->lock} is in the state ({@link Layout#waitQueueLock()}): a wakeup
 * walk holds it across steps (each {@code test_bit} and {@code try_to_wake_up} on the way is an action of
 * its own), so others may run, and spin on it, meanwhile. Every entry access below needs the lock,
 * except {@link #queuedCareful}.
 */
public final class PageWaitQueue {

    public static final int EXCLUSIVE = 1;
    /** The waiter sleeps in {@code TASK_KILLABLE}. */
    public static final int KILLABLE = 2;

    private final Config c;
    private final Layout l;
    private final Mem m;
    private final Pages pages;
    private final Locks locks;

    public PageWaitQueue(Config c, Layout l, Mem m, Pages pages, Locks locks) {
        this.c = c;
        this.l = l;
        this.m = m;
        this.pages = pages;
        this.locks = locks;
    }

    /** {@code spin_lock_irq(&q->lock)}: false when the step must block (another task holds it). */
    public boolean lock() {
        return locks.spinLock(l.waitQueueLock(), LockClass.WAIT_QUEUE, BlockKind.WAIT_QUEUE_LOCK, 0, 0);
    }

    /** {@code spin_unlock_irq(&q->lock)}. */
    public void unlock() {
        locks.spinUnlock(l.waitQueueLock(), LockClass.WAIT_QUEUE);
    }

    /** Number of entries. Context: {@code q->lock}. */
    public int size() {
        int n = 0;
        while (n < c.waitQueueSlots() && m.get(l.waitQueue(n, WQ_TID)) != 0) {
            n++;
        }
        return n;
    }

    /** The entry index of {@code tid}'s wait entry, or -1. Context: {@code q->lock}. */
    public int find(int tid) {
        int n = size();
        for (int e = 0; e < n; e++) {
            if (m.get(l.waitQueue(e, WQ_TID)) == tid + 1) {
                return e;
            }
        }
        return -1;
    }

    /** {@code !list_empty(&wait->entry)}. Context: {@code q->lock}. */
    public boolean queued(int tid) {
        return find(tid) >= 0;
    }

    /**
     * {@code !list_empty_careful(&wait->entry)} (include/linux/list.h): whether {@code tid}'s entry is still
     * queued, read without the lock — one racy read of the entry's links (a compound access here, the
     * model keeping the queue as an array).
     */
    public boolean queuedCareful(int tid) {
        m.compoundBegin();
        boolean q = queued(tid);
        m.compoundEnd();
        return q;
    }

    /**
     * {@code __add_wait_queue} / {@code __add_wait_queue_entry_tail_exclusive} and
     * {@code SetPageWaiters(page)}: queues {@code tid} for {@code bit} of {@code pfn}. Context: {@code q->lock}.
     */
    public void add(int tid, int pfn, PageFlag bit, int flags) {
        int n = size();
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

    /** {@code list_del_init(&wait->entry)} of {@code tid}'s entry if it is queued. Context: {@code q->lock}. */
    public void remove(int tid) {
        int e = find(tid);
        if (e >= 0) {
            removeAt(e);
        }
    }

    /** Removes entry {@code e}. Context: {@code q->lock}. */
    public void removeAt(int e) {
        int n = size();
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

    /** The task of entry {@code e}. Context: {@code q->lock}. */
    public int entryTid(int e) {
        return m.get(l.waitQueue(e, WQ_TID)) - 1;
    }

    /** The page of entry {@code e}. Context: {@code q->lock}. */
    public int entryPfn(int e) {
        return m.get(l.waitQueue(e, WQ_PFN));
    }

    /** The bit number entry {@code e} waits for. Context: {@code q->lock}. */
    public int entryBit(int e) {
        return m.get(l.waitQueue(e, WQ_BIT));
    }

    /** Whether entry {@code e} is exclusive ({@code WQ_FLAG_EXCLUSIVE}). Context: {@code q->lock}. */
    public boolean entryExclusive(int e) {
        return (m.get(l.waitQueue(e, WQ_FLAGS)) & EXCLUSIVE) != 0;
    }

    /**
     * The end of {@code wake_up_page_bit()}: {@code if (!waitqueue_active(q) || !key.page_match)
     * ClearPageWaiters(page)} — with one queue for every page, a page whose waiters are all woken keeps
     * {@code PG_waiters} while other pages' tasks still wait (the kernel's hash-collision case; the next
     * wakeup clears it). Context: {@code q->lock}.
     */
    public void clearWaitersUnlessActive(int pfn, boolean pageMatch) {
        if (size() == 0 || !pageMatch) {
            pages.clearPageWaitersUnderWaitQueueLock(pfn);
        }
    }

    /** Whether any task waits on any bit of {@code pfn} (views and deadlock reports; no step uses it). */
    public boolean hasWaiters(int pfn) {
        int n = size();
        for (int e = 0; e < n; e++) {
            if (m.get(l.waitQueue(e, WQ_PFN)) == pfn) {
                return true;
            }
        }
        return false;
    }

    /** The pfn {@code tid} waits on, or -1 (deadlock reports). */
    public int waitedPfn(int tid) {
        int e = find(tid);
        return e < 0 ? -1 : m.get(l.waitQueue(e, WQ_PFN));
    }

    /** The bit {@code tid} waits for, or -1 (deadlock reports). */
    public int waitedBit(int tid) {
        int e = find(tid);
        return e < 0 ? -1 : m.get(l.waitQueue(e, WQ_BIT));
    }
}
