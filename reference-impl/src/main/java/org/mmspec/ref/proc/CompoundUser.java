package org.mmspec.ref.proc;

import org.mmspec.ref.mem.Pages;
import org.mmspec.ref.pageref.PutPage;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * A kernel user of one page of a compound page, handed to it with a reference (a driver's buffer, a
 * sub-page of a huge page): it takes a second reference ({@code get_page()} — a tail page's reference is
 * the head's, {@code compound_head()}), looks at the count ({@code page_count()}), and drops both
 * ({@code put_page()} twice; the last reference to the compound page frees all of it). Context: holds a
 * reference when it starts.
 *
 * <p>Arguments: pfn (head or tail). Returns the {@code page_count()} it saw.
 */
public final class CompoundUser extends Procedure {

    private static final int PFN = 0;
    private static final int COUNT = 1;

    private static final int GET = 0;
    private static final int COUNT_PAGE = 1;
    private static final int PUT = 2;
    private static final int PUT_LAST = 3;
    private static final int PUT_DONE = 4;
    private static final int DONE = 5;

    private final Pages pages;
    private final PutPage putPage;

    public CompoundUser(Pages pages, PutPage putPage) {
        super("compound_user", "get_page", "page_count", "put_page", "put_page:last", "put_page:done", "done");
        this.pages = pages;
        this.putPage = putPage;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        int pfn = c.local(PFN);
        switch (pc) {
            case GET -> {
                pages.refs().getPage(pfn);
                return c.yieldTo(COUNT_PAGE);
            }
            case COUNT_PAGE -> {
                c.set(COUNT, pages.pageCount(pfn));
                return c.yieldTo(PUT);
            }
            case PUT -> {
                return c.call(putPage, PUT_DONE, pfn);
            }
            case PUT_DONE -> {
                return c.yieldTo(PUT_LAST);
            }
            case PUT_LAST -> {
                return c.call(putPage, DONE, pfn);
            }
            default -> {
                return c.ret(c.local(COUNT));
            }
        }
    }

    @Override
    protected String detail(FrameView f) {
        return "pfn=" + f.local(PFN);
    }
}
