package org.mmspec.ref.pageref;

import org.mmspec.ref.swap.Swap;
import org.mmspec.ref.threads.Ctx;
import org.mmspec.ref.threads.Flow;
import org.mmspec.ref.threads.FrameView;
import org.mmspec.ref.threads.Procedure;

/**
 * {@code delete_from_swap_cache(page)} (mm/swap_state.c, Linux 4.9), action by action: under the
 * swapper space's {@code tree_lock}, {@code __delete_from_swap_cache()}; then {@code swapcache_free()}
 * under {@code swap_lock}; then {@code put_page()} of the cache's reference. Context: page locked.
 *
 * <p>Arguments: pfn.
 */
public final class DeleteFromSwapCache extends Procedure {

    private static final int PFN = 0;
    private static final int OFFSET = 1;

    private static final int DELETE = 0;
    private static final int SWAPCACHE_FREE = 1;
    private static final int PUT = 2;
    private static final int DONE = 3;

    private final Swap swap;
    private final PutPage putPage;

    public DeleteFromSwapCache(Swap swap, PutPage putPage) {
        super("delete_from_swap_cache", "__delete_from_swap_cache", "swapcache_free", "put_page", "done");
        this.swap = swap;
        this.putPage = putPage;
    }

    @Override
    protected Flow run(Ctx c, int pc) {
        return switch (pc) {
            case DELETE -> {
                c.set(OFFSET, swap.deleteFromSwapCache(c.local(PFN)));
                yield c.yieldTo(SWAPCACHE_FREE);
            }
            case SWAPCACHE_FREE -> {
                swap.swapcacheFree(c.local(OFFSET));
                yield c.yieldTo(PUT);
            }
            case PUT -> c.call(putPage, DONE, c.local(PFN));
            default -> c.ret(0);
        };
    }

    @Override
    protected String detail(FrameView f) {
        return "pfn=" + f.local(PFN);
    }
}
