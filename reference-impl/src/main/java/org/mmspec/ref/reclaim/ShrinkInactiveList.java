package org.mmspec.ref.reclaim;

import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.FreePath;
import org.mmspec.ref.mem.Zones;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.pageref.PutbackLruPage;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code shrink_inactive_list()} (mm/vmscan.c, Linux 4.9) scanning one page, action by action: under
 * {@code lru_lock} isolate the page at the tail of the inactive list ({@code isolate_lru_pages}: a
 * reference, off the list, {@code PG_lru} clear — a page whose count is already zero is being freed and
 * is rotated); run {@code shrink_page_list()} on it; put it back if it was kept ({@code
 * putback_inactive_pages}, under {@code lru_lock}, drops our reference — after its racy {@code
 * page_evictable} test: an mlocked page goes to {@link PutbackLruPage}); and if that was the last, free it
 * ({@code free_hot_cold_page_list}). Context: process (kswapd or direct reclaim).
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
    private static final int SHRINK = 3;
    private static final int FREE = 4;
    private static final int EVICTABLE = 5;
    private static final int UNEVICTABLE = 6;
    private static final int UNEVICTABLE_DONE = 7;

    private final Zones zones;
    private final Lru lru;
    private final FreePath freePath;
    private final ShrinkPage shrinkPage;
    private final PutbackLruPage putbackLruPage;

    public ShrinkInactiveList(Zones zones, Lru lru, FreePath freePath, ShrinkPage shrinkPage,
            PutbackLruPage putbackLruPage) {
        super("shrink_inactive_list", "isolate_lru_pages", "shrink_page_list:done", "putback_inactive_pages",
                "shrink_page_list", "free_hot_cold_page_list", "putback_inactive_pages:page_evictable",
                "putback_lru_page", "putback_lru_page:done");
        this.zones = zones;
        this.lru = lru;
        this.freePath = freePath;
        this.shrinkPage = shrinkPage;
        this.putbackLruPage = putbackLruPage;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int zone = c.local(ZONE);
        return switch (pc) {
            case ISOLATE -> {
                int pfn = lru.isolateTail(zone, c.local(ANON) != 0 ? Lru.LRU_INACTIVE_ANON : Lru.LRU_INACTIVE_FILE);
                if (pfn < 0) {
                    yield c.ret(0);
                }
                zones.modIsolated(zone, 1);
                c.set(PAGE, pfn);
                yield c.yieldTo(SHRINK);
            }
            case SHRINK -> c.call(shrinkPage, SHRUNK, c.local(PAGE), c.local(KSWAPD));
            case SHRUNK -> {
                if (c.result() == ShrinkPage.FREED) {
                    zones.modIsolated(zone, -1);
                    yield c.ret(1);
                }
                yield c.yieldTo(EVICTABLE);
            }
            case EVICTABLE -> c.yieldTo(lru.pageEvictable(c.local(PAGE)) ? PUTBACK : UNEVICTABLE);
            case UNEVICTABLE -> {
                zones.modIsolated(zone, -1);
                yield c.call(putbackLruPage, UNEVICTABLE_DONE, c.local(PAGE));
            }
            case UNEVICTABLE_DONE -> c.ret(0);
            case PUTBACK -> {
                zones.modIsolated(zone, -1);
                yield lru.putbackIsolated(c.local(PAGE)) ? c.yieldTo(FREE) : c.ret(0);
            }
            case FREE -> {
                freePath.freePagesOk(c.local(PAGE), 0);
                yield c.ret(0);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 13, pc);
        };
    }

    @Override
    protected String detail(FrameView f) {
        return "zone=" + f.local(ZONE) + (f.local(ANON) != 0 ? " inactive_anon" : " inactive_file")
                + (f.local(PAGE) > 0 ? " pfn=" + f.local(PAGE) : "");
    }
}
