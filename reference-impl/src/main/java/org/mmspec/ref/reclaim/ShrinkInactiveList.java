package org.mmspec.ref.reclaim;

import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.PageFlag;
import org.mmspec.ref.mem.PageLists;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.mem.Zones;
import org.mmspec.ref.sync.LockClass;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code shrink_inactive_list()} (mm/vmscan.c, Linux 4.9) scanning one page: under {@code lru_lock}
 * isolate the page at the tail of the inactive list ({@code isolate_lru_pages}: a reference, off the
 * list, {@code PG_lru} clear — a page whose count is already zero is being freed and is skipped), run
 * {@code shrink_page_list()} on it, and put it back if it was kept ({@code putback_inactive_pages},
 * which frees it if ours was the last reference). Context: process (kswapd or direct reclaim).
 *
 * <p>Arguments: zone, anon (1) or file (0), is_kswapd. Returns the number of pages reclaimed.
 */
public final class ShrinkInactiveList extends Procedure {

    private static final int ZONE = 0;
    private static final int ANON = 1;
    private static final int KSWAPD = 2;
    private static final int PAGE = 3;

    private static final int ISOLATE = 0;
    private static final int SHRUNK = 1;
    private static final int PUTBACK = 2;

    private final PageLists lists;
    private final Pages pages;
    private final Zones zones;
    private final Lru lru;
    private final ShrinkPage shrinkPage;

    public ShrinkInactiveList(PageLists lists, Pages pages, Zones zones, Lru lru, ShrinkPage shrinkPage) {
        super("shrink_inactive_list", "isolate_lru_pages", "shrink_page_list:done", "putback_inactive_pages");
        this.lists = lists;
        this.pages = pages;
        this.zones = zones;
        this.lru = lru;
        this.shrinkPage = shrinkPage;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        Pages p = pages;
        int zone = c.local(ZONE);
        switch (pc) {
            case ISOLATE -> {
                c.acquiring(LockClass.LRU_LOCK);
                int list = lru.head(zone, c.local(ANON) != 0 ? Lru.LRU_INACTIVE_ANON : Lru.LRU_INACTIVE_FILE);
                int pfn = lru.lruToPage(list);
                if (pfn < 0) {
                    return c.ret(0);
                }
                if (!lru.isolate(pfn)) {
                    lists.remove(list, pfn);
                    lists.addHead(list, pfn);
                    return c.ret(0);
                }
                zones.modIsolated(zone, 1);
                c.set(PAGE, pfn);
                return c.call(shrinkPage, SHRUNK, pfn, c.local(KSWAPD));
            }
            case SHRUNK -> {
                if (c.result() == ShrinkPage.FREED) {
                    zones.modIsolated(zone, -1);
                    return c.ret(1);
                }
                return c.yieldTo(PUTBACK);
            }
            case PUTBACK -> {
                int pfn = c.local(PAGE);
                zones.modIsolated(zone, -1);
                if (p.pageCount(pfn) == 1) {
                    p.clearPageFlag(pfn, PageFlag.ACTIVE);
                    lru.putPage(pfn);
                    return c.ret(0);
                }
                lru.putback(pfn);
                return c.ret(0);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 13, pc);
        }
    }

    @Override
    protected String detail(FrameView f) {
        return "zone=" + f.local(ZONE) + (f.local(ANON) != 0 ? " inactive_anon" : " inactive_file")
                + (f.local(PAGE) > 0 ? " pfn=" + f.local(PAGE) : "");
    }
}
