package org.mmspec.ref.sync;

import static org.mmspec.ref.state.Layout.PG_FLAGS;
import static org.mmspec.ref.state.Layout.PG_LOCKER;

import org.mmspec.ref.Kernel;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.state.AccessKind;
import org.mmspec.ref.state.Layout;
import org.mmspec.ref.state.Mem;

/**
 * The page lock's atomic part ({@code PG_locked}, include/linux/pagemap.h): trylock and the unlock bit
 * operation, with the ghost holder. The sleeping parts are the step machines {@link LockPage},
 * {@link UnlockPage} and {@link WaitOnPageBit}.
 */
public final class PageLock {

    private final Kernel k;
    private final Layout l;
    private final Mem m;

    public PageLock(Kernel k) {
        this.k = k;
        this.l = k.layout();
        this.m = k.mem();
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
        m.set(l.page(pfn, PG_LOCKER), k.ctx().tid() + 1);
        k.ctx().held(LockClass.PAGE_LOCK);
        return true;
    }

    /** {@code __SetPageLocked(page)}: locks a page nobody else can see yet (a new page-cache page). */
    public void setNewPageLocked(int pfn) {
        int w = l.page(pfn, PG_FLAGS);
        m.lockOp(w, PageFlag.LOCKED.mask(), m.peek(w) | PageFlag.LOCKED.mask(), AccessKind.NEW_PAGE_LOCK);
        m.set(l.page(pfn, PG_LOCKER), k.ctx().tid() + 1);
        k.ctx().held(LockClass.PAGE_LOCK);
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
            throw k.bug(OopsKind.UNLOCK_UNLOCKED_PAGE, pfn, 0);
        }
        m.lockOp(w, PageFlag.LOCKED.mask() | PageFlag.WAITERS.mask(), m.peek(w) & ~PageFlag.LOCKED.mask(),
                AccessKind.BIT_UNLOCK_TEST);
        m.set(l.page(pfn, PG_LOCKER), 0);
        k.ctx().released(LockClass.PAGE_LOCK);
        return (m.peek(w) & PageFlag.WAITERS.mask()) != 0;
    }

    /** {@code __ClearPageLocked(page)}: unlocks a page nobody else can reach (reclaim, after freezing it). */
    public void clearLockedNonAtomic(int pfn) {
        int w = l.page(pfn, PG_FLAGS);
        m.lockOp(w, PageFlag.LOCKED.mask(), m.peek(w) & ~PageFlag.LOCKED.mask(), AccessKind.NEW_PAGE_UNLOCK);
        m.set(l.page(pfn, PG_LOCKER), 0);
        k.ctx().released(LockClass.PAGE_LOCK);
    }

    /** Ghost: the thread holding {@code PG_locked}, or -1. */
    public int holder(int pfn) {
        return m.get(l.page(pfn, PG_LOCKER)) - 1;
    }
}
