package org.mmspec.ref.proc;

import org.mmspec.ref.alloc.AllocPages;
import org.mmspec.ref.mem.FreePath;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * A kernel user of the page allocator: {@code alloc_pages(gfp, order)} and, if {@code free} is set,
 * {@code __free_pages()} of the block afterwards. Context: process (or atomic with {@code GFP_ATOMIC}).
 *
 * <p>Arguments: gfp, order, free (0/1). Returns the pfn or -1.
 */
public final class AllocFree extends Procedure {

    private static final int GFP = 0;
    private static final int ORDER = 1;
    private static final int FREE = 2;
    private static final int PAGE = 3;

    private static final int ALLOC = 0;
    private static final int ALLOCATED = 1;
    private static final int FREEING = 2;

    private final FreePath freePath;
    private final AllocPages allocPages;

    public AllocFree(FreePath freePath, AllocPages allocPages) {
        super("alloc_pages_user", "alloc_pages", "alloc_pages:done", "__free_pages");
        this.freePath = freePath;
        this.allocPages = allocPages;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        switch (pc) {
            case ALLOC -> {
                return c.call(allocPages, ALLOCATED, c.local(GFP), c.local(ORDER));
            }
            case ALLOCATED -> {
                int page = c.result();
                c.set(PAGE, page + 1);
                if (page < 0 || c.local(FREE) == 0) {
                    return c.ret(page);
                }
                return c.yieldTo(FREEING);
            }
            default -> {
                int page = c.local(PAGE) - 1;
                freePath.freePagesBlock(page, c.local(ORDER));
                return c.ret(page);
            }
        }
    }

    @Override
    protected String detail(FrameView f) {
        return "order=" + f.local(ORDER) + (f.local(PAGE) > 0 ? " pfn=" + (f.local(PAGE) - 1) : "");
    }
}
