package org.mmspec.ref.fault;

import org.mmspec.ref.filemap.PageLock;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.pagelock.PageBitWaits;
import org.mmspec.ref.pagelock.WaitOnPageBit;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;
import org.mmspec.ref.vma.Mms;

/**
 * {@code lock_page_or_retry(page, mm, flags)} → {@code __lock_page_or_retry()} (include/linux/pagemap.h,
 * mm/filemap.c, Linux 4.9), action by action: {@code trylock_page()}; if the page is locked and the fault allows a retry
 * ({@code FAULT_FLAG_ALLOW_RETRY}), drop {@code mmap_sem} and wait for the page to be unlocked
 * ({@code wait_on_page_locked}, killable with {@code FAULT_FLAG_KILLABLE}) without taking it, and return
 * 0 — the fault handler then returns {@code VM_FAULT_RETRY} and the arch handler takes {@code mmap_sem}
 * again and retries; with {@code FAULT_FLAG_RETRY_NOWAIT} return 0 at once, keeping {@code mmap_sem}.
 * Without {@code ALLOW_RETRY} (the second try, {@code get_user_pages} without {@code nonblocking}) sleep
 * for the lock holding {@code mmap_sem} ({@code __lock_page}, or {@code __lock_page_killable}, which
 * drops {@code mmap_sem} when a fatal signal ends the wait), in an action after the failed trylock as
 * {@code lock_page} does. Context: {@code mmap_sem} held for read; the
 * caller holds a reference to the page.
 *
 * <p>Arguments: pfn, mm, fault flags. Returns 1 with the page locked, 0 without it ({@code mmap_sem}
 * released unless {@code RETRY_NOWAIT}).
 */
public final class LockPageOrRetry extends Procedure {

    private static final int PFN = 0;
    private static final int MM = 1;
    private static final int FLAGS = 2;

    private static final int TRYLOCK = 0;
    private static final int WAIT = 1;
    private static final int WAITED = 2;
    private static final int LOCK_SLOW = 3;
    private static final int LOCKED = 4;

    private final PageLock pageLock;
    private final Mms mms;
    private final WaitOnPageBit waitOnPageBit;
    private final PageBitWaits pageBitWaits;

    public LockPageOrRetry(PageLock pageLock, Mms mms, WaitOnPageBit waitOnPageBit, PageBitWaits pageBitWaits) {
        super("lock_page_or_retry", "trylock_page", "wait_on_page_locked", "retry", "__lock_page",
                "__lock_page:done");
        this.pageLock = pageLock;
        this.mms = mms;
        this.waitOnPageBit = waitOnPageBit;
        this.pageBitWaits = pageBitWaits;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int pfn = c.local(PFN);
        int flags = c.local(FLAGS);
        boolean killable = (flags & VmFault.FAULT_FLAG_KILLABLE) != 0;
        switch (pc) {
            case TRYLOCK -> {
                if (pageLock.trylockPage(pfn)) {
                    return c.ret(1);
                }
                if ((flags & VmFault.FAULT_FLAG_ALLOW_RETRY) == 0) {
                    return c.yieldTo(LOCK_SLOW);
                }
                if ((flags & VmFault.FAULT_FLAG_RETRY_NOWAIT) != 0) {
                    return c.ret(0);
                }
                mms.upRead(c.local(MM));
                return c.yieldTo(WAIT);
            }
            case WAIT -> {
                return c.call(pageBitWaits, WAITED, pfn, PageFlag.LOCKED.bit(), killable ? 1 : 0);
            }
            case WAITED -> {
                return c.ret(0);
            }
            case LOCK_SLOW -> {
                return c.call(waitOnPageBit, LOCKED, pfn, PageFlag.LOCKED.bit(), killable ? 1 : 0, 1);
            }
            case LOCKED -> {
                if (c.result() != 0) {
                    mms.upRead(c.local(MM));
                    return c.ret(0);
                }
                return c.ret(1);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 29, pc);
        }
    }

    @Override
    protected String detail(FrameView f) {
        return "pfn=" + f.local(PFN) + ((f.local(FLAGS) & VmFault.FAULT_FLAG_ALLOW_RETRY) != 0 ? " ALLOW_RETRY" : "")
                + ((f.local(FLAGS) & VmFault.FAULT_FLAG_TRIED) != 0 ? " TRIED" : "");
    }
}
