package org.mmspec.ref.alloc;

import org.mmspec.ref.mem.FreePath;
import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code __free_pages(page, order)} (mm/page_alloc.c), action by action: the caller's reference to a
 * block of {@code 2^order} pages — a compound page's head reference included — is dropped ({@code
 * put_page_testzero}), and if that was the last the block goes back to the buddy allocator ({@code
 * __free_pages_ok}, under {@code zone->lock}). Context: any.
 *
 * <p>Arguments: pfn, order.
 */
public final class FreePages extends Procedure {

    private static final int PFN = 0;
    private static final int ORDER = 1;

    private static final int TESTZERO = 0;
    private static final int FREE = 1;

    private final Pages pages;
    private final FreePath freePath;

    public FreePages(Pages pages, FreePath freePath) {
        super("__free_pages", "put_page_testzero", "__free_pages_ok");
        this.pages = pages;
        this.freePath = freePath;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        if (pc == TESTZERO) {
            return pages.refs().putPageTestzero(c.local(PFN)) ? c.yieldTo(FREE) : c.ret(0);
        }
        freePath.freePagesOk(c.local(PFN), c.local(ORDER));
        return c.ret(1);
    }

    @Override
    protected String detail(FrameView f) {
        return "pfn=" + f.local(PFN) + " order=" + f.local(ORDER);
    }
}
