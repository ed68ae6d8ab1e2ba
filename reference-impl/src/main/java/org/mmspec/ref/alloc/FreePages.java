package org.mmspec.ref.alloc;

import org.mmspec.ref.mem.FreePath;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code __free_pages(page, order)} (mm/page_alloc.c) as a step of its own: the caller's reference to a
 * block of {@code 2^order} pages — a compound page's head reference included — is dropped, and the block
 * goes back to the buddy allocator if that was the last. Context: any.
 *
 * <p>Arguments: pfn, order.
 */
public final class FreePages extends Procedure {

    private static final int PFN = 0;
    private static final int ORDER = 1;

    private final FreePath freePath;

    public FreePages(FreePath freePath) {
        super("__free_pages", "put_page_testzero");
        this.freePath = freePath;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        freePath.freePagesBlock(c.local(PFN), c.local(ORDER));
        return c.ret(0);
    }

    @Override
    protected String detail(FrameView f) {
        return "pfn=" + f.local(PFN) + " order=" + f.local(ORDER);
    }
}
