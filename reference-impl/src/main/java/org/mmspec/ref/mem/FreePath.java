package org.mmspec.ref.mem;

import org.mmspec.ref.sync.Current;
import org.mmspec.ref.sync.Ghost;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;

/**
 * Freeing blocks of pages (mm/page_alloc.c {@code __free_pages}, {@code free_pages_prepare},
 * {@code free_hot_cold_page}). The per-cpu page lists are not modelled: order-0 pages go straight back
 * to the buddy lists. The release of a page's last reference by {@code put_page()}, which first takes
 * it off the LRU, is {@code org.mmspec.ref.lru.Lru#putPage}.
 */
public final class FreePath {

    private final Pages pages;
    private final CompoundPages compound;
    private final Buddy buddy;
    private final Ghost ghost;
    private final Current current;

    public FreePath(Pages pages, CompoundPages compound, Buddy buddy, Ghost ghost, Current current) {
        this.pages = pages;
        this.compound = compound;
        this.buddy = buddy;
        this.ghost = ghost;
        this.current = current;
    }

    /**
     * {@code __free_pages()} (mm/page_alloc.c): drops the caller's reference to a block of
     * {@code 2^order} pages (a compound page's too: the reference is the head's) and frees it if that was
     * the last. Context: any; takes the zone lock.
     *
     * @throws Oops on a free page ({@code put_page_testzero}) or a page in a bad state
     */
    public void freePagesBlock(int pfn, int order) {
        if (pages.refs().putPageTestzero(pfn)) {
            freePagesOk(pfn, order);
        }
    }

    /**
     * {@code free_pages_prepare()} + {@code __free_one_page()}: checks the page is clean of state that
     * must not survive a free ({@code free_pages_check}), clears its flags and mapping, and returns the
     * block to the buddy lists. A page still mapped, on the LRU, locked or under writeback is a
     * "Bad page state" kernel BUG.
     */
    public void freePagesOk(int pfn, int order) {
        current.ownZeroCount(pfn, order);
        Pages p = pages;
        if (p.pageFlag(pfn, PageFlag.HEAD)) {
            compound.destroyCompoundPage(pfn, order);
        }
        for (int i = 0; i < (1 << order); i++) {
            int page = pfn + i;
            if (p.pageAnon(page)) {
                p.setMapping(page, Mapping.NULL);
            }
            int flags = p.flags(page);
            if (p.rawMapcount(page) != -1 || p.mapping(page) != Mapping.NULL || p.pageCount(page) != 0
                    || (flags & PageFlag.CHECK_AT_FREE) != 0) {
                throw new Oops(OopsKind.BAD_PAGE_STATE, page, flags);
            }
            ghost.pageFreed(page);
            p.zeroCountReleased(page);
            p.setFlags(page, 0);
            p.setData(page, 0);
            p.setIndex(page, 0);
            p.setPagePrivate(page, 0);
        }
        int zone = buddy.zoneOf(pfn);
        buddy.zoneLock(zone);
        buddy.freeOnePage(pfn, order, current.cpu());
        buddy.zoneUnlock(zone);
    }
}
