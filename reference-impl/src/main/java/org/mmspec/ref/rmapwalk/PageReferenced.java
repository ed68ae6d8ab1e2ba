package org.mmspec.ref.rmapwalk;

import org.mmspec.ref.filemap.PageLock;
import org.mmspec.ref.mem.Mapping;
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
    private static final int RMAPPING = 4;
    private static final int TRYLOCK = 5;
    private static final int UNLOCK = 6;

    private final Pages pages;
    private final PageLock pageLock;
    private final RmapWalk rmapWalk;
    private final UnlockPage unlockPage;

    public PageReferenced(Pages pages, PageLock pageLock, RmapWalk rmapWalk, UnlockPage unlockPage) {
        super("page_referenced", "page_mapped", "rmap_walk:done", "unlock_page:done", "rmap_walk", "page_rmapping",
                "trylock_page", "unlock_page");
        this.pages = pages;
        this.pageLock = pageLock;
        this.rmapWalk = rmapWalk;
        this.unlockPage = unlockPage;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        Pages p = pages;
        int pfn = c.local(PFN);
        return switch (pc) {
            case START -> p.pageMapped(pfn) ? c.yieldTo(RMAPPING) : c.ret(0);
            case RMAPPING -> {
                int mapping = p.mapping(pfn);
                if (mapping == org.mmspec.ref.mem.Mapping.NULL) {
                    yield c.ret(0);
                }
                boolean needLock = c.local(IS_LOCKED) == 0 && (!org.mmspec.ref.mem.Mapping.isAnon(mapping)
                        || org.mmspec.ref.mem.Mapping.isKsm(mapping));
                yield c.yieldTo(needLock ? TRYLOCK : WALK);
            }
            case TRYLOCK -> {
                if (!pageLock.trylockPage(pfn)) {
                    yield c.ret(1);
                }
                c.set(WE_LOCKED, 1);
                yield c.next(WALK);
            }
            case WALK -> c.call(rmapWalk, WALKED, pfn, RmapWalk.REFERENCED, 0);
            case WALKED -> {
                c.set(RESULT, c.result());
                yield c.local(WE_LOCKED) != 0 ? c.yieldTo(UNLOCK) : c.ret(c.local(RESULT));
            }
            case UNLOCK -> c.call(unlockPage, UNLOCKED, pfn);
            case UNLOCKED -> c.ret(c.local(RESULT));
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 26, pc);
        };
    }

    @Override
    protected String detail(FrameView f) {
        return "pfn=" + f.local(PFN);
    }
}
