package org.mmspec.ref.pagelock;

import org.mmspec.ref.filemap.PageLock;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code unlock_page(page)} (mm/filemap.c, Linux 4.10+): clears {@code PG_locked} and, if
 * {@code PG_waiters} was set, wakes the waiters in a second step ({@code wake_up_page_bit}). Unlocking
 * an unlocked page is a kernel BUG. Context: any; never sleeps.
 *
 * <p>Arguments: pfn.
 */
public final class UnlockPage extends Procedure {

    private static final int PFN = 0;
    private static final int CLEAR = 0;
    private static final int WAKE = 1;
    private static final int DONE = 2;

    private final PageLock pageLock;
    private final WakeUpPageBit wakeUpPageBit;

    public UnlockPage(PageLock pageLock, WakeUpPageBit wakeUpPageBit) {
        super("unlock_page", "clear_bit_unlock", "wake_up_page_bit", "done");
        this.pageLock = pageLock;
        this.wakeUpPageBit = wakeUpPageBit;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int pfn = c.local(PFN);
        if (pc == CLEAR) {
            if (pageLock.clearLockedTestWaiters(pfn)) {
                return c.yieldTo(WAKE);
            }
            return c.ret(0);
        }
        if (pc == DONE) {
            return c.ret(0);
        }
        return c.call(wakeUpPageBit, DONE, pfn, PageFlag.LOCKED.bit());
    }

    @Override
    protected String detail(FrameView f) {
        return "pfn=" + f.local(PFN);
    }
}
