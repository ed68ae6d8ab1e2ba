package org.mmspec.ref.mlock;

import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pageref.PutbackLruPage;
import org.mmspec.ref.rmapwalk.RmapWalk;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code munlock_vma_page(page)} → {@code __munlock_isolated_page()} (mm/mlock.c, Linux 4.9), action by
 * action: under {@code lru_lock}, {@code TestClearPageMlocked}; if it was set, under {@code lru_lock}
 * {@code __munlock_isolate_lru_page} (a reference, off its list; a page someone else has isolated is
 * theirs to put back); then {@code page_mapcount} — mapped more than once, another {@code VM_LOCKED} VMA
 * may still map it: {@code try_to_munlock()} asks the rmap, which mlocks it again; then {@link
 * PutbackLruPage}. The kernel holds {@code lru_lock} across the test and the isolation; the model takes it
 * once for each (an atomic and a reference each need an action of their own), which only adds
 * interleavings. Context: the page is locked; the caller holds a reference.
 *
 * <p>Arguments: pfn.
 */
public final class MunlockVmaPage extends Procedure {

    private static final int PFN = 0;

    private static final int CLEAR = 0;
    private static final int ISOLATE = 1;
    private static final int MAPCOUNT = 2;
    private static final int MUNLOCKED = 3;
    private static final int DONE = 4;
    private static final int PUTBACK = 5;

    private final Pages pages;
    private final Lru lru;
    private final RmapWalk rmapWalk;
    private final PutbackLruPage putbackLruPage;

    public MunlockVmaPage(Pages pages, Lru lru, RmapWalk rmapWalk, PutbackLruPage putbackLruPage) {
        super("munlock_vma_page", "TestClearPageMlocked", "__munlock_isolate_lru_page", "page_mapcount",
                "try_to_munlock:done", "putback_lru_page:done", "putback_lru_page");
        this.pages = pages;
        this.lru = lru;
        this.rmapWalk = rmapWalk;
        this.putbackLruPage = putbackLruPage;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int pfn = c.local(PFN);
        return switch (pc) {
            case CLEAR -> {
                int zone = lru.zoneOfPage(pfn);
                lru.lock(zone);
                boolean was = pages.testClearPageFlag(pfn, PageFlag.MLOCKED);
                lru.unlock(zone);
                yield was ? c.yieldTo(ISOLATE) : c.ret(0);
            }
            case ISOLATE -> lru.isolateLruPage(pfn) ? c.yieldTo(MAPCOUNT) : c.ret(0);
            case MAPCOUNT -> pages.pageMapcount(pfn) > 1
                    ? c.call(rmapWalk, MUNLOCKED, pfn, RmapWalk.TRY_TO_MUNLOCK, 0) : c.yieldTo(PUTBACK);
            case MUNLOCKED -> c.yieldTo(PUTBACK);
            case PUTBACK -> c.call(putbackLruPage, DONE, pfn);
            case DONE -> c.ret(0);
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 38, pc);
        };
    }

    @Override
    protected String detail(FrameView f) {
        return "pfn=" + f.local(PFN);
    }
}
