package org.mmspec.ref.pageref;

import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code putback_lru_page(page)} (mm/vmscan.c, Linux 4.9), action by action: {@code page_evictable} (a
 * racy test of {@code PG_mlocked}); an evictable page goes back to its list ({@code ClearPageUnevictable}
 * and {@code lru_cache_add}, the pagevec drained at once: one {@code lru_lock} section), an unevictable one
 * to the unevictable list ({@code add_page_to_unevictable_list}); then, for the latter, {@code
 * page_evictable} again — a page munlocked meanwhile must not be stranded there: it is isolated again
 * ({@code isolate_lru_page}), the extra reference dropped and the whole put back redone; last, the
 * isolation reference dropped ({@link PutPage}). The kernel clears {@code PG_unevictable} before its first
 * test, on the isolated page nobody else looks at; the model clears it inside the insertion. Context: the
 * page is isolated, with the caller's reference.
 *
 * <p>Arguments: pfn.
 */
public final class PutbackLruPage extends Procedure {

    private static final int PFN = 0;

    private static final int EVICTABLE = 0;
    private static final int ADD = 1;
    private static final int ADD_UNEVICTABLE = 2;
    private static final int RECHECK = 3;
    private static final int ISOLATE = 4;
    private static final int PUT_REDO = 5;
    private static final int REDO = 6;
    private static final int PUT = 7;
    private static final int DONE = 8;

    private final Lru lru;
    private final PutPage putPage;

    public PutbackLruPage(Lru lru, PutPage putPage) {
        super("putback_lru_page", "page_evictable", "lru_cache_add", "add_page_to_unevictable_list",
                "page_evictable(again)", "isolate_lru_page", "put_page(redo)", "redo", "put_page", "done");
        this.lru = lru;
        this.putPage = putPage;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int pfn = c.local(PFN);
        return switch (pc) {
            case EVICTABLE -> c.yieldTo(lru.pageEvictable(pfn) ? ADD : ADD_UNEVICTABLE);
            case ADD -> {
                lru.addPageToEvictableList(pfn);
                yield c.yieldTo(PUT);
            }
            case ADD_UNEVICTABLE -> {
                lru.addPageToUnevictableList(pfn);
                yield c.yieldTo(RECHECK);
            }
            case RECHECK -> c.yieldTo(lru.pageEvictable(pfn) ? ISOLATE : PUT);
            case ISOLATE -> c.yieldTo(lru.isolateLruPage(pfn) ? PUT_REDO : PUT);
            case PUT_REDO -> c.call(putPage, REDO, pfn);
            case REDO -> c.yieldTo(EVICTABLE);
            case PUT -> c.call(putPage, DONE, pfn);
            case DONE -> c.ret(0);
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 35, pc);
        };
    }

    @Override
    protected String detail(FrameView f) {
        return "pfn=" + f.local(PFN);
    }
}
