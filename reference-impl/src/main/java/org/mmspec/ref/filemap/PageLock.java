package org.mmspec.ref.filemap;

import static org.mmspec.ref.state.Layout.PG_FLAGS;
import static org.mmspec.ref.state.Layout.PG_LOCKER;

import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.state.AccessKind;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;
import org.mmspec.ref.sync.Current;
import org.mmspec.ref.sync.LockClass;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;

/**
 * The page lock's atomic part ({@code PG_locked}, include/linux/pagemap.h): trylock and the unlock bit
 * operation, with the ghost holder. The sleeping parts are the step machines {@code pagelock.LockPage},
 * {@code UnlockPage} and {@code WaitOnPageBit}, built on this.
 */
public final class PageLock {

    private final Layout l;
    private final Mem m;
    private final Pages pages;
    private final Current current;

    public PageLock(Layout l, Mem m, Pages pages, Current current) {
        this.l = l;
        this.m = m;
        this.pages = pages;
        this.current = current;
    }

    /**
     * {@code trylock_page(page)}: {@code test_and_set_bit_lock(PG_locked)}; true if the caller now holds
     * the lock. Never sleeps, so it is exempt from the lock order.
     */
    public boolean trylockPage(int pfn) {
        int w = l.page(pfn, PG_FLAGS);
        int mask = PageFlag.LOCKED.mask();
        if ((m.peek(w) & mask) != 0) {
            m.lockOp(w, mask, m.peek(w), AccessKind.BIT_TRYLOCK_FAILED);
            return false;
        }
        m.lockOp(w, mask, m.peek(w) | mask, AccessKind.BIT_LOCK);
        m.set(l.page(pfn, PG_LOCKER), current.tid() + 1);
        current.held(LockClass.PAGE_LOCK);
        return true;
    }

    /** {@code __SetPageLocked(page)}: locks a page nobody else can see yet (a new page-cache page). */
    public void setNewPageLocked(int pfn) {
        int w = l.page(pfn, PG_FLAGS);
        m.lockOp(w, PageFlag.LOCKED.mask(), m.peek(w) | PageFlag.LOCKED.mask(), AccessKind.NEW_PAGE_LOCK);
        m.set(l.page(pfn, PG_LOCKER), current.tid() + 1);
        current.held(LockClass.PAGE_LOCK);
    }

    /**
     * The bit part of {@code unlock_page()}: {@code clear_bit_unlock_is_negative_byte()} clears
     * {@code PG_locked} and reports {@code PG_waiters}, in one atomic instruction.
     *
     * @throws Oops {@code VM_BUG_ON_PAGE(!PageLocked(page))}
     */
    public boolean clearLockedTestWaiters(int pfn) {
        int w = l.page(pfn, PG_FLAGS);
        if ((m.peek(w) & PageFlag.LOCKED.mask()) == 0) {
            throw new Oops(OopsKind.UNLOCK_UNLOCKED_PAGE, pfn, 0);
        }
        m.lockOp(w, PageFlag.LOCKED.mask() | PageFlag.WAITERS.mask(), m.peek(w) & ~PageFlag.LOCKED.mask(),
                AccessKind.BIT_UNLOCK_TEST);
        m.set(l.page(pfn, PG_LOCKER), 0);
        current.released(LockClass.PAGE_LOCK);
        return (m.peek(w) & PageFlag.WAITERS.mask()) != 0;
    }

    /** {@code __ClearPageLocked(page)}: unlocks a page nobody else can reach (reclaim, after freezing it). */
    public void clearLockedNonAtomic(int pfn) {
        int w = l.page(pfn, PG_FLAGS);
        m.lockOp(w, PageFlag.LOCKED.mask(), m.peek(w) & ~PageFlag.LOCKED.mask(), AccessKind.NEW_PAGE_UNLOCK);
        m.set(l.page(pfn, PG_LOCKER), 0);
        current.released(LockClass.PAGE_LOCK);
    }

    /** Ghost: the thread holding {@code PG_locked}, or -1. */
    public int holder(int pfn) {
        return m.get(l.page(pfn, PG_LOCKER)) - 1;
    }
}
