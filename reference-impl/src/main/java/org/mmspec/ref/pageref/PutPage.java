package org.mmspec.ref.pageref;

import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.FreePath;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code put_page(page)} (include/linux/mm.h, mm/swap.c {@code __put_page} → {@code
 * __put_single_page}, Linux 4.9), action by action: {@code put_page_testzero()}, an atomic decrement —
 * the window in which {@code get_page_unless_zero()} sees the count at zero and backs off; then, by the
 * thread that dropped the last reference, {@code __page_cache_release()}: off its LRU list under
 * {@code lru_lock}; then {@code free_hot_cold_page()}: back to the buddy allocator under
 * {@code zone->lock} (per-cpu lists not modelled). A tail page's reference is its compound head's, and a
 * compound page is freed as a whole ({@code __put_compound_page}). With a count of references to drop,
 * the same for {@code page_ref_sub_and_test()} ({@code unpin_user_page()}: the {@code FOLL_PIN} bias).
 * Context: the caller holds the references it drops.
 *
 * <p>Arguments: pfn, references to drop (0: one). Returns 1 if this freed the page, else 0.
 */
public final class PutPage extends Procedure {

    private static final int PFN = 0;
    private static final int NR = 1;

    private static final int TESTZERO = 0;
    private static final int RELEASE = 1;
    private static final int FREE = 2;

    private final Pages pages;
    private final Lru lru;
    private final FreePath freePath;

    public PutPage(Pages pages, Lru lru, FreePath freePath) {
        super("put_page", "put_page_testzero", "__page_cache_release", "free_hot_cold_page");
        this.pages = pages;
        this.lru = lru;
        this.freePath = freePath;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int pfn = c.local(PFN);
        switch (pc) {
            case TESTZERO -> {
                int head = pages.compoundHead(pfn);
                c.set(PFN, head);
                boolean last = c.local(NR) > 1 ? pages.refs().pageRefSubAndTest(head, c.local(NR)) : pages.refs().putPageTestzero(head);
                return last ? c.yieldTo(RELEASE) : c.ret(0);
            }
            case RELEASE -> {
                return lru.pageCacheReleaseLru(pfn) ? c.yieldTo(FREE) : c.next(FREE);
            }
            default -> {
                freePath.freePagesOk(pfn, lru.freedOrder(pfn));
                return c.ret(1);
            }
        }
    }

    @Override
    protected String detail(FrameView f) {
        return "pfn=" + f.local(PFN) + (f.local(NR) > 1 ? " nr=" + f.local(NR) : "");
    }
}
