package org.mmspec.ref.pagecache;

import org.mmspec.ref.filemap.PageCache;
import org.mmspec.ref.lru.Lru;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.sync.Oops;
import org.mmspec.ref.sync.OopsKind;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code find_get_page(mapping, index)} → {@code find_get_entry()} (mm/filemap.c, Linux 4.9): the
 * lockless page-cache lookup under RCU, one atomic access a step. Load the slot
 * ({@code radix_tree_lookup_slot}, {@code radix_tree_deref_slot}); take a reference speculatively
 * ({@code page_cache_get_speculative()}: unless the count is zero — the page is being freed — else look
 * again); then reload the slot: if it no longer holds the page, the page was removed (and maybe freed
 * and reused for something else) between the load and the reference, so drop the reference and look
 * again. Only then may the caller touch the page. Context: any; no locks; the caller gets a reference.
 *
 * <p>Arguments: file, page index. Returns the pfn, with a reference, or -1.
 */
public final class FindGetPage extends Procedure {

    private static final int FILE = 0;
    private static final int INDEX = 1;
    private static final int PAGE = 2;

    private static final int LOAD = 0;
    private static final int GET = 1;
    private static final int RELOAD = 2;
    private static final int PUT = 3;

    private final Pages pages;
    private final Lru lru;
    private final PageCache pageCache;

    public FindGetPage(Pages pages, Lru lru, PageCache pageCache) {
        super("find_get_entry", "radix_tree_deref_slot", "page_cache_get_speculative", "reload_slot", "put_page");
        this.pages = pages;
        this.lru = lru;
        this.pageCache = pageCache;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int page = c.local(PAGE) - 1;
        switch (pc) {
            case LOAD -> {
                int found = pageCache.lookup(c.local(FILE), c.local(INDEX));
                if (found < 0) {
                    return c.ret(-1);
                }
                c.set(PAGE, found + 1);
                return c.yieldTo(GET);
            }
            case GET -> {
                if (!pages.getPageUnlessZero(page)) {
                    c.set(PAGE, 0);
                    return c.yieldTo(LOAD);
                }
                return c.yieldTo(RELOAD);
            }
            case RELOAD -> {
                if (pageCache.lookup(c.local(FILE), c.local(INDEX)) != page) {
                    return c.yieldTo(PUT);
                }
                return c.ret(page);
            }
            case PUT -> {
                lru.putPage(page);
                c.set(PAGE, 0);
                return c.yieldTo(LOAD);
            }
            default -> throw new Oops(OopsKind.MODEL_MISUSE, 42, pc);
        }
    }

    @Override
    protected String detail(FrameView f) {
        return "file" + f.local(FILE) + " index=" + f.local(INDEX) + (f.local(PAGE) > 0 ? " pfn=" + (f.local(PAGE) - 1) : "");
    }
}
