package org.mmspec.ref.pageref;

import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.swap.Swap;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code find_get_page(mapping, offset)} → {@code find_get_entry()} (mm/filemap.c, Linux 4.9), the
 * lockless page-cache lookup, action by action: under RCU, load the slot; {@code
 * page_cache_get_speculative()} ({@code get_page_unless_zero}: the page may be being freed — then look
 * again); reload the slot — if the page has moved (truncated, replaced), drop the reference
 * ({@link PutPage}) and look again. The swap cache is the swapper space's page cache
 * ({@code lookup_swap_cache}). Context: any; the caller holds no lock the lookup needs.
 *
 * <p>Arguments: file (-1: the swap cache), index (the swap slot). Returns the pfn with a reference, or -1.
 */
public final class FindGetPage extends Procedure {

    private static final int FILE = 0;
    private static final int INDEX = 1;
    private static final int PAGE = 2;

    private static final int SLOT = 0;
    private static final int SPECULATIVE = 1;
    private static final int RELOAD = 2;
    private static final int MOVED = 3;
    private static final int RETRY = 4;

    private final Pages pages;
    private final PageCache pageCache;
    private final Swap swap;
    private final PutPage putPage;

    public FindGetPage(Pages pages, PageCache pageCache, Swap swap, PutPage putPage) {
        super("find_get_entry", "radix_tree_deref_slot", "page_cache_get_speculative", "reload_slot", "put_page",
                "repeat");
        this.pages = pages;
        this.pageCache = pageCache;
        this.swap = swap;
        this.putPage = putPage;
    }

    private int slot(Ctx c) {
        int file = c.local(FILE);
        return file < 0 ? swap.cachePage(c.local(INDEX)) : pageCache.lookup(file, c.local(INDEX));
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        switch (pc) {
            case RETRY -> {
                return c.yieldTo(SLOT);
            }
            case SLOT -> {
                int page = slot(c);
                if (page < 0) {
                    return c.ret(-1);
                }
                c.set(PAGE, page);
                return c.yieldTo(SPECULATIVE);
            }
            case SPECULATIVE -> {
                return c.yieldTo(pages.refs().getPageUnlessZero(c.local(PAGE)) ? RELOAD : RETRY);
            }
            case RELOAD -> {
                return slot(c) == c.local(PAGE) ? c.ret(c.local(PAGE)) : c.yieldTo(MOVED);
            }
            default -> {
                return c.call(putPage, RETRY, c.local(PAGE));
            }
        }
    }

    @Override
    protected String detail(FrameView f) {
        return (f.local(FILE) < 0 ? "swap" : "file" + f.local(FILE)) + " index=" + f.local(INDEX);
    }
}
