package org.mmspec.ref.rmapwalk;

import org.mmspec.ref.filemap.PageLock;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pagelock.UnlockPage;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code page_referenced(page, is_locked, memcg, &vm_flags)} (mm/rmap.c): how many PTEs mapping the
 * page were young (clearing them). A file or KSM page that the caller has not locked is locked with
 * {@code trylock_page()} for the walk — if that fails the page counts as referenced. Context: the
 * caller holds a reference; may sleep on the anon_vma or i_mmap rwsem, possibly with the page locked.
 *
 * <p>Arguments: pfn, is_locked (0/1). Returns the number of young PTEs.
 */
public final class PageReferenced extends Procedure {

    private static final int PFN = 0;
    private static final int IS_LOCKED = 1;
    private static final int WE_LOCKED = 2;
    private static final int RESULT = 3;

    private static final int START = 0;
    private static final int WALKED = 1;
    private static final int UNLOCKED = 2;
    private static final int WALK = 3;

    private final Pages pages;
    private final PageLock pageLock;
    private final RmapWalk rmapWalk;
    private final UnlockPage unlockPage;

    public PageReferenced(Pages pages, PageLock pageLock, RmapWalk rmapWalk, UnlockPage unlockPage) {
        super("page_referenced", "trylock_page", "rmap_walk:done", "unlock_page:done", "rmap_walk");
        this.pages = pages;
        this.pageLock = pageLock;
        this.rmapWalk = rmapWalk;
        this.unlockPage = unlockPage;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        Pages p = pages;
        int pfn = c.local(PFN);
        switch (pc) {
            case START -> {
                if (!p.pageMapped(pfn)) {
                    return c.ret(0);
                }
                if (c.local(IS_LOCKED) == 0 && (!p.pageAnon(pfn) || p.pageKsm(pfn))) {
                    if (!pageLock.trylockPage(pfn)) {
                        return c.ret(1);
                    }
                    c.set(WE_LOCKED, 1);
                }
                return c.yieldTo(WALK);
            }
            case WALK -> {
                return c.call(rmapWalk, WALKED, pfn, RmapWalk.REFERENCED, 0);
            }
            case WALKED -> {
                c.set(RESULT, c.result());
                if (c.local(WE_LOCKED) != 0) {
                    return c.call(unlockPage, UNLOCKED, pfn);
                }
                return c.ret(c.local(RESULT));
            }
            case UNLOCKED -> {
                return c.ret(c.local(RESULT));
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 26, pc);
        }
    }

    @Override
    protected String detail(FrameView f) {
        return "pfn=" + f.local(PFN);
    }
}
