package org.mmspec.ref.proc;

import org.mmspec.ref.bugs.BugId;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pagelock.LockPage;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.pageref.PutPage;
import org.mmspec.ref.rmapwalk.RmapWalk;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * The unmap step of {@code split_huge_page()}: {@code unmap_page()} (mm/huge_memory.c), which must
 * leave the page unmapped: with a reference held, lock the page, {@code try_to_unmap()} it ignoring
 * access bits, and {@code VM_BUG_ON_PAGE(ret)} on its result (which checks {@code page_mapcount}). The fix (732ed55823fc) passes
 * {@code TTU_SYNC}, so the walk takes each PTE lock and cannot miss a PTE that a racing zap has cleared
 * but whose map count it has not dropped yet; with {@link BugId#TTU_SYNC} on it does not. (The model
 * has no huge pages; the same protocol runs on an ordinary page.) Context: process.
 *
 * <p>Arguments: pfn. Returns 0, or -1 when the page was already free.
 */
public final class UnmapPage extends Procedure {

    private static final int PFN = 0;

    private static final int GET = 0;
    private static final int LOCK = 1;
    private static final int LOCKED = 2;
    private static final int TRY_TO_UNMAP = 3;
    private static final int UNMAPPED = 4;
    private static final int UNLOCK = 5;
    private static final int UNLOCKED = 6;
    private static final int PUT = 7;
    private static final int DONE = 8;

    private final Pages pages;
    private final LockPage lockPage;
    private final RmapWalk rmapWalk;
    private final UnlockPage unlockPage;
    private final PutPage putPage;

    public UnmapPage(Pages pages, LockPage lockPage, RmapWalk rmapWalk, UnlockPage unlockPage, PutPage putPage) {
        super("unmap_page", "get_page_unless_zero", "lock_page", "lock_page:done", "try_to_unmap",
                "VM_BUG_ON_PAGE(ret)", "unlock_page", "unlock_page:done", "put_page", "done");
        this.pages = pages;
        this.lockPage = lockPage;
        this.rmapWalk = rmapWalk;
        this.unlockPage = unlockPage;
        this.putPage = putPage;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int pfn = c.local(PFN);
        return switch (pc) {
            case GET -> pages.refs().getPageUnlessZero(pfn) ? c.yieldTo(LOCK) : c.ret(-1);
            case LOCK -> c.call(lockPage, LOCKED, pfn, 0);
            case LOCKED, UNLOCKED -> c.yieldTo(pc == LOCKED ? TRY_TO_UNMAP : PUT);
            case TRY_TO_UNMAP -> {
                int flags = RmapWalk.TTU_IGNORE_MLOCK | RmapWalk.TTU_IGNORE_ACCESS
                        | (c.bug(BugId.TTU_SYNC) ? 0 : RmapWalk.TTU_SYNC);
                yield c.call(rmapWalk, UNMAPPED, pfn, RmapWalk.TRY_TO_UNMAP, flags);
            }
            case UNMAPPED -> {
                if (c.result() != RmapWalk.SWAP_SUCCESS) {
                    throw new Oops(OopsKind.PAGE_STILL_MAPPED, pfn, pages.mapcountForReport(pfn));
                }
                yield c.yieldTo(UNLOCK);
            }
            case UNLOCK -> c.call(unlockPage, UNLOCKED, pfn);
            case PUT -> c.call(putPage, DONE, pfn);
            default -> c.ret(0);
        };
    }

    @Override
    protected String detail(FrameView f) {
        return "pfn=" + f.local(PFN);
    }
}
