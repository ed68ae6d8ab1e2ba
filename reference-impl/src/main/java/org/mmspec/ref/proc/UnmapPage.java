package org.mmspec.ref.proc;

import org.mmspec.ref.bugs.BugId;
import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pagelock.LockPage;
import org.mmspec.ref.pagelock.UnlockPage;
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
 * access bits, and {@code VM_BUG_ON_PAGE(page_mapped(page))}. The fix (732ed55823fc) passes
 * {@code TTU_SYNC}, so the walk takes each PTE lock and cannot miss a PTE that a racing zap has cleared
 * but whose map count it has not dropped yet; with {@link BugId#TTU_SYNC} on it does not. (The model
 * has no huge pages; the same protocol runs on an ordinary page.) Context: process.
 *
 * <p>Arguments: pfn. Returns 0, or -1 when the page was already free.
 */
public final class UnmapPage extends Procedure {

    private static final int PFN = 0;

    private static final int GET = 0;
    private static final int LOCKED = 1;
    private static final int UNMAPPED = 2;
    private static final int UNLOCKED = 3;
    private static final int TRY_TO_UNMAP = 4;

    private final Pages pages;
    private final Lru lru;
    private final LockPage lockPage;
    private final RmapWalk rmapWalk;
    private final UnlockPage unlockPage;

    public UnmapPage(Pages pages, Lru lru, LockPage lockPage, RmapWalk rmapWalk, UnlockPage unlockPage) {
        super("unmap_page", "get_page", "try_to_unmap", "VM_BUG_ON_PAGE(page_mapped)", "put_page", "try_to_unmap:start");
        this.pages = pages;
        this.lru = lru;
        this.lockPage = lockPage;
        this.rmapWalk = rmapWalk;
        this.unlockPage = unlockPage;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int pfn = c.local(PFN);
        switch (pc) {
            case GET -> {
                if (!pages.getPageUnlessZero(pfn)) {
                    return c.ret(-1);
                }
                return c.call(lockPage, LOCKED, pfn, 0);
            }
            case LOCKED -> {
                return c.yieldTo(TRY_TO_UNMAP);
            }
            case TRY_TO_UNMAP -> {
                int flags = RmapWalk.TTU_IGNORE_MLOCK | RmapWalk.TTU_IGNORE_ACCESS
                        | (c.bug(BugId.TTU_SYNC) ? 0 : RmapWalk.TTU_SYNC);
                return c.call(rmapWalk, UNMAPPED, pfn, RmapWalk.TRY_TO_UNMAP, flags);
            }
            case UNMAPPED -> {
                if (pages.pageMapped(pfn)) {
                    throw new Oops(OopsKind.PAGE_STILL_MAPPED, pfn, pages.pageMapcount(pfn));
                }
                return c.call(unlockPage, UNLOCKED, pfn);
            }
            case UNLOCKED -> {
                lru.putPage(pfn);
                return c.ret(0);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 23, pc);
        }
    }

    @Override
    protected String detail(FrameView f) {
        return "pfn=" + f.local(PFN);
    }
}
