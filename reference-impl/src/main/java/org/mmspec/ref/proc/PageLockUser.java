package org.mmspec.ref.proc;

import org.mmspec.ref.pagelock.LockPage;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * A plain page-lock user: {@code lock_page()} (or {@code lock_page_killable()}), a critical section of
 * one step, {@code unlock_page()} — if the lock was taken. Context: process, holding a reference.
 *
 * <p>Arguments: pfn, killable (0/1). Returns 0, or {@code -EINTR} if a killable wait was interrupted.
 */
public final class PageLockUser extends Procedure {

    private static final int PFN = 0;
    private static final int KILLABLE = 1;

    private static final int LOCK = 0;
    private static final int LOCKED = 1;
    private static final int CRITICAL = 2;
    private static final int DONE = 3;

    private final LockPage lockPage;
    private final UnlockPage unlockPage;

    public PageLockUser(LockPage lockPage, UnlockPage unlockPage) {
        super("page_lock_user", "lock_page", "lock_page:done", "critical_section", "unlock_page:done");
        this.lockPage = lockPage;
        this.unlockPage = unlockPage;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        switch (pc) {
            case LOCK -> {
                return c.call(lockPage, LOCKED, c.local(PFN), c.local(KILLABLE));
            }
            case LOCKED -> {
                if (c.result() != 0) {
                    return c.ret(c.result());
                }
                return c.yieldTo(CRITICAL);
            }
            case CRITICAL -> {
                return c.call(unlockPage, DONE, c.local(PFN));
            }
            default -> {
                return c.ret(0);
            }
        }
    }

    @Override
    protected String detail(FrameView f) {
        return "pfn=" + f.local(PFN) + (f.local(KILLABLE) != 0 ? " killable" : "");
    }
}
