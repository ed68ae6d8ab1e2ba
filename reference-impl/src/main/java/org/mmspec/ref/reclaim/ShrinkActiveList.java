package org.mmspec.ref.reclaim;

import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.PageLists;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.rmapwalk.PageReferenced;
import org.mmspec.ref.sync.LockClass;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code shrink_active_list()} (mm/vmscan.c, Linux 4.9) for one page: isolate the page at the tail of
 * the active list, ask {@code page_referenced()} (which, for a file page, takes the page lock with
 * {@code trylock_page} and then the file's {@code i_mmap_rwsem}; the young bits it clears are what
 * matters here), and move it to the inactive list. The kernel keeps referenced pages of executable
 * file mappings active; the model does not collect {@code VM_EXEC} and deactivates every page.
 * Context: process (kswapd or direct reclaim).
 *
 * <p>Arguments: zone, anon (1) or file (0). Returns the number of pages deactivated.
 */
public final class ShrinkActiveList extends Procedure {

    private static final int ZONE = 0;
    private static final int ANON = 1;
    private static final int PAGE = 2;

    private static final int ISOLATE = 0;
    private static final int REFERENCED = 1;

    private final PageLists lists;
    private final Pages pages;
    private final Lru lru;
    private final PageReferenced pageReferenced;

    public ShrinkActiveList(PageLists lists, Pages pages, Lru lru, PageReferenced pageReferenced) {
        super("shrink_active_list", "isolate_lru_pages", "page_referenced:done");
        this.lists = lists;
        this.pages = pages;
        this.lru = lru;
        this.pageReferenced = pageReferenced;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        Pages p = pages;
        int zone = c.local(ZONE);
        if (pc == ISOLATE) {
            c.acquiring(LockClass.LRU_LOCK);
            int list = lru.head(zone, c.local(ANON) != 0 ? Lru.LRU_ACTIVE_ANON : Lru.LRU_ACTIVE_FILE);
            int pfn = lru.lruToPage(list);
            if (pfn < 0) {
                return c.ret(0);
            }
            if (!lru.isolate(pfn)) {
                lists.remove(list, pfn);
                lists.addHead(list, pfn);
                return c.ret(0);
            }
            c.set(PAGE, pfn);
            return c.call(pageReferenced, REFERENCED, pfn, 0);
        }
        int pfn = c.local(PAGE);
        p.clearPageFlag(pfn, PageFlag.ACTIVE);
        if (p.pageCount(pfn) == 1) {
            lru.putPage(pfn);
            return c.ret(0);
        }
        lru.putback(pfn);
        return c.ret(1);
    }

    @Override
    protected String detail(FrameView f) {
        return "zone=" + f.local(ZONE) + (f.local(ANON) != 0 ? " active_anon" : " active_file")
                + (f.local(PAGE) > 0 ? " pfn=" + f.local(PAGE) : "");
    }
}
