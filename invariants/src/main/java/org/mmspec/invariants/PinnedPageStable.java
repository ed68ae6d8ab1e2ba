package org.mmspec.invariants;

import org.mmspec.ref.view.MmView;
import org.mmspec.spec.semantics.Invariant;
import org.mmspec.spec.semantics.Witness;

/**
 * {@code pinned_page_stable}: a page that {@code get_user_pages(FOLL_GET)} handed out stays allocated until
 * its user releases it: no pinned page was ever freed (the ghost {@code pinnedPageFreed()}), and every
 * page with GUP references outstanding has at least that many references and is not in a buddy free
 * block.
 *
 * <p>Kernel: mm/gup.c {@code follow_page_mask()} takes the reference ({@code get_page()} under
 * {@code FOLL_GET}) that {@code __get_user_pages()} returns; the caller's {@code put_page()} releases it
 * (mm/memory.c {@code __access_remote_vm()}); direct I/O and RDMA rely on the page not being reused
 * while pinned (modern kernels: {@code FOLL_PIN}, {@code page_maybe_dma_pinned()}).
 */
public final class PinnedPageStable implements Invariant<MmView> {

    public static final String ID = "pinned_page_stable";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "a page held by get_user_pages is not freed or reused while held: page_count >= GUP references and"
                + " not in a buddy free list";
    }

    @Override
    public Witness check(MmView v) {
        int freed = v.ghosts().pinnedPageFreed();
        if (freed >= 0) {
            return Witness.of(Names.pfn(freed) + " was freed while a get_user_pages() reference to it was held",
                    Names.pfn(freed));
        }
        int pages = v.config().nrPages();
        for (int pfn = 0; pfn < pages; pfn++) {
            int pins = v.pins(pfn);
            if (pins <= 0) {
                continue;
            }
            if (v.isFree(pfn)) {
                return Witness.of(Names.pfn(pfn) + " is in a buddy free block while get_user_pages() holds " + pins
                        + " reference" + (pins == 1 ? "" : "s"), Names.pfn(pfn));
            }
            if (v.pageCount(pfn) < pins) {
                return Witness.of(Names.pfn(pfn) + ": page_count " + v.pageCount(pfn) + " < " + pins
                        + " get_user_pages() references", Names.pfn(pfn));
            }
        }
        return null;
    }
}
