package org.mmspec.ref.pagelock;

import org.mmspec.ref.filemap.PageLock;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code lock_page(page)} and {@code lock_page_killable(page)} (include/linux/pagemap.h,
 * mm/filemap.c): {@code trylock_page()}, else — an action later — {@code __lock_page()} /
 * {@code __lock_page_killable()} sleep in {@link WaitOnPageBit} as exclusive waiters. Context: may sleep; the caller holds a
 * reference to the page. Returns 0, or {@code -EINTR} from the killable variant.
 *
 * <p>Arguments: pfn, killable (0/1).
 */
public final class LockPage extends Procedure {

    private static final int PFN = 0;
    private static final int KILLABLE = 1;

    private static final int TRYLOCK = 0;
    private static final int DONE = 1;
    private static final int WAIT = 2;

    private final PageLock pageLock;
    private final WaitOnPageBit waitOnPageBit;

    public LockPage(PageLock pageLock, WaitOnPageBit waitOnPageBit) {
        super("lock_page", "trylock_page", "done", "__lock_page");
        this.pageLock = pageLock;
        this.waitOnPageBit = waitOnPageBit;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        if (pc == TRYLOCK) {
            int pfn = c.local(PFN);
            if (pageLock.trylockPage(pfn)) {
                return c.ret(0);
            }
            return c.yieldTo(WAIT);
        }
        if (pc == WAIT) {
            return c.call(waitOnPageBit, DONE, c.local(PFN), PageFlag.LOCKED.bit(), c.local(KILLABLE), 1);
        }
        return c.ret(c.result());
    }

    @Override
    protected String detail(FrameView f) {
        return "pfn=" + f.local(PFN) + (f.local(KILLABLE) != 0 ? " killable" : "");
    }
}
