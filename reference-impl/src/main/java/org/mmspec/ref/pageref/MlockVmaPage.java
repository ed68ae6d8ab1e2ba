package org.mmspec.ref.pageref;

import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code mlock_vma_page(page)} and {@code clear_page_mlock(page)} (mm/mlock.c, Linux 4.9), action by
 * action: {@code TestSetPageMlocked} (resp. {@code TestClearPageMlocked}); if that changed the bit, {@code
 * isolate_lru_page} and, when the page was on a list, {@link PutbackLruPage}, which moves it to the
 * unevictable list (resp. back to an evictable one). A page someone else has isolated is put back by them,
 * on the list its {@code PG_mlocked} then calls for. Context: {@code mlock_vma_page} — the page locked
 * ({@code follow_page_pte} with {@code FOLL_MLOCK}, {@code try_to_unmap_one} on a {@code VM_LOCKED} VMA);
 * {@code clear_page_mlock} — {@code page_remove_rmap} took the last mapping away (PTE lock held); the
 * caller holds a reference.
 *
 * <p>Arguments: pfn, set (1: {@code mlock_vma_page}, 0: {@code clear_page_mlock}).
 */
public final class MlockVmaPage extends Procedure {

    private static final int PFN = 0;
    private static final int SET = 1;

    private static final int TEST = 0;
    private static final int ISOLATE = 1;
    private static final int PUTBACK = 2;
    private static final int DONE = 3;

    private final Pages pages;
    private final Lru lru;
    private final PutbackLruPage putbackLruPage;

    public MlockVmaPage(Pages pages, Lru lru, PutbackLruPage putbackLruPage) {
        super("mlock_vma_page", "TestSetPageMlocked/TestClearPageMlocked", "isolate_lru_page", "putback_lru_page",
                "done");
        this.pages = pages;
        this.lru = lru;
        this.putbackLruPage = putbackLruPage;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int pfn = c.local(PFN);
        return switch (pc) {
            case TEST -> {
                boolean changed = c.local(SET) != 0 ? !pages.testSetPageFlag(pfn, PageFlag.MLOCKED)
                        : pages.testClearPageFlag(pfn, PageFlag.MLOCKED);
                yield changed ? c.yieldTo(ISOLATE) : c.ret(0);
            }
            case ISOLATE -> lru.isolateLruPage(pfn) ? c.yieldTo(PUTBACK) : c.ret(0);
            case PUTBACK -> c.call(putbackLruPage, DONE, pfn);
            case DONE -> c.ret(0);
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 36, pc);
        };
    }

    @Override
    protected String detail(FrameView f) {
        return (f.local(SET) != 0 ? "mlock_vma_page" : "clear_page_mlock") + " pfn=" + f.local(PFN);
    }
}
