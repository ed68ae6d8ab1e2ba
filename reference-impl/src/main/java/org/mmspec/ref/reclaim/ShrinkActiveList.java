package org.mmspec.ref.reclaim;

import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.FreePath;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.mem.Zones;
import org.mmspec.ref.rmapwalk.PageReferenced;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.pageref.PutbackLruPage;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code shrink_active_list()} (mm/vmscan.c, Linux 4.9) for one page: isolate the page at the tail of
 * the active list; an unevictable (mlocked) one goes to {@link PutbackLruPage} ({@code page_evictable}, a
 * racy test, an action of its own); ask {@code page_referenced()} (which, for a file page, takes the page lock with
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
    private static final int DEACTIVATE = 2;
    private static final int PUTBACK = 3;
    private static final int FREE = 4;
    private static final int PAGE_REFERENCED = 5;
    private static final int EVICTABLE = 6;
    private static final int UNEVICTABLE_DONE = 7;
    private static final int UNEVICTABLE = 8;

    private final Pages pages;
    private final Zones zones;
    private final Lru lru;
    private final FreePath freePath;
    private final PageReferenced pageReferenced;
    private final PutbackLruPage putbackLruPage;

    public ShrinkActiveList(Pages pages, Zones zones, Lru lru, FreePath freePath, PageReferenced pageReferenced,
            PutbackLruPage putbackLruPage) {
        super("shrink_active_list", "isolate_lru_pages", "page_referenced:done", "ClearPageActive",
                "move_active_pages_to_lru", "free_hot_cold_page_list", "page_referenced", "page_evictable",
                "putback_lru_page:done", "putback_lru_page");
        this.pages = pages;
        this.zones = zones;
        this.lru = lru;
        this.freePath = freePath;
        this.pageReferenced = pageReferenced;
        this.putbackLruPage = putbackLruPage;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int zone = c.local(ZONE);
        int pfn = c.local(PAGE);
        return switch (pc) {
            case ISOLATE -> {
                int page = lru.isolateTail(zone, c.local(ANON) != 0 ? Lru.LRU_ACTIVE_ANON : Lru.LRU_ACTIVE_FILE);
                if (page < 0) {
                    yield c.ret(0);
                }
                zones.modIsolated(zone, 1);
                c.set(PAGE, page);
                yield c.yieldTo(EVICTABLE);
            }
            case EVICTABLE -> c.yieldTo(lru.pageEvictable(pfn) ? PAGE_REFERENCED : UNEVICTABLE);
            case UNEVICTABLE -> {
                zones.modIsolated(zone, -1);
                yield c.call(putbackLruPage, UNEVICTABLE_DONE, pfn);
            }
            case UNEVICTABLE_DONE -> c.ret(0);
            case PAGE_REFERENCED -> c.call(pageReferenced, REFERENCED, pfn, 0);
            case REFERENCED -> c.yieldTo(DEACTIVATE);
            case DEACTIVATE -> {
                pages.clearPageFlag(pfn, PageFlag.ACTIVE);
                yield c.yieldTo(PUTBACK);
            }
            case PUTBACK -> {
                zones.modIsolated(zone, -1);
                yield lru.putbackIsolated(pfn) ? c.yieldTo(FREE) : c.ret(1);
            }
            case FREE -> {
                freePath.freePagesOk(pfn, 0);
                yield c.ret(0);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 31, pc);
        };
    }

    @Override
    protected String detail(FrameView f) {
        return "zone=" + f.local(ZONE) + (f.local(ANON) != 0 ? " active_anon" : " active_file")
                + (f.local(PAGE) > 0 ? " pfn=" + f.local(PAGE) : "");
    }
}
